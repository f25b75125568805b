// TemplateEngine: escaping, JSON conversion, partials, the layout, errors, caching, threads.
// Templates come from a temporary KRING_RESOURCES folder written by each test.
#include "render/TemplateEngine.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace kring {
namespace {

// A temporary resource folder that KRING_RESOURCES points at while the object lives.
// Resources.h reads the variable on every call, so it applies from the next load on.
class TemplateDir {
 public:
  TemplateDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kring-render-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
    std::filesystem::create_directories(root_ / "templates");
    setenv("KRING_RESOURCES", root_.c_str(), 1);
  }
  ~TemplateDir() {
    unsetenv("KRING_RESOURCES");
    std::error_code ignored;  // a leftover temp folder is not worth failing a test over
    std::filesystem::remove_all(root_, ignored);
  }
  TemplateDir(const TemplateDir&) = delete;
  TemplateDir& operator=(const TemplateDir&) = delete;

  void Write(const std::string& name, const std::string& text) {
    std::ofstream out(root_ / "templates" / (name + ".mustache"), std::ios::binary);
    out << text;
    REQUIRE(out.good());
  }

 private:
  std::filesystem::path root_;
};

std::string Rendered(const TemplateEngine& engine, std::string_view name,
                     const nlohmann::json& view) {
  Result<std::string> result = engine.Render(name, view);
  if (!result.ok()) FAIL("render failed: ", result.error().message);
  return result.value();
}

TEST_CASE("values render escaped with {{x}} and raw with {{{x}}}") {
  TemplateDir dir;
  dir.Write("t", "{{x}}|{{{x}}}|{{&x}}");
  TemplateEngine engine;
  CHECK(Rendered(engine, "t", {{"x", "<b>\"'&"}}) == "&lt;b&gt;&quot;&apos;&amp;|<b>\"'&|<b>\"'&");
}

TEST_CASE("JSON values convert to mustache data") {
  TemplateDir dir;
  dir.Write("t",
            "{{#yes}}Y{{/yes}}{{^no}}N{{/no}}{{^nothing}}0{{/nothing}}"
            "{{^empty}}E{{/empty}}[{{n}} {{f}} {{big}}][{{page.title}}]"
            "{{#page}}({{title}}){{/page}}{{missing}}");
  TemplateEngine engine;
  const nlohmann::json view = {
      {"yes", true}, {"no", false}, {"nothing", nullptr},       {"empty", ""},
      {"n", 3},      {"f", 2.5},    {"big", 12345678901234ULL}, {"page", {{"title", "Over & uit"}}},
  };
  CHECK(Rendered(engine, "t", view) ==
        "YN0E[3 2.5 12345678901234][Over &amp; uit](Over &amp; uit)");
}

TEST_CASE("arrays render as lists, empty ones as false") {
  TemplateDir dir;
  dir.Write("t",
            "<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{^items}}geen{{/items}}"
            "{{#tags}}[{{.}}]{{/tags}}");
  TemplateEngine engine;
  CHECK(Rendered(engine, "t",
                 {{"items", {{{"name", "a"}}, {{"name", "<b>"}}}}, {"tags", {"x", "y"}}}) ==
        "<ul><li>a</li><li>&lt;b&gt;</li></ul>[x][y]");
  CHECK(Rendered(engine, "t", {{"items", nlohmann::json::array()}}) == "<ul></ul>geen");
}

TEST_CASE("partials come from templates/ and see the same view") {
  TemplateDir dir;
  dir.Write("list", "{{#rows}}{{> row}}{{/rows}}|{{>footer}}");
  dir.Write("row", "<{{name}}>");
  dir.Write("footer", "{{site}}");
  TemplateEngine engine;
  CHECK(
      Rendered(engine, "list", {{"rows", {{{"name", "a"}}, {{"name", "b"}}}}, {"site", "Kring"}}) ==
      "<a><b>|Kring");
}

TEST_CASE("RenderPage puts the page into the layout's {{{content}}}") {
  TemplateDir dir;
  dir.Write("layout", "<title>{{title}}</title><main>{{{content}}}</main>");
  dir.Write("page", "<h1>{{title}}</h1>{{{html}}}");
  TemplateEngine engine;
  Result<std::string> page =
      engine.RenderPage("page", {{"title", "A & B"}, {"html", "<p>tekst</p>"}, {"content", "x"}});
  REQUIRE(page.ok());
  CHECK(page.value() == "<title>A &amp; B</title><main><h1>A &amp; B</h1><p>tekst</p></main>");

  Result<std::string> no_view = engine.RenderPage("page", nullptr);
  REQUIRE(no_view.ok());
  CHECK(no_view.value() == "<title></title><main><h1></h1></main>");

  Result<std::string> bad_view = engine.RenderPage("page", nlohmann::json::array());
  REQUIRE_FALSE(bad_view.ok());
  CHECK(bad_view.error().code == ErrorCode::kInternal);
}

