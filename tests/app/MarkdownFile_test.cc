#include "app/MarkdownFile.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/Text.h"

namespace {

// Rewrites every destination ending in ".md" to "/p/X" and records what it was asked about.
struct Recorder {
  std::vector<std::string> seen;
  std::string operator()(std::string_view markdown) {
    return kring::RewriteLinks(markdown,
                               [this](std::string_view dest) -> std::optional<std::string> {
                                 seen.emplace_back(dest);
                                 if (dest.ends_with(".md")) return "/p/X";
                                 if (dest == "has space.md#a b") return "/p/X#a b";
                                 return std::nullopt;
                               });
  }
};

}  // namespace

TEST_CASE("ParseMarkdownFile splits YAML front matter from the body") {
  const kring::MarkdownFile file = kring::ParseMarkdownFile(
      "---\n"
      "title: \"Demo Sprint 13\"\n"
      "date: '20-6-2019'\n"
      "kind: minutes\n"
      "author: An Vermeersch\n"
      "topics: [CRM, Mid-office]\n"
      "tags: intranet, kennisbeheer\n"
      "categories:\n"
      "  - standaard\n"
      "layout: page-with-side-nav\n"
      "---\n"
      "Utrecht, 20 juni 2019\n");
  CHECK(file.front.present);
  CHECK(file.front.error.empty());
  CHECK(file.front.title == "Demo Sprint 13");
  CHECK(file.front.date == "20-6-2019");
  CHECK(file.front.kind == "minutes");
  CHECK(file.front.author == "An Vermeersch");
  CHECK(file.front.topics ==
        std::vector<std::string>{"CRM", "Mid-office", "intranet", "kennisbeheer", "standaard"});
  CHECK(file.body == "Utrecht, 20 juni 2019\n");
}

TEST_CASE("the organisation is the first of organisation:, organisatie: and org: given") {
  auto organisation = [](const std::string& yaml) {
    return kring::ParseMarkdownFile("---\n" + yaml + "---\nbody\n").front.organisation;
  };
  CHECK(organisation("organisation: Stad Roeselare\n") == "Stad Roeselare");
  CHECK(organisation("organisatie: OCMW Izegem\n") == "OCMW Izegem");
  CHECK(organisation("org: ' Gemeente Wielsbeke '\n") == "Gemeente Wielsbeke");
  CHECK(organisation("org: B\norganisatie: A\n") == "A");
  CHECK(organisation("organisation: ''\norg: B\n") == "B");
  CHECK(organisation("organisation: [a, b]\n").empty());  // not a string
  CHECK(organisation("title: T\n").empty());
}

TEST_CASE("the place is the first of place:, plaats: and locatie: given") {
  auto place = [](const std::string& yaml) {
    return kring::ParseMarkdownFile("---\n" + yaml + "---\nbody\n").front.place;
  };
  CHECK(place("place: Stadhuis Roeselare\n") == "Stadhuis Roeselare");
  CHECK(place("plaats: ' OCMW Izegem, zaal 2 '\n") == "OCMW Izegem, zaal 2");
  CHECK(place("locatie: Raadzaal\n") == "Raadzaal");
  CHECK(place("locatie: B\nplaats: A\n") == "A");
  CHECK(place("place: [a, b]\n").empty());  // not a string
  CHECK(place("title: T\n").empty());
}

