// Edit conflicts in the browser: two members edit the same page from the same revision; the
// second save answers with both texts and the word diff, and saving again keeps the second text
// while the first stays in the history. (The API's 409 is tested in Pages_test.cc.)
#include <doctest/doctest.h>

#include <string>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kOriginal = "Het intranet draait op Drupal 7.\n\nBeheer: team ICT.";
const std::string kAnsText =
    "Het intranet draait op Drupal 10.\n\nBeheer: team ICT & communicatie.";
const std::string kBartsText = "Het intranet draait op <b>WordPress</b>.\n\nBeheer: team ICT.";

std::map<std::string, std::string> EditForm(const std::string& body, const std::string& base) {
  return {{"title", "Intranet"},
          {"kind", "page"},
          {"body", body},
          {"base_revision", base},
          {"comment", "bijgewerkt"}};
}

// The text of the edit form's textarea, unescaped for the characters used here.
std::string TextareaText(const std::string& html) {
  const size_t open = html.find("<textarea id=\"body\"");
  REQUIRE(open != std::string::npos);
  const size_t start = html.find('>', open) + 1;
  std::string text = html.substr(start, html.find("</textarea>", start) - start);
  for (const auto& [entity, character] :
       {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at)) {
      text.replace(at, entity.size(), character);
      at += character.size();
    }
  }
  return text;
}

}  // namespace

TEST_CASE("the second of two edits from the same revision gets both texts and the diff") {
  TestServer server;
  REQUIRE(server.PutPage("intranet", {{"title", "Intranet"}, {"body", kOriginal}})->status == 201);
  // Both members open the edit form on revision 1.
  CHECK(Contains(Body(server, "/p/intranet/edit"), "name=\"base_revision\" value=\"1\""));

  auto first = server.PostForm("/p/intranet/edit", EditForm(kAnsText, "1"));
  REQUIRE(first);
  CHECK(first->status == 303);

  auto second = server.PostForm("/p/intranet/edit", EditForm(kBartsText, "1"));
  REQUIRE(second);
  CHECK(second->status == 409);
  const std::string& html = second->body;
  // The member's own text stays editable in the form, exactly as sent.
  CHECK(TextareaText(html) == kBartsText);
  // The text saved meanwhile is shown read-only, escaped.
  CHECK(Contains(html,
                 "<pre class=\"source\">Het intranet draait op Drupal 10.\n\nBeheer: team ICT "
                 "&amp; communicatie.</pre>"));
  // The word diff from the saved text to the member's text.
  CHECK(Contains(html, "Verschil tussen de opgeslagen tekst en uw tekst"));
  CHECK(Contains(html, "[verwijderd: </span>Drupal 10<"));
  CHECK(Contains(html, "[toegevoegd: </span>&lt;b&gt;WordPress&lt;/b&gt;<"));
  CHECK(Contains(html, "[verwijderd: </span> &amp; communicatie<"));
  CHECK_FALSE(Contains(html, "<b>WordPress"));
  // The form now builds on the newer revision, so a second submit is a deliberate save.
  CHECK(Contains(html, "name=\"base_revision\" value=\"2\""));
  CHECK(GetJson(server, "/api/v1/pages/intranet")["body"] == kAnsText);

  SUBCASE("submitting the conflict form again saves the member's text; nothing is lost") {
    auto again = server.PostForm("/p/intranet/edit", EditForm(TextareaText(html), "2"));
    REQUIRE(again);
    CHECK(again->status == 303);
    const json page = GetJson(server, "/api/v1/pages/intranet");
    CHECK(page["revision"] == 3);
    CHECK(page["body"] == kBartsText);
    // The other member's text is revision 2, and the diff between them shows both.
    CHECK(Contains(Body(server, "/p/intranet/rev/2"), "Drupal 10"));
    const std::string diff = Body(server, "/p/intranet/diff?from=2&to=3");
    CHECK(Contains(diff, "[verwijderd: </span>Drupal 10<"));
    CHECK(Contains(diff, "[toegevoegd: </span>&lt;b&gt;WordPress&lt;/b&gt;<"));
  }
  SUBCASE("in English") {
    auto english = server.PostForm("/p/intranet/edit?lang=en", EditForm(kBartsText, "1"));
    REQUIRE(english);
    CHECK(english->status == 409);
    CHECK(Contains(english->body, "Difference between the saved text and your text"));
    CHECK(Contains(english->body, "[removed: </span>Drupal 10<"));
  }
}
