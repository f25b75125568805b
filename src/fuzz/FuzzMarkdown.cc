// The Markdown target: the input is a page's source as a member saves it (valid UTF-8, at most
// PageService's cap). Contract: Render never throws and gives HTML that is UTF-8 and holds only
// the tags and attributes cmark's safe mode and our wiki links write (no raw HTML, no event
// handler, no javascript:, vbscript:, file: or data: URL but a PNG, GIF, JPEG or WebP image), plain
// text in UTF-8, valid page slugs and positive file ids, each once; RewriteLinks that changes
// nothing gives back the source byte for byte, and one that renames every link gives UTF-8.
#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/PageService.h"
#include "core/Text.h"
#include "fuzz/FuzzCheck.h"
#include "fuzz/FuzzTargets.h"
#include "render/CmarkRenderer.h"

namespace kring::fuzz {
namespace {

constexpr std::string_view kRawHtmlComment = "<!-- raw HTML omitted -->";

constexpr std::array<std::string_view, 29> kTags = {
    "a",      "blockquote", "br",    "code", "del",   "em",    "h1", "h2", "h3",  "h4",
    "h5",     "h6",         "hr",    "img",  "input", "li",    "ol", "p",  "pre", "span",
    "strong", "table",      "tbody", "td",   "th",    "thead", "tr", "ul", "sup"};
constexpr std::array<std::string_view, 11> kAttributes = {
    "href", "src", "alt", "title", "class", "id", "align", "type", "checked", "disabled", "start"};

template <size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// What a browser would run or load from the URL in an href or src attribute: cmark's safe mode
// rule, which lets data: through for PNG, GIF, JPEG and WebP images only (in links too).
bool SafeUrl(std::string_view url) {
  const std::string lower = ToLower(Trim(url));
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (lower.starts_with(scheme)) return false;
  }
  if (!lower.starts_with("data:")) return true;
  for (std::string_view image :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (lower.starts_with(image)) return true;
  }
  return false;
}

// Every '<' opens an allowed tag whose attributes are allowed and double-quoted, or is the
// comment safe mode leaves for raw HTML. Returns past the tag at `i`.
size_t CheckTag(std::string_view html, size_t i) {
  if (html.substr(i).starts_with(kRawHtmlComment)) return i + kRawHtmlComment.size();
  size_t k = i + 1;
  if (k < html.size() && html[k] == '/') ++k;
  const size_t name_start = k;
  while (k < html.size() && IsNameChar(html[k])) ++k;
  Require(OneOf(html.substr(name_start, k - name_start), kTags), "only allowed HTML tags");
  for (;;) {
    while (k < html.size() && html[k] == ' ') ++k;
    Require(k < html.size(), "a tag is closed");
    if (html[k] == '>') return k + 1;
    if (html.substr(k, 2) == "/>") return k + 2;
    const size_t attribute_start = k;
    while (k < html.size() && IsNameChar(html[k])) ++k;
    const std::string_view attribute = html.substr(attribute_start, k - attribute_start);
    Require(OneOf(attribute, kAttributes), "only allowed HTML attributes");
    if (k < html.size() && html[k] == '=') {
      Require(html.substr(k, 2) == "=\"", "attribute values are double-quoted");
      const size_t value_end = html.find('"', k + 2);
      Require(value_end != html.npos, "attribute values are closed");
      const std::string_view value = html.substr(k + 2, value_end - k - 2);
      Require(value.find('<') == value.npos, "no '<' inside an attribute");
      if (attribute == "href" || attribute == "src") {
        Require(SafeUrl(value), "no script or local URL");
      }
      k = value_end + 1;
    }
  }
}

void CheckHtml(std::string_view html) {
  Require(IsValidUtf8(html), "the HTML is UTF-8");
  for (size_t i = html.find('<'); i != html.npos; i = html.find('<', i)) i = CheckTag(html, i);
}

// Pages whose slug starts with a letter up to 'm' exist; files whose name has an odd length.
class FuzzLinks final : public LinkResolver {
 public:
  std::optional<std::string> Resolve(std::string_view target) const override {
    std::string slug = Slugify(target);
    if (slug.empty() || slug[0] > 'm') return std::nullopt;
    return slug;
  }
  std::optional<FileLink> ResolveFile(std::string_view name) const override {
    if (name.size() % 2 == 0) return std::nullopt;
    const auto id = static_cast<int64_t>(name.size());
    return FileLink{id, "/f/" + std::to_string(id) + "/" + PercentEncode(name)};
  }
};

void CheckRendered(const RenderedMarkdown& out) {
  CheckHtml(out.html);
  Require(IsValidUtf8(out.text), "the text is UTF-8");
  std::set<std::string> slugs(out.link_slugs.begin(), out.link_slugs.end());
  Require(slugs.size() == out.link_slugs.size(), "each slug once");
  for (const std::string& slug : out.link_slugs) {
    // IsValidSlug, not Slugify(slug) == slug: pages made through the API may have slugs of up
    // to 200 bytes, longer than Slugify writes, and a link to one must count.
    Require(IsValidSlug(slug), "linked slugs are slugs");
  }
  std::set<int64_t> ids(out.file_ids.begin(), out.file_ids.end());
  Require(ids.size() == out.file_ids.size(), "each file id once");
  Require(ids.empty() || *ids.begin() > 0, "file ids are positive");
}

}  // namespace

int FuzzMarkdown(const uint8_t* data, size_t size) {
  static const CmarkRenderer renderer;
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  if (size > PageLimits{}.max_body_bytes || !IsValidUtf8(markdown)) return 0;
  CheckRendered(renderer.Render(markdown, FuzzLinks()));

  const LinkRewrite none{[](std::string_view) { return std::optional<std::string>(); },
                         [](std::string_view) { return std::optional<std::string>(); }};
  Require(renderer.RewriteLinks(markdown, none) == markdown, "rewriting no link keeps the source");
  const LinkRewrite rename{[](std::string_view target) {
                             return std::optional<std::string>("Nieuw " + std::string(target));
                           },
                           [](std::string_view slug) {
                             return std::optional<std::string>("nieuw-" + std::string(slug));
                           }};
  Require(IsValidUtf8(renderer.RewriteLinks(markdown, rename)), "renamed links keep UTF-8");
  return 0;
}

}  // namespace kring::fuzz
