// Files through HTTP: upload the corpus' real decks, download them byte-identical, find them
// by a word that occurs only inside them, and refuse bad input clearly.
#include <doctest/doctest.h>

#include "TestServer.h"

using kring::testing::Contains;
using kring::testing::ReadCorpus;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

httplib::Result Upload(const TestServer& server, const std::string& slug, const std::string& name,
                       const std::string& content) {
  httplib::MultipartFormDataItems items = {{"file", content, name, "application/octet-stream"}};
  return server.Client()->Post("/api/v1/pages/" + slug + "/files", items);
}

void MakePage(const TestServer& server, const std::string& slug) {
  REQUIRE(server
              .PutPage(slug, {{"title", "Bijeenkomst " + slug},
                              {"body", "Slides volgen."},
                              {"kind", "minutes"}})
              ->status == 201);
}

}  // namespace

TEST_CASE("real decks upload, download byte-identical, and are found slide by slide") {
  TestServer server;
  MakePage(server, "sprint");
  struct Deck {
    std::string path;
    std::string name;
    std::string word;     // occurs only inside this file
    int section;          // where
    std::string url_end;  // how the hit links to it
  };
  const Deck decks[] = {
      {"community/bestanden/opsplitsen-rgbz.pdf", "opsplitsen-rgbz.pdf", "sprintreview", 1,
       "#page=1"},
      {"ontwikkelaars/handleidingen-en-tutorials/_assets/autorisatie.pptx", "autorisatie.pptx",
       "autorisatiecomponent", 4, "#slide-4"},
      {"ontwikkelaars/handleidingen-en-tutorials/_assets/notificeren.pptx", "notificeren.pptx",
       "distribueren", 3, "#slide-3"},
      {"ontwikkelaars/handleidingen-en-tutorials/_assets/archiveren.pptx", "archiveren.pptx",
       "bedrijfsbelang", 3, "#slide-3"},
  };
  std::map<std::string, json> stored;
  for (const Deck& deck : decks) {
    CAPTURE(deck.name);
    const std::string content = ReadCorpus(deck.path);
    auto res = Upload(server, "sprint", deck.name, content);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    json file = json::parse(res->body);
    CHECK(file["name"] == deck.name);
    CHECK(file["size"] == content.size());
    CHECK(file["sha256"].get<std::string>().size() == 64);
    stored[deck.name] = file;

    auto download = server.Get(file["url"]);
    REQUIRE(download);
    CHECK(download->status == 200);
    CHECK(download->body == content);
    CHECK(download->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(download->get_header_value("ETag") == "\"" + file["sha256"].get<std::string>() + "\"");
  }
  CHECK(stored["opsplitsen-rgbz.pdf"]["media_type"] == "application/pdf");
  CHECK(Contains(
      server.Get(stored["opsplitsen-rgbz.pdf"]["url"])->get_header_value("Content-Disposition"),
      "inline"));
  CHECK(Contains(
      server.Get(stored["archiveren.pptx"]["url"])->get_header_value("Content-Disposition"),
      "attachment"));

  server.WaitForIndex();
  for (const Deck& deck : decks) {
    CAPTURE(deck.word);
    auto res = server.Get("/api/v1/search?q=" + deck.word);
    REQUIRE(res);
    json results = json::parse(res->body);
    REQUIRE(results["hits"].size() >= 1);
    const json& hit = results["hits"][0];
    REQUIRE(hit.contains("file"));
    CHECK(hit["file"]["name"] == deck.name);
    CHECK(hit["file"]["section"] == deck.section);
    CHECK(Contains(hit["url"], deck.url_end));
    CHECK(Contains(hit["snippet"], "<mark>"));
  }
  SUBCASE("the file type is a search filter and a facet") {
    json pdfs = json::parse(server.Get("/api/v1/search?q=rgbz&type=pdf")->body);
    REQUIRE(pdfs["hits"].size() >= 1);
    for (const auto& hit : pdfs["hits"]) CHECK(hit["file"]["type"] == "pdf");
    json none = json::parse(server.Get("/api/v1/search?q=bedrijfsbelang&type=pdf")->body);
    CHECK(none["total"] == 0);
  }
  SUBCASE("the file page lists each slide's text and the page shows the files") {
    const std::string id = std::to_string(stored["archiveren.pptx"]["id"].get<int>());
    auto page = server.Get("/f/" + id);
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(Contains(page->body, "id=\"slide-3\""));
    CHECK(Contains(page->body, "waarop bedrijfsbelang vervalt"));
    auto sprint = server.Get("/p/sprint");
    CHECK(Contains(sprint->body, "archiveren.pptx"));
    CHECK(Contains(sprint->body, "enctype=\"multipart/form-data\""));
  }
}

TEST_CASE("downloads answer HEAD, If-None-Match and Range") {
  TestServer server;
  MakePage(server, "p");
  const std::string content = ReadCorpus("community/bestanden/opsplitsen-rgbz.pdf");
  json file = json::parse(Upload(server, "p", "opsplitsen-rgbz.pdf", content)->body);
  const std::string url = file["url"];
  const std::string etag = "\"" + file["sha256"].get<std::string>() + "\"";

  auto head = server.Client()->Head(url);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  auto cached = server.Get(url, {{"If-None-Match", etag}});
  CHECK(cached->status == 304);
  CHECK(cached->body.empty());
  auto range = server.Get(url, {{"Range", "bytes=100-199"}});
  CHECK(range->status == 206);
  CHECK(range->body == content.substr(100, 100));
  CHECK(range->get_header_value("Content-Range") ==
        "bytes 100-199/" + std::to_string(content.size()));
  auto tail = server.Get(url, {{"Range", "bytes=-10"}});
  CHECK(tail->body == content.substr(content.size() - 10));
  CHECK(server.Get(url, {{"Range", "bytes=99999999-"}})->status == 416);
  CHECK(server.Get("/f/" + std::to_string(file["id"].get<int>()) + "/other-name.pdf")->status ==
        301);
  CHECK(server.Get("/f/999999/x.pdf")->status == 404);
}

TEST_CASE("the same content uploaded twice is stored once") {
  TestServer server;
  MakePage(server, "a");
  MakePage(server, "b");
  const std::string content = ReadCorpus("standaard/zaken/expand.xlsx");
  json first = json::parse(Upload(server, "a", "expand.xlsx", content)->body);
  json again = json::parse(Upload(server, "a", "expand.xlsx", content)->body);
  json other = json::parse(Upload(server, "b", "kopie.xlsx", content)->body);
  CHECK(first["id"] == again["id"]);
  CHECK(first["id"] != other["id"]);
  CHECK(first["sha256"] == other["sha256"]);
}

TEST_CASE("bad uploads get a clear error and lose nothing") {
  TestServer server;
  MakePage(server, "p");
  const std::string pdf = ReadCorpus("community/bestanden/opsplitsen-rgbz.pdf");
  const std::string pptx =
      ReadCorpus("ontwikkelaars/handleidingen-en-tutorials/_assets/notificeren.pptx");
  struct Case {
    const char* what;
    std::string name;
    std::string content;
    int status;
  };
  const Case refused[] = {
      {"an empty file", "leeg.pdf", "", 400},
      {"a PDF that holds a zip", "slides.pdf", pptx, 400},
      {"a PPTX that is not a zip", "deck.pptx", "dit is gewoon tekst, geen presentatie", 400},
  };
  for (const Case& c : refused) {
    CAPTURE(c.what);
    auto res = Upload(server, "p", c.name, c.content);
    REQUIRE(res);
    CHECK(res->status == c.status);
    CHECK(json::parse(res->body)["error"].get<std::string>().size() > 10);
  }
  CHECK(Upload(server, "bestaat-niet", "x.pdf", pdf)->status == 404);

  // Stored, downloadable, but their text cannot be read: the page says why.
  const Case unreadable[] = {
      {"a truncated PDF", "kapot.pdf", pdf.substr(0, pdf.size() / 3), 201},
  };
  for (const Case& c : unreadable) {
    CAPTURE(c.what);
    auto res = Upload(server, "p", c.name, c.content);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    json file = json::parse(res->body);
    server.WaitForIndex();
    json info =
        json::parse(server.Get("/api/v1/files/" + std::to_string(file["id"].get<int>()))->body);
    CHECK(info["extraction"] == "failed");
    CHECK(info["extraction_error"].get<std::string>().size() > 10);
    CHECK(server.Get(file["url"])->body == c.content);
    CHECK(Contains(server.Get("/p/p")->body, info["extraction_error"].get<std::string>()));
  }
  // Nothing else was lost: the page is intact.
  CHECK(json::parse(server.Get("/api/v1/pages/p")->body)["body"] == "Slides volgen.");
}

TEST_CASE("an upload from the page form, and a presentation made from a deck") {
  TestServer server;
  MakePage(server, "p");
  const std::string pptx =
      ReadCorpus("ontwikkelaars/handleidingen-en-tutorials/_assets/autorisatie.pptx");
  httplib::MultipartFormDataItems items = {
      {"file", pptx, "autorisatie.pptx", "application/vnd.ms-powerpoint"},
      {"file", "# Notities\n\nKort verslag.", "notities.md", "text/markdown"}};
  auto form = server.Client()->Post("/p/p/files", items);
  REQUIRE(form);
  CHECK(form->status == 303);
  auto page = server.Get("/p/p");
  CHECK(Contains(page->body, "autorisatie.pptx"));
  CHECK(Contains(page->body, "notities.md"));

  auto deck = server.Client()->Post("/api/v1/presentations?name=Autorisaties%20in%20ZGW.pptx", pptx,
                                    "application/octet-stream");
  REQUIRE(deck);
  CHECK(deck->status == 201);
  json created = json::parse(deck->body);
  auto made = json::parse(server.Get("/api/v1/pages/autorisaties-in-zgw")->body);
  CHECK(made["title"] == "Autorisaties in ZGW");
  CHECK(made["kind"] == "presentation");
  CHECK(Contains(made["html"], created["url"].get<std::string>()));
}

TEST_CASE("an upload over the limit answers 413 and the server goes on serving") {
  TestServer server(false, {}, [](kring::AppOptions& options) {
    options.file_limits.max_file_bytes = 1024 * 1024;  // requests up to 2 MiB then
  });
  MakePage(server, "p");
  auto over = Upload(server, "p", "groot.pdf", "%PDF-1.4\n" + std::string(1536 * 1024, 'x'));
  REQUIRE(over);
  CHECK(over->status == 413);
  CHECK(Contains(json::parse(over->body)["error"], "limit"));
  // Over the route's limit (the file limit + 1 MiB): refused once the header is read, the
  // body dropped unread and the connection closed after the answer.
  auto huge = Upload(server, "p", "enorm.pdf", "%PDF-1.4\n" + std::string(2304 * 1024, 'x'));
  REQUIRE(huge);
  CHECK(huge->status == 413);
  for (int i = 0; i < 5; ++i) {
    auto health = server.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
  }
  CHECK(json::parse(server.Get("/api/v1/pages/p")->body)["revision"] == 1);
}
