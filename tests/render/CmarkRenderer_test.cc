// CmarkRenderer: GFM, safe mode, wiki links, heading anchors, link slugs and plain text.
#include "render/CmarkRenderer.h"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kring {
namespace {

// Test data: which wiki-link targets exist, and under which slug. The slug is deliberately not
// always Slugify(target), so the tests see that the resolver's answer is what gets linked.
class MapResolver final : public LinkResolver {
 public:
  explicit MapResolver(std::map<std::string, std::string, std::less<>> pages)
      : pages_(std::move(pages)) {}
  std::optional<std::string> Resolve(std::string_view target) const override {
    auto it = pages_.find(target);
    if (it == pages_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string, std::less<>> pages_;
};

const MapResolver& Pages() {
  static const MapResolver pages({
      {"Home", "home"},
      {"Gemma", "gemma-zaken"},
      {"Zaalreservatie — Recreatex", "zaalreservatie-recreatex"},
      {"Kwaad", "a\"><script>alert(1)</script>"},
  });
  return pages;
}

RenderedMarkdown Render(std::string_view markdown) {
  return CmarkRenderer().Render(markdown, Pages());
}

struct HtmlCase {
  const char* name;
  const char* markdown;
  std::vector<const char*> contains;
  std::vector<const char*> excludes;
};

void CheckHtml(const HtmlCase& c) {
  const std::string name = c.name;
  const std::string markdown = c.markdown;
  CAPTURE(name);
  CAPTURE(markdown);
  const std::string html = Render(c.markdown).html;
  CAPTURE(html);
  for (const char* wanted : c.contains) CHECK(html.find(wanted) != std::string::npos);
  for (const char* unwanted : c.excludes) CHECK(html.find(unwanted) == std::string::npos);
}

TEST_CASE("GitHub-flavoured Markdown renders tables, strikethrough, autolinks and task lists") {
  const HtmlCase cases[] = {
      {"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", {"<table>", "<th>a</th>", "<td>2</td>"}, {}},
      {"strikethrough", "dit is ~~weg~~", {"<del>weg</del>"}, {"~~"}},
      {"autolink",
       "zie www.example.com",
       {"<a href=\"http://www.example.com\">www.example.com</a>"},
       {}},
      {"task list",
       "- [ ] open\n- [x] klaar\n",
       {"<input type=\"checkbox\" disabled=\"\" /> open",
        "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> klaar"},
       {"[ ]", "[x]"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("raw HTML and javascript: URLs never reach the page") {
  const HtmlCase cases[] = {
      {"script block", "<script>alert(1)</script>\n", {"raw HTML omitted"}, {"<script", "alert"}},
      {"inline script", "tekst <script>alert(1)</script>", {"tekst"}, {"<script"}},
      {"event handler", "<img src=x onerror=alert(1)>", {}, {"<img", "onerror"}},
      {"javascript link", "[x](javascript:alert(1))", {"<a href=\"\">x</a>"}, {"javascript"}},
      {"javascript autolink", "<javascript:alert(1)>", {"<a href=\"\">"}, {"href=\"javascript"}},
      {"html in a wiki label", "[[Home|<img src=x onerror=alert(1)>]]", {}, {"<img", "onerror"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("wiki links resolve to pages or to red links") {
  const HtmlCase cases[] = {
      {"existing page", "[[Home]]", {"<a href=\"/p/home\" class=\"wikilink\">Home</a>"}, {"[["}},
      {"label",
       "[[Home|de start]]",
       {"<a href=\"/p/home\" class=\"wikilink\">de start</a>"},
       {"[[", "|"}},
      {"section",
       "[[Home#Eerste stappen|begin]]",
       {"<a href=\"/p/home#eerste-stappen\" class=\"wikilink\">begin</a>"},
       {}},
      {"slug from the resolver",
       "[[Gemma]]",
       {"<a href=\"/p/gemma-zaken\" class=\"wikilink\">Gemma</a>"},
       {}},
      {"red link",
       "[[Nieuwe pagina]]",
       {"<a href=\"/new?title=Nieuwe%20pagina\" class=\"wikilink new\">Nieuwe pagina</a>"},
       {}},
      {"accents, resolved",
       "[[Zaalreservatie — Recreatex]]",
       {"<a href=\"/p/zaalreservatie-recreatex\" class=\"wikilink\">Zaalreservatie — "
        "Recreatex</a>"},
       {}},
      {"accents, red",
       "[[Café Überleben]]",
       {"<a href=\"/new?title=Caf%C3%A9%20%C3%9Cberleben\" class=\"wikilink new\">Café "
        "Überleben</a>"},
       {}},
      {"two in one text node",
       "[[Home]] en [[Gemma]]",
       {"<a href=\"/p/home\" class=\"wikilink\">Home</a> en <a href=\"/p/gemma-zaken\" "
        "class=\"wikilink\">Gemma</a>"},
       {}},
      {"inside emphasis",
       "*[[Home]]*",
       {"<em><a href=\"/p/home\" class=\"wikilink\">Home</a></em>"},
       {}},
      {"in a table cell, bar escaped",
       "| a |\n|---|\n| [[Home\\|start]] |\n",
       {"<td><a href=\"/p/home\" class=\"wikilink\">start</a></td>"},
       {}},
      {"label escaped by cmark", "[[Home|A & B]]", {">A &amp; B</a>"}, {}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("wiki link syntax stays literal where it is not a link") {
  const HtmlCase cases[] = {
      {"code span", "`[[Home]]`", {"<code>[[Home]]</code>"}, {"wikilink"}},
      {"fenced code", "```\n[[Home]]\n```\n", {"<pre><code>[[Home]]\n</code></pre>"}, {"wikilink"}},
      {"indented code", "    [[Home]]\n", {"<pre><code>[[Home]]"}, {"wikilink"}},
      {"inside a Markdown link",
       "[zie [[Home]]](/p/gemma-zaken)",
       {"zie [[Home]]</a>"},
       {"wikilink"}},
      {"empty", "[[]]", {"[[]]"}, {"wikilink"}},
      {"whitespace", "[[  ]]", {"[[  ]]"}, {"wikilink"}},
      {"only a label", "[[|label]]", {"[[|label]]"}, {"wikilink"}},
      {"only a section", "[[#sectie]]", {"[[#sectie]]"}, {"wikilink"}},
      {"across lines", "[[Home\nGemma]]", {"[[Home"}, {"wikilink"}},
      {"unclosed", "[[Home zonder einde", {"[[Home zonder einde"}, {"wikilink"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("attribute injection through a wiki link is escaped") {
  const HtmlCase cases[] = {
      {"quote in a red target",
       "[[x\" onmouseover=\"alert(1)]]",
       {"href=\"/new?title=x%22%20onmouseover%3D%22alert%281%29\"",
        ">x&quot; onmouseover=&quot;alert(1)</a>"},
       {"\" onmouseover", "\"alert"}},
      {"quote in a label",
       "[[Home|x\" onclick=\"alert(1)]]",
       {">x&quot; onclick=&quot;alert(1)</a>"},
       {"\" onclick"}},
      {"single quote and angle brackets in a target",
       "[[a'><b]]",
       {"href=\"/new?title=a%27%3E%3Cb\""},
       {"'><b"}},
      {"hostile slug from the resolver",
       "[[Kwaad]]",
       {"href=\"/p/a%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""},
       {"<script", "\"><"}},
      {"hostile section",
       "[[Home#\" onclick=\"x]]",
       {"href=\"/p/home#onclick-x\""},
       {"\" onclick"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("headings get stable, unique ids") {
  const std::string markdown =
      "# Intro\n## Intro\n### Intro 2\n# Intro\n# !!!\n# Café *vet*\nTitel\n=====\n"
      "## Over [[Home]]\n";
  const std::string html = Render(markdown).html;
  CAPTURE(html);
  for (const char* wanted : {
           "<h1 id=\"intro\">Intro</h1>",
           "<h2 id=\"intro-2\">Intro</h2>",
           "<h3 id=\"intro-2-2\">Intro 2</h3>",
           "<h1 id=\"intro-3\">Intro</h1>",
           "<h1 id=\"section\">!!!</h1>",
           "<h1 id=\"cafe-vet\">Café <em>vet</em></h1>",
           "<h1 id=\"titel\">Titel</h1>",
           "<h2 id=\"over-home\">Over <a href=\"/p/home\" class=\"wikilink\">Home</a></h2>",
       }) {
    CHECK(html.find(wanted) != std::string::npos);
  }
  CHECK(Render(markdown).html == html);
}

TEST_CASE("a heading with hostile text still gets a clean id") {
  const std::string html = Render("# a\" onclick=\"x <b>\n").html;
  CHECK(html.find("<h1 id=\"a-onclick-x\">") == 0);
  CHECK(html.find("\" onclick") == std::string::npos);
}

TEST_CASE("link_slugs lists linked pages once, in order, including /p/ links") {
  const auto rendered = Render(
      "[[Home]] [[Nieuwe pagina]] [[Home|weer]] [tekst](/p/gemma-zaken) "
      "[deel](/p/andere-pagina#kop) [[!!!]] [extern](https://example.com/p/x) "
      "[bewerk](/p/home/edit) [[Gemma]] `[[Code]]`");
  CHECK(rendered.link_slugs ==
        std::vector<std::string>{"home", "nieuwe-pagina", "gemma-zaken", "andere-pagina"});
}

TEST_CASE("plain text has the words without Markdown syntax") {
  const auto rendered = Render(
      "# Titel\n\nEen *nadruk* en **vet** met [[Home|een label]] en [link](https://x.org).\n"
      "Nieuwe regel.\n\n- item een\n- [x] item twee\n\n> citaat\n\n| a | b |\n|---|---|\n"
      "| 1 | ~~2~~ |\n\n```\ncode\n```\n\n<div>rauw</div>\n\n---\n\nEinde\n");
  CHECK(rendered.text ==
        "Titel\n"
        "Een nadruk en vet met een label en link. Nieuwe regel.\n"
        "item een\n"
        "item twee\n"
        "citaat\n"
        "a b\n"
        "1 2\n"
        "code\n"
        "Einde");
}

TEST_CASE("empty input renders to nothing") {
  const auto rendered = Render("");
  CHECK(rendered.html.empty());
  CHECK(rendered.text.empty());
  CHECK(rendered.link_slugs.empty());
}

TEST_CASE("NUL bytes become U+FFFD") {
  const auto rendered = Render(std::string("a\0b", 3));
  CHECK(rendered.html ==
        "<p>a\xEF\xBF\xBD"
        "b</p>\n");
}

TEST_CASE("hostile input finishes quickly") {
  auto repeat = [](std::string_view piece, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += piece;
    return out;
  };
  const std::string cases[] = {
      std::string(10000, '[') + "a" + std::string(10000, ']'),
      repeat("[[", 25000),
      repeat("[[a]]", 10000),
      repeat("[[x|", 12500),
      repeat("]][[", 12500),
      repeat("#\n", 25000),
      repeat("# a\n", 12500),
      repeat("> ", 10000) + "[[Home]]",
      repeat("*[[", 15000),
  };
  for (const std::string& markdown : cases) {
    CAPTURE(markdown.substr(0, 20));
    const auto start = std::chrono::steady_clock::now();
    const auto rendered = Render(markdown);
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 2.0);
    CHECK_FALSE(rendered.html.empty());
  }
}

TEST_CASE("random Markdown-ish input never crashes") {
  // A fixed-seed generator over the characters Markdown and wiki links care about.
  const std::string alphabet = "[]|#*_`~<>!()-: \n\\aé1x";
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string markdown;
    const size_t length = next() % 200;
    for (size_t i = 0; i < length; ++i) markdown += alphabet[next() % alphabet.size()];
    CAPTURE(markdown);
    const auto rendered = Render(markdown);
    CHECK(rendered.html.find("<script") == std::string::npos);
  }
}

TEST_CASE("rendering is thread-safe") {
  const std::string markdown =
      "# Kop\n\n[[Home]], [[Nieuw]] en ~~oud~~.\n\n| a |\n|---|\n| [[Gemma]] |\n";
  const RenderedMarkdown expected = Render(markdown);
  const CmarkRenderer renderer;
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const RenderedMarkdown got = renderer.Render(markdown, Pages());
        if (got.html != expected.html || got.text != expected.text ||
            got.link_slugs != expected.link_slugs) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) CHECK(count == 0);
}

TEST_CASE("an exception from the resolver reaches the caller") {
  class FailingResolver final : public LinkResolver {
   public:
    std::optional<std::string> Resolve(std::string_view) const override {
      throw std::runtime_error("database gone");
    }
  };
  CHECK_THROWS_AS(CmarkRenderer().Render("[[Home]]", FailingResolver()), std::runtime_error);
}

}  // namespace
}  // namespace kring
