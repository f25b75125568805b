// Recent changes through HTTP: /recent with its filters and paging, and the Atom feeds
// (/feed.atom, /t/{topic}/feed.atom) checked against RFC 4287 with pugixml.
#include <doctest/doctest.h>

#include <pugixml.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

// How many rows the recent-changes table has.
size_t Rows(const std::string& html) {
  size_t rows = 0;
  for (size_t at = html.find("<td class=\"time\">"); at != std::string::npos;
       at = html.find("<td class=\"time\">", at + 1)) {
    ++rows;
  }
  return rows;
}

// The value of a query parameter in the first link with class or rel `marker`.
std::string HrefAfter(const std::string& html, const std::string& marker) {
  const size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  const size_t href = html.find("href=\"", at);
  return html.substr(href + 6, html.find('"', href + 6) - href - 6);
}

// Saves the pages most tests use: a page with two revisions and minutes in topic "Kring".
void SaveSample(const TestServer& server) {
  REQUIRE(server.PutPage("crm", {{"title", "CRM"}, {"body", "Klantcontact."}})->status == 201);
  REQUIRE(server
              .PutPage("crm", {{"title", "CRM"},
                               {"body", "Klantcontact in Roeselare."},
                               {"comment", "Roeselare toegevoegd"},
                               {"author", "Ann"}})
              ->status == 200);
  REQUIRE(server
              .PutPage("verslag", {{"title", "Verslag maart"},
                                   {"body", "Aanwezig: Ann."},
                                   {"kind", "minutes"},
                                   {"topics", {"Kring"}}})
              ->status == 201);
}

const std::regex kRfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))");

pugi::xml_node Link(pugi::xml_node parent, const char* rel) {
  return parent.find_child_by_attribute("link", "rel", rel);
}

}  // namespace

TEST_CASE("/recent lists every revision newest first, with its diff and size change") {
  TestServer server;
  SaveSample(server);
  const std::string html = Body(server, "/recent");
  CHECK(Rows(html) == 3);
  const size_t minutes = html.find("href=\"/p/verslag\"");
  const size_t second = html.find("/p/crm/diff?from=1&amp;to=2");
  const size_t first = html.find("href=\"/p/crm/rev/1\"");
  REQUIRE(minutes != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(first != std::string::npos);
  CHECK(minutes < second);
  CHECK(second < first);
  CHECK(Contains(html, "Roeselare toegevoegd"));
  CHECK(Contains(html, "<td>Ann</td>"));
  CHECK(Contains(html, "<td class=\"bytes grew\">+13</td>"));  // 13 bytes to 26
  CHECK(Contains(html, "Verslag"));                            // the kind, in Dutch
  // Every page's navigation leads here.
  CHECK(Contains(Body(server, "/"), "<a href=\"/recent\">"));
  CHECK(Contains(Body(server, "/"), "href=\"/recent\">Alle recente wijzigingen"));
}

TEST_CASE("/recent filters by kind and topic, with a form that needs no script") {
  TestServer server;
  SaveSample(server);
  struct Case {
    std::string query;
    size_t rows;
  };
  for (const Case& c : {Case{"?kind=minutes", 1}, Case{"?topic=kring", 1}, Case{"?kind=page", 2},
                        Case{"?kind=minutes&topic=kring", 1}, Case{"?kind=presentation", 0},
                        Case{"?kind=&topic=", 3}}) {
    CAPTURE(c.query);
    const std::string html = Body(server, "/recent" + c.query);
    CHECK(Rows(html) == c.rows);
  }
  const std::string html = Body(server, "/recent?kind=minutes&topic=kring");
  CHECK(Contains(html, "<form class=\"filters\" action=\"/recent\" method=\"get\">"));
  CHECK(Contains(html, "<option value=\"minutes\" selected>"));
  CHECK(Contains(html, "<option value=\"kring\" selected>Kring</option>"));
  CHECK(Contains(html, "href=\"/feed.atom?kind=minutes&amp;topic=kring\""));
  CHECK(Contains(Body(server, "/recent?kind=presentation"), "Geen wijzigingen"));

  struct Bad {
    std::string query;
    int status;
  };
  for (const Bad& bad :
       {Bad{"?kind=poem", 400}, Bad{"?topic=onbekend", 404}, Bad{"?before=abc", 400},
        Bad{"?before=0", 400}, Bad{"?before=99999999999999999999", 400}}) {
    CAPTURE(bad.query);
    auto res = server.Get("/recent" + bad.query);
    REQUIRE(res);
    CHECK(res->status == bad.status);
  }
}

TEST_CASE("/recent pages with a cursor: older changes, then back to the newest") {
  TestServer server;
  for (int i = 0; i < 55; ++i) {
    REQUIRE(
        server.PutPage("log", {{"title", "Log"}, {"body", "Regel " + std::to_string(i)}})->status <
        300);
  }
  const std::string first = Body(server, "/recent?kind=page");
  CHECK(Rows(first) == 50);
  CHECK(Contains(first, "/p/log/diff?from=54&amp;to=55"));
  const std::string older = HrefAfter(first, "rel=\"next\"");
  REQUIRE(older.rfind("/recent?kind=page&amp;before=", 0) == 0);
  std::string next_url = older;
  next_url.replace(next_url.find("&amp;"), 5, "&");
  const std::string second = Body(server, next_url);
  CHECK(Rows(second) == 5);
  CHECK(Contains(second, "href=\"/p/log/rev/1\""));
  CHECK_FALSE(Contains(second, "rel=\"next\""));
  CHECK(Contains(second, "href=\"/recent?kind=page\">Nieuwste wijzigingen"));
}

TEST_CASE("/recent writes times in the reader's language") {
  TestServer server;
  SaveSample(server);
  const std::vector<std::string> nl = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                       "jul", "aug", "sep", "okt", "nov", "dec"};
  const std::vector<std::string> en = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::regex time(
      R"(datetime="(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d):\d\dZ">(\d{1,2}) (\w+) (\d{4}) (\d\d:\d\d)</time>)");
  for (const auto& [path, months] :
       {std::pair{"/recent", &nl}, std::pair{"/recent?lang=en", &en}}) {
    CAPTURE(path);
    const std::string html = Body(server, path);
    std::smatch match;
    REQUIRE(std::regex_search(html, match, time));
    CHECK(match[6] == months->at(std::stoi(match[2]) - 1));
    CHECK(std::stoi(match[5]) == std::stoi(match[3]));
    CHECK(match[7] == match[1]);
    CHECK(match[8] == match[4]);
  }
}