TEST_CASE("globals are looked up after the view, in the content and the layout") {
  TemplateDir dir;
  dir.Write("layout", "<nav>{{t.home}}</nav>{{{content}}}");
  dir.Write("page", "{{t.search}}: {{q}} {{#t.flag}}vlag{{/t.flag}} {{who}}");
  TemplateEngine engine;
  auto globals = TemplateEngine::MakeGlobals(
      {{"t", {{"home", "Start"}, {"search", "Zoeken"}, {"flag", true}}}, {"who", "globaal"}});
  Result<std::string> page =
      engine.RenderPage("page", {{"q", "<kennis>"}, {"who", "view"}}, globals.get());
  REQUIRE(page.ok());
  CHECK(page.value() == "<nav>Start</nav>Zoeken: &lt;kennis&gt; vlag view");
  // Without globals the names are simply missing.
  CHECK(Rendered(engine, "page", {{"q", "x"}}) == ": x  ");
  // Not an object: empty globals.
  auto none = TemplateEngine::MakeGlobals(nlohmann::json::array());
  Result<std::string> plain = engine.Render("page", {{"q", "x"}}, none.get());
  REQUIRE(plain.ok());
  CHECK(plain.value() == ": x  ");
}

TEST_CASE("template errors name the template and never crash") {
  TemplateDir dir;
  dir.Write("unclosed_section", "{{#open}}nooit gesloten");
  dir.Write("unclosed_tag", "hallo {{naam");
  dir.Write("wrong_close", "{{#a}}{{/b}}");
  dir.Write("uses_missing", "a{{> missing}}b");
  dir.Write("uses_broken", "{{> unclosed_section}}");
  dir.Write("self", "x{{> self}}");
  dir.Write("ping", "{{> pong}}");
  dir.Write("pong", "{{> ping}}");
  dir.Write("page_without_layout", "ok");
  TemplateEngine engine;

  struct Case {
    const char* name;
    std::vector<const char*> in_message;
  };
  const Case cases[] = {
      {"unclosed_section", {"'unclosed_section'"}},
      {"unclosed_tag", {"'unclosed_tag'"}},
      {"wrong_close", {"'wrong_close'"}},
      {"does_not_exist", {"'does_not_exist'", "not found"}},
      {"uses_missing", {"'uses_missing'", "'missing'", "not found"}},
      {"uses_broken", {"'uses_broken'", "'unclosed_section'"}},
      {"self", {"'self'", "includes itself"}},
      {"ping", {"'ping'", "includes itself"}},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    Result<std::string> result = engine.Render(c.name, nlohmann::json::object());
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::kInternal);
    for (const char* part : c.in_message) {
      CAPTURE(result.error().message);
      CHECK(result.error().message.find(part) != std::string::npos);
    }
  }
  Result<std::string> page = engine.RenderPage("page_without_layout", nlohmann::json::object());
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().message.find("'layout'") != std::string::npos);
}

TEST_CASE("templates are parsed once and kept") {
  TemplateDir dir;
  dir.Write("t", "eerste");
  TemplateEngine engine;
  CHECK(Rendered(engine, "t", nullptr) == "eerste");
  dir.Write("t", "tweede");
  CHECK(Rendered(engine, "t", nullptr) == "eerste");
  CHECK(Rendered(TemplateEngine(), "t", nullptr) == "tweede");
}

TEST_CASE("rendering is thread-safe") {
  TemplateDir dir;
  dir.Write("layout", "<main>{{{content}}}</main>");
  dir.Write("list", "{{#rows}}{{> row}}{{/rows}}");
  dir.Write("row", "<li>{{name}}</li>");
  TemplateEngine engine;
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string name = "n";  // (built up: GCC 12 warns falsely on "lit" + string&&)
        name += std::to_string(t);
        name += '-';
        name += std::to_string(i);
        Result<std::string> page = engine.RenderPage("list", {{"rows", {{{"name", name}}}}});
        if (!page.ok() || page.value() != "<main><li>" + name + "</li></main>") ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) CHECK(count == 0);
}

}  // namespace
}  // namespace kring
