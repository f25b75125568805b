// Rewriting the links to a renamed page in Markdown (CmarkRenderer::RewriteLinks): what changes,
// and that everything else stays byte for byte.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/Text.h"
#include "render/CmarkRenderer.h"

namespace kring {
namespace {

// The page was "Kennisbeheer" (slug kennisbeheer, and before that kb-oud), now "Kennisdeling".
LinkRewrite ToKennisdeling() {
  LinkRewrite rewrite;
  rewrite.wiki_target = [](std::string_view target) -> std::optional<std::string> {
    const std::string slug = Slugify(target);
    if (slug == "kennisbeheer" || slug == "kb-oud") return "Kennisdeling";
    return std::nullopt;
  };
  rewrite.page_slug = [](std::string_view slug) -> std::optional<std::string> {
    if (slug == "kennisbeheer" || slug == "kb-oud") return "kennisdeling";
    return std::nullopt;
  };
  return rewrite;
}

TEST_CASE("links naming a renamed page are rewritten, and nothing else is") {
  struct Case {
    const char* name;
    std::string before;
    std::string after;
  };
  const std::vector<Case> cases = {
      {"a plain link", "Zie [[Kennisbeheer]].", "Zie [[Kennisdeling]]."},
      {"by slug, any case, with spaces", "Zie [[ kennisbeheer ]] en [[KB oud]].",
       "Zie [[Kennisdeling]] en [[Kennisdeling]]."},
      {"label and section kept", "[[Kennisbeheer#Tools en  tips|de tools]]",
       "[[Kennisdeling#Tools en  tips|de tools]]"},
      {"a section without label", "[[Kennisbeheer # Tools]]", "[[Kennisdeling#Tools]]"},
      {"other links untouched", "[[CRM]], [[Kennisbeheer in Wielsbeke]], [[file:Kennisbeheer]]",
       "[[CRM]], [[Kennisbeheer in Wielsbeke]], [[file:Kennisbeheer]]"},
      {"several on a line, and inner brackets", "[[a [[Kennisbeheer]] b [[Kennisbeheer|x]]",
       "[[a [[Kennisdeling]] b [[Kennisdeling|x]]"},
      {"Markdown links to the page", "[kb](/p/kennisbeheer) [t](/p/kb-oud#tools \"T\")",
       "[kb](/p/kennisdeling) [t](/p/kennisdeling#tools \"T\")"},
      {"Markdown links elsewhere", "[a](/p/kennisbeheer-extra) [b](/p/crm) [c](/f/1/kennisbeheer)",
       "[a](/p/kennisbeheer-extra) [b](/p/crm) [c](/f/1/kennisbeheer)"},
      {"fenced code left alone",
       "Voor:\n\n```\n[[Kennisbeheer]] and [x](/p/kennisbeheer)\n```\n\nNa: [[Kennisbeheer]]\n",
       "Voor:\n\n```\n[[Kennisbeheer]] and [x](/p/kennisbeheer)\n```\n\nNa: [[Kennisdeling]]\n"},
      {"indented code left alone", "Tekst\n\n    [[Kennisbeheer]]\n\n[[Kennisbeheer]]",
       "Tekst\n\n    [[Kennisbeheer]]\n\n[[Kennisdeling]]"},
      {"unclosed and broken links", "[[Kennisbeheer\n]] [[ ]] [[Kennisbeheer",
       "[[Kennisbeheer\n]] [[ ]] [[Kennisbeheer"},
      {"CRLF and accents kept", "Één\r\n[[Kennisbeheer]]\r\nçà", "Één\r\n[[Kennisdeling]]\r\nçà"},
      {"empty", "", ""},
  };
  CmarkRenderer renderer;
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(renderer.RewriteLinks(c.before, ToKennisdeling()) == c.after);
  }
}

TEST_CASE("a rewrite without callbacks changes nothing") {
  CmarkRenderer renderer;
  const std::string text = "[[Kennisbeheer]] [x](/p/kennisbeheer)";
  CHECK(renderer.RewriteLinks(text, LinkRewrite{}) == text);
  LinkRewrite wiki_only = ToKennisdeling();
  wiki_only.page_slug = nullptr;
  CHECK(renderer.RewriteLinks(text, wiki_only) == "[[Kennisdeling]] [x](/p/kennisbeheer)");
}

}  // namespace
}  // namespace kring
