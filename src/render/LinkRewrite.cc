#include "render/LinkRewrite.h"

#include <algorithm>

#include "core/Text.h"
#include "render/WikiLink.h"

namespace kring {
namespace {

// Answers whether a byte offset of the source lies on a code line. Offsets must be asked in
// increasing order (the walk over the source does), which keeps the whole rewrite linear.
class CodeLines {
 public:
  CodeLines(std::string_view text, const LineRanges& ranges) : text_(text), ranges_(ranges) {
    std::sort(ranges_.begin(), ranges_.end());
  }

  bool Contains(size_t offset) {
    for (; scanned_ < offset && scanned_ < text_.size(); ++scanned_) {
      if (text_[scanned_] == '\n') ++line_;
    }
    while (next_ < ranges_.size() && ranges_[next_].second < line_) ++next_;
    return next_ < ranges_.size() && ranges_[next_].first <= line_;
  }

 private:
  std::string_view text_;
  LineRanges ranges_;
  size_t scanned_ = 0;  // bytes before this one are counted in line_
  int line_ = 1;
  size_t next_ = 0;  // the first range that may still hold line_
};

// The wiki link written as text[0, end) ("[[Target#Section|label]]") with its target replaced.
std::string RewriteWikiLink(std::string_view written, const std::string& target) {
  const std::string_view inner = written.substr(2, written.size() - 4);
  const size_t bar = inner.find('|');
  const std::string_view target_part = inner.substr(0, bar);
  std::string out = "[[" + target;
  if (const size_t hash = target_part.find('#'); hash != std::string_view::npos) {
    out += '#';
    out += Trim(target_part.substr(hash + 1));
  }
  if (bar != std::string_view::npos) out += inner.substr(bar);
  out += "]]";
  return out;
}

// Rewrites the wiki links of `text`.
std::string RewriteWikiLinks(std::string_view text, const LinkRewrite& rewrite, CodeLines& code) {
  std::string out;
  size_t offset = 0;
  for (const WikiSegment& segment : SplitWikiLinks(text)) {
    if (!segment.is_link) {
      out += segment.literal;
      offset += segment.literal.size();
      continue;
    }
    // A link runs from its "[[" (where the previous literal ended) to the first "]]" after it.
    const size_t end = text.find("]]", offset + 2) + 2;
    const std::string_view written = text.substr(offset, end - offset);
    std::optional<std::string> target;
    if (!segment.link.file && rewrite.wiki_target && !code.Contains(offset)) {
      target = rewrite.wiki_target(segment.link.target);
    }
    out += target ? RewriteWikiLink(written, *target) : std::string(written);
    offset = end;
  }
  return out;
}

bool IsSlugByte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// Rewrites the destinations of Markdown links to /p/{slug} ("[text](/p/slug#part)").
std::string RewriteMarkdownLinks(std::string_view text, const LinkRewrite& rewrite,
                                 CodeLines& code) {
  constexpr std::string_view kOpening = "](/p/";
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find(kOpening); at != std::string_view::npos;
       at = text.find(kOpening, at + 1)) {
    const size_t start = at + kOpening.size();
    size_t end = start;
    while (end < text.size() && IsSlugByte(text[end])) ++end;
    if (end == text.size() || std::string_view(")# ").find(text[end]) == std::string_view::npos) {
      continue;
    }
    const std::string_view slug = text.substr(start, end - start);
    if (!IsValidSlug(slug) || code.Contains(at)) continue;
    std::optional<std::string> replacement = rewrite.page_slug(slug);
    if (!replacement) continue;
    out += text.substr(copied, start - copied);
    out += *replacement;
    copied = end;
  }
  out += text.substr(copied);
  return out;
}

}  // namespace

std::string RewritePageLinks(std::string_view markdown, const LinkRewrite& rewrite,
                             const LineRanges& code_lines) {
  std::string text(markdown);
  if (rewrite.wiki_target) {
    CodeLines code(text, code_lines);
    text = RewriteWikiLinks(text, rewrite, code);
  }
  // Rewriting wiki links may have moved lines' bytes but never added or removed a line break
  // (a wiki link holds none), so the code lines are still where they were.
  if (rewrite.page_slug) {
    CodeLines code(text, code_lines);
    text = RewriteMarkdownLinks(text, rewrite, code);
  }
  return text;
}

}  // namespace kring