TEST_CASE("ParseMarkdownFile without, with empty, with broken or unclosed front matter") {
  struct Case {
    std::string text;
    bool present;
    bool error;
    std::string title;
    std::string body;
  };
  const Case cases[] = {
      {"# Title\ntext\n", false, false, "", "# Title\ntext\n"},
      {"---\n---\nbody", true, false, "", "body"},
      {"---\ntitle: [unclosed\n---\n# Heading\n", true, true, "", "# Heading\n"},
      {"---\n- a\n- b\n---\nbody\n", true, true, "", "body\n"},
      {"---\ntitle: x\n...\nbody", true, false, "x", "body"},
      {"---\nno closing line\n", false, false, "", "---\nno closing line\n"},
      {"\xEF\xBB\xBF---\r\ntitle: BOM and CRLF\r\n---\r\nbody\r\n", true, false, "BOM and CRLF",
       "body\n"},
      {"--- \ntitle: trailing space\n---", true, false, "trailing space", ""},
      {" ---\ntitle: indented is not front matter\n---\n", false, false, "",
       " ---\ntitle: indented is not front matter\n---\n"},
      {"", false, false, "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const kring::MarkdownFile file = kring::ParseMarkdownFile(c.text);
    CHECK(file.front.present == c.present);
    CHECK(file.front.error.empty() == !c.error);
    CHECK(file.front.title == c.title);
    CHECK(file.body == c.body);
  }
}

TEST_CASE("a YAML error that names half a character is still valid UTF-8 (found by fuzzing)") {
  // yaml-cpp reports the first byte of "é" as the unknown escape.
  const kring::MarkdownFile file = kring::ParseMarkdownFile("---\ntitle: \"\\\xC3\xA9\"\n---\nx");
  CHECK(file.front.present);
  CHECK(kring::IsValidUtf8(file.front.error));
  CHECK(file.front.error.find("unknown escape character: \\xC3") != std::string::npos);
  CHECK(file.body == "x");
}

TEST_CASE("RewriteLinks rewrites inline link destinations and keeps every other byte") {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"see [x](a.md).", "see [x](/p/X)."},
      {"[x](a.md \"title\") and [y](b.md 'single')", "[x](/p/X \"title\") and [y](/p/X 'single')"},
      {"[x](<a.md>)", "[x](/p/X)"},
      {"[nested [brackets] here](a.md)", "[nested [brackets] here](/p/X)"},
      {"[![badge](img.md)](a.md)", "[![badge](img.md)](/p/X)"},
      {"![image](a.md) stays", "![image](a.md) stays"},
      {"[x](https://example.org/a.md)", "[x](/p/X)"},  // the rewriter decides, not the scanner
      {"[x](other.png)", "[x](other.png)"},
      {"`[x](a.md)` in code", "`[x](a.md)` in code"},
      {"``code with ` [x](a.md)`` then [y](b.md)", "``code with ` [x](a.md)`` then [y](/p/X)"},
      {"a `lonely backtick [x](a.md)", "a `lonely backtick [x](/p/X)"},
      {"\\[x](a.md) is escaped", "\\[x](a.md) is escaped"},
      {"[label with `]` in code](a.md)", "[label with `]` in code](/p/X)"},
      {"[x](a(1).md)", "[x](/p/X)"},  // balanced parentheses belong to the destination
      {"[x](a).md)", "[x](a).md)"},
      {"[x] (a.md) is not a link", "[x] (a.md) is not a link"},
      {"[x](a.md", "[x](a.md"},
      {"[x](\n  a.md\n)", "[x](\n  /p/X\n)"},
      {"[two\nlines](a.md)", "[two\nlines](/p/X)"},
      {"[x](has\\ space.md)", "[x](has\\ space.md)"},  // not a destination: it holds a space
      {"[x](<has space.md#a b>)", "[x](</p/X#a b>)"},
      {"[ref]: a.md \"title\"\n", "[ref]: /p/X \"title\"\n"},
      {"   [ref]:\n  a.md\n", "   [ref]:\n  /p/X\n"},
      {"[^note]: a.md\n", "[^note]: a.md\n"},
      {"[x][ref] and [ref]", "[x][ref] and [ref]"},
      {"", ""},
      {"ünïcödé [é](a.md) ✓", "ünïcödé [é](/p/X) ✓"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    Recorder r;
    CHECK(r(c.in) == c.out);
  }
}

TEST_CASE("RewriteLinks leaves fenced code blocks alone, closed or not") {
  struct Line {
    const char* in;
    const char* out;
  };
  const Line lines[] = {
      {"[a](a.md)", "[a](/p/X)"},
      {"```markdown", "```markdown"},
      {"[b](b.md)", "[b](b.md)"},
      {"````", "````"},  // a longer fence closes a shorter one
      {"[c](c.md)", "[c](/p/X)"},
      {"~~~", "~~~"},
      {"[d](d.md)", "[d](d.md)"},
      {"~~~", "~~~"},
      {"> ```", "> ```"},
      {"> [e](e.md)", "> [e](e.md)"},
      {"> ```", "> ```"},
      {"  ```", "  ```"},  // indented, as in a list item
      {"  [f](f.md)", "  [f](f.md)"},
      {"  ```", "  ```"},
      {"[g](g.md)", "[g](/p/X)"},
      {"```", "```"},
      {"[h](h.md)", "[h](h.md)"},  // an unclosed fence runs to the end
  };
  std::string in, out;
  for (const Line& line : lines) {
    in.append(line.in).append("\n");
    out.append(line.out).append("\n");
  }
  Recorder r;
  CHECK(r(in) == out);
}

TEST_CASE("RewriteLinks keeps a code span that spans lines but not one across paragraphs") {
  Recorder r;
  CHECK(r("`code\n[x](a.md)` text") == "`code\n[x](a.md)` text");
  CHECK(r("`not code\n\n[x](a.md)`") == "`not code\n\n[x](/p/X)`");
}

TEST_CASE("RewriteLinks stays fast on hostile input") {
  Recorder r;
  const std::string brackets(200000, '[');
  CHECK(r(brackets) == brackets);
  std::string mixed;
  for (int i = 0; i < 60000; ++i) mixed += "[x](";  // each destination runs to the end
  CHECK(r(mixed) == mixed);
  // Every '[' looks past an unclosed code span to the end of one long paragraph.
  const std::string unclosed = std::string(4000, '[') + "``" + std::string(200000, 'a');
  CHECK(r(unclosed) == unclosed);
}

TEST_CASE("FirstHeading finds the first level-1 heading outside code") {
  struct Case {
    std::string markdown;
    std::string heading;
  };
  const Case cases[] = {
      {"# Title\n\ntext", "Title"},
      {"intro\n\n#  Spaced title  #\n", "Spaced title"},
      {"## Second level\n# First level\n", "First level"},
      {"```sh\n# a shell comment\n```\n# Real\n", "Real"},
      {"#hashtag\n", ""},
      {"    # too indented? no: up to three spaces\n", ""},
      {"   # Three spaces\n", "Three spaces"},
      {"# C#\n", "C#"},
      {"no heading at all", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.markdown);
    CHECK(kring::FirstHeading(c.markdown) == c.heading);
  }
}
