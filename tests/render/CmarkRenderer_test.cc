// CmarkRenderer: GFM, safe mode, wiki links, heading anchors, link slugs and plain text.
#include "render/CmarkRenderer.h"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/Text.h"

namespace kring {
namespace {

// Test data: which wiki-link targets and files exist, and under which slug or URL. The slug is
// deliberately not always Slugify(target), so the tests see that the resolver's answer is what
// gets linked. File names are matched case-insensitively, as FileStore::FindFileByName does.
class MapResolver final : public LinkResolver {
 public:
  MapResolver(std::map<std::string, std::string, std::less<>> pages,
              std::map<std::string, FileLink, std::less<>> files)
      : pages_(std::move(pages)), files_(std::move(files)) {}
  std::optional<std::string> Resolve(std::string_view target) const override {
    auto it = pages_.find(target);
    if (it == pages_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<FileLink> ResolveFile(std::string_view name) const override {
    auto it = files_.find(ToLower(name));
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string, std::less<>> pages_;
  std::map<std::string, FileLink, std::less<>> files_;  // by lowercased name
};

const MapResolver& Pages() {
  static const MapResolver pages(
      {
          {"Home", "home"},
          {"Gemma", "gemma-zaken"},
          {"Zaalreservatie — Recreatex", "zaalreservatie-recreatex"},
          {"Kwaad", "a\"><script>alert(1)</script>"},
      },
      {
          {"deck.pdf", {7, "/f/7/Deck.pdf"}},
          {"notes #3.pdf", {8, "/f/8/Notes%20%233.pdf"}},
          // A resolver answering a URL with markup must not open a hole: it is escaped.
          {"kwaad.pdf", {9, "/f/9/x\"><script>alert(1)</script>"}},
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

TEST_CASE("file links resolve to stored files or render as missing") {
  const HtmlCase cases[] = {
      {"existing file",
       "[[file:Deck.pdf]]",
       {"<a href=\"/f/7/Deck.pdf\" class=\"filelink\">Deck.pdf</a>"},
       {"[[", "wikilink"}},
      {"prefix and name in any case",
       "[[FILE:deck.PDF]]",
       {"<a href=\"/f/7/Deck.pdf\" class=\"filelink\">deck.PDF</a>"},
       {}},
      {"spaces around",
       "[[ File: Deck.pdf ]]",
       {"<a href=\"/f/7/Deck.pdf\" class=\"filelink\">Deck.pdf</a>"},
       {}},
      {"label",
       "[[file:Deck.pdf|de slides]]",
       {"<a href=\"/f/7/Deck.pdf\" class=\"filelink\">de slides</a>"},
       {"|"}},
      {"a '#' belongs to the name",
       "[[file:Notes #3.pdf]]",
       {"<a href=\"/f/8/Notes%20%233.pdf\" class=\"filelink\">Notes #3.pdf</a>"},
       {}},
      {"missing file",
       "[[file:Weg.pdf]]",
       {"<span class=\"filelink missing\" title=\"Weg.pdf\">Weg.pdf</span>"},
       {"<a", "/new?"}},
      {"missing file with a label",
       "[[file:Weg.pdf|de slides]]",
       {"<span class=\"filelink missing\" title=\"Weg.pdf\">de slides</span>"},
       {"<a"}},
      {"in a table cell",
       "| a |\n|---|\n| [[file:Deck.pdf\\|slides]] |\n",
       {"<td><a href=\"/f/7/Deck.pdf\" class=\"filelink\">slides</a></td>"},
       {}},
      {"beside a page link",
       "[[Home]] en [[file:Deck.pdf]]",
       {"<a href=\"/p/home\" class=\"wikilink\">Home</a> en <a href=\"/f/7/Deck.pdf\" "
        "class=\"filelink\">Deck.pdf</a>"},
       {}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("file link syntax stays literal where it is not a link") {
  const HtmlCase cases[] = {
      {"code span", "`[[file:x.pdf]]`", {"<code>[[file:x.pdf]]</code>"}, {"filelink"}},
      {"fenced code",
       "```\n[[file:Deck.pdf]]\n```\n",
       {"<pre><code>[[file:Deck.pdf]]\n</code></pre>"},
       {"filelink"}},
      {"inside a Markdown link",
       "[zie [[file:Deck.pdf]]](/p/home)",
       {"zie [[file:Deck.pdf]]</a>"},
       {"filelink"}},
      {"no name", "[[file:]]", {"[[file:]]"}, {"filelink", "wikilink"}},
      {"only spaces", "[[file:  |label]]", {"[[file:  |label]]"}, {"filelink", "wikilink"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("attribute injection through a file link is escaped") {
  const HtmlCase cases[] = {
      {"quote in a missing name",
       "[[file:x\" onmouseover=\"alert(1).pdf]]",
       {"title=\"x&quot; onmouseover=&quot;alert(1).pdf\">x&quot; onmouseover=&quot;alert(1).pdf<"},
       {"\" onmouseover"}},
      // Written as entities: raw "<img ...>" would be cut out by cmark before the link pass.
      {"markup in a missing name",
       "[[file:&lt;img src=x onerror=alert(1)&gt;.pdf]]",
       {"title=\"&lt;img src=x onerror=alert(1)&gt;.pdf\""},
       {"<img"}},
      {"markup in a label",
       "[[file:Deck.pdf|&lt;b onclick=\"x\"&gt;]]",
       {">&lt;b onclick=&quot;x&quot;&gt;</a>"},
       {"<b "}},
      {"hostile URL from the resolver",
       "[[file:Kwaad.pdf]]",
       {"href=\"/f/9/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""},
       {"<script"}},
  };
  for (const HtmlCase& c : cases) CheckHtml(c);
}

TEST_CASE("file_ids lists linked files once, in order, including /f/ links and images") {
  const auto rendered = Render(
      "[[file:Deck.pdf]] [[file:weg.pdf]] [d](/f/12/a.pdf) [[file:deck.pdf|weer]] [e](/f/7) "
      "![foto](/f/13/p.png) [f](/f/14#x) [g](/f/15?download=1) [nul](/f/0/x) [geen](/f/abc) "
      "[rest](/f/16x) [leeg](/f/) [groot](/f/99999999999999999999/x) "
      "[extern](https://x.org/f/17/a) [[file:Notes #3.pdf]] `[[file:Kwaad.pdf]]` "
      "[d2](/f/12/a.pdf) [rel](f/18/a.pdf)");
  CHECK(rendered.file_ids == std::vector<int64_t>{7, 12, 13, 14, 15, 8});
  CHECK(rendered.link_slugs.empty());  // a file link names no page
}

TEST_CASE("a file link's plain text is its label") {
  CHECK(Render("zie [[file:Deck.pdf|de slides]] en [[file:Weg.pdf]]").text ==
        "zie de slides en Weg.pdf");
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
      repeat("[[file:", 12500),
      repeat("[[file:a.pdf]]", 7000),
      repeat("[x](/f/1/a) ", 8000),
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
      "# Kop\n\n[[Home]], [[Nieuw]] en ~~oud~~.\n\n| a |\n|---|\n| [[Gemma]] |\n\n"
      "[[file:Deck.pdf]] [[file:Weg.pdf]] [x](/f/12/x.pdf)\n";
  const RenderedMarkdown expected = Render(markdown);
  const CmarkRenderer renderer;
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const RenderedMarkdown got = renderer.Render(markdown, Pages());
        if (got.html != expected.html || got.text != expected.text ||
            got.link_slugs != expected.link_slugs || got.file_ids != expected.file_ids) {
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
    std::optional<FileLink> ResolveFile(std::string_view) const override {
      throw std::runtime_error("disk gone");
    }
  };
  CHECK_THROWS_AS(CmarkRenderer().Render("[[Home]]", FailingResolver()), std::runtime_error);
  CHECK_THROWS_AS(CmarkRenderer().Render("[[file:x.pdf]]", FailingResolver()), std::runtime_error);
}

}  // namespace
}  // namespace kring