TEST_CASE("/feed.atom is a valid Atom feed with escaped titles and content") {
  TestServer server;
  SaveSample(server);
  REQUIRE(server
              .PutPage("xss", {{"title", "<script>alert(1)</script> & Co"},
                               {"body", "Tekst met <b>HTML</b> & een [[CRM]]-link."},
                               {"comment", "<i>commentaar</i> & meer"}})
              ->status == 201);
  auto res = server.Get("/feed.atom");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  CHECK_FALSE(Contains(res->body, "<script>"));
  CHECK_FALSE(Contains(res->body, "<i>commentaar"));
  CHECK(Contains(res->body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));

  pugi::xml_document doc;
  REQUIRE(doc.load_string(res->body.c_str()));
  const pugi::xml_node feed = doc.child("feed");
  REQUIRE(feed);
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  // RFC 4287 4.1.1: id, title, updated; a self link; an author (here on the feed and each
  // entry); 4.2.7: the alternate link.
  CHECK(std::string(feed.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
  CHECK(std::string(feed.child_value("id")) == "tag:127.0.0.1,2013:kring:recent");
  CHECK(std::string(feed.child_value("title")) == "Kring: recente wijzigingen");
  CHECK(std::regex_match(std::string(feed.child_value("updated")), kRfc3339));
  CHECK(std::string(Link(feed, "self").attribute("href").value()) == base + "/feed.atom");
  CHECK(std::string(Link(feed, "self").attribute("type").value()) == "application/atom+xml");
  CHECK(std::string(Link(feed, "alternate").attribute("href").value()) == base + "/recent");
  CHECK_FALSE(std::string(feed.child("author").child_value("name")).empty());

  std::set<std::string> ids;
  std::vector<pugi::xml_node> entries;
  for (pugi::xml_node entry : feed.children("entry")) entries.push_back(entry);
  REQUIRE(entries.size() == 4);
  for (pugi::xml_node entry : entries) {
    const std::string id = entry.child_value("id");
    CAPTURE(id);
    CHECK(id.rfind("tag:127.0.0.1,2013:kring:revision:", 0) == 0);
    CHECK(ids.insert(id).second);
    CHECK_FALSE(std::string(entry.child_value("title")).empty());
    CHECK(std::regex_match(std::string(entry.child_value("updated")), kRfc3339));
    CHECK(std::string(Link(entry, "alternate").attribute("href").value()).rfind(base + "/p/", 0) ==
          0);
    CHECK_FALSE(std::string(entry.child("author").child_value("name")).empty());
    CHECK(std::string(entry.child("content").attribute("type").value()) == "html");
  }
  // The newest first: the page with the hostile title, read back as it was written.
  const pugi::xml_node newest = entries.front();
  CHECK(std::string(newest.child_value("title")) == "<script>alert(1)</script> & Co");
  CHECK(std::string(newest.child_value("summary")) == "<i>commentaar</i> & meer");
  const std::string content = newest.child_value("content");
  CHECK(Contains(content, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
  CHECK(Contains(content, "&lt;i&gt;commentaar&lt;/i&gt; &amp; meer"));
  CHECK_FALSE(Contains(content, "<script>"));
  CHECK(Contains(content, "href=\"" + base + "/p/xss\""));
  CHECK(std::string(Link(entries[1], "alternate").attribute("href").value()) ==
        base + "/p/verslag/rev/1");
  CHECK(std::string(Link(entries[2], "alternate").attribute("href").value()) ==
        base + "/p/crm/diff?from=1&to=2");

  SUBCASE("entry ids stay the same, also when the page is renamed") {
    REQUIRE(server.Client()
                ->Post("/p/crm/rename", httplib::Params{{"title", "Klantbeheer"}, {"slug", ""}})
                ->status == 303);
    pugi::xml_document again;
    REQUIRE(again.load_string(Body(server, "/feed.atom").c_str()));
    std::set<std::string> later;
    for (pugi::xml_node entry : again.child("feed").children("entry")) {
      later.insert(entry.child_value("id"));
    }
    CHECK(later.size() == 5);  // the rename is a revision of its own
    for (const std::string& id : ids) CHECK(later.count(id) == 1);
  }
}

TEST_CASE("feeds by kind and by topic, and where pages advertise them") {
  TestServer server;
  SaveSample(server);
  auto entries = [&](const std::string& path) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(Body(server, path).c_str()));
    std::vector<std::string> titles;
    for (pugi::xml_node entry : doc.child("feed").children("entry")) {
      titles.push_back(entry.child_value("title"));
    }
    return titles;
  };
  using Titles = std::vector<std::string>;
  CHECK(entries("/feed.atom?kind=minutes") == Titles{"Verslag maart"});
  CHECK(entries("/feed.atom?kind=page") == Titles{"CRM", "CRM"});
  CHECK(entries("/t/kring/feed.atom") == Titles{"Verslag maart"});
  CHECK(entries("/t/kring/feed.atom?kind=page").empty());
  CHECK(entries("/feed.atom?topic=kring") == Titles{"Verslag maart"});

  pugi::xml_document topic;
  REQUIRE(topic.load_string(Body(server, "/t/kring/feed.atom?lang=en").c_str()));
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  CHECK(std::string(topic.child("feed").child_value("title")) == "Kring: recent changes: Kring");
  CHECK(std::string(topic.child("feed").child_value("id")) ==
        "tag:127.0.0.1,2013:kring:recent:topic=kring");
  CHECK(std::string(Link(topic.child("feed"), "self").attribute("href").value()) ==
        base + "/t/kring/feed.atom");
  CHECK(server.Get("/t/onbekend/feed.atom")->status == 404);
  CHECK(server.Get("/feed.atom?kind=poem")->status == 400);

  const std::string advert = "<link rel=\"alternate\" type=\"application/atom+xml\"";
  CHECK(Contains(Body(server, "/"), advert));
  CHECK(Contains(Body(server, "/p/crm"), advert + " title=\"Recente wijzigingen (Atom-feed)\" "
                                                  "href=\"/feed.atom\">"));
  CHECK(Contains(Body(server, "/t/kring"), "href=\"/t/kring/feed.atom\">"));
  CHECK(Contains(Body(server, "/recent?kind=minutes"), advert + " title=\"Recente wijzigingen "
                                                                "(Atom-feed)\" href=\"/feed.atom?"
                                                                "kind=minutes\">"));
}

TEST_CASE("a configured public URL gives the feed its ids and links") {
  TestServer server(false, {}, [](kring::AppOptions& options) {
    options.public_url = "https://kring.example.be/";
  });
  SaveSample(server);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(Body(server, "/feed.atom").c_str()));
  const pugi::xml_node feed = doc.child("feed");
  CHECK(std::string(feed.child_value("id")) == "tag:kring.example.be,2013:kring:recent");
  CHECK(std::string(Link(feed, "self").attribute("href").value()) ==
        "https://kring.example.be/feed.atom");
  CHECK(std::string(feed.child("entry").child_value("id"))
            .rfind("tag:kring.example.be,2013:kring:revision:", 0) == 0);
  CHECK(std::string(Link(feed.child("entry"), "alternate").attribute("href").value()) ==
        "https://kring.example.be/p/verslag/rev/1");
}

TEST_CASE("a hostile Host header does not get into the feed") {
  TestServer server;
  SaveSample(server);
  auto res = server.Get("/feed.atom", {{"Host", "evil.example\"><x"}});
  REQUIRE(res);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(res->body.c_str()));
  CHECK(std::string(Link(doc.child("feed"), "self").attribute("href").value()) ==
        "http://localhost/feed.atom");
}
