// WriteAtomFeed: the Atom document it writes parses, holds what RFC 4287 requires, and escapes
// every piece of text (read back with pugixml, as a feed reader would).
#include "render/AtomFeed.h"

#include <doctest/doctest.h>

#include <pugixml.hpp>
#include <string>

namespace kring {
namespace {

AtomFeedData Sample() {
  AtomFeedData feed;
  feed.id = "tag:kring.example.be,2013:kring:recent";
  feed.title = "Kring: <recent> & \"new\"";
  feed.lang = "nl";
  feed.updated = "2013-06-13T10:00:00Z";
  feed.self_url = "https://kring.example.be/feed.atom?kind=minutes&topic=crm";
  feed.alternate_url = "https://kring.example.be/recent?kind=minutes&topic=crm";
  feed.author = "Kring";
  feed.generator_version = "0.1.0";
  AtomEntry entry;
  entry.id = "tag:kring.example.be,2013:kring:revision:7";
  entry.title = "<script>alert(1)</script> & Co";
  entry.updated = "2013-06-13T10:00:00Z";
  entry.link = "https://kring.example.be/p/a/diff?from=1&to=2";
  entry.author = "Ann & Bob";
  entry.summary = "Tekst met \x01 een stuurteken";
  entry.content_html = "<p>&lt;script&gt; in de titel</p>";
  feed.entries.push_back(entry);
  return feed;
}

TEST_CASE("the Atom feed holds the required elements, escaped") {
  const std::string xml = WriteAtomFeed(Sample());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0) == 0);
  // Nothing a member wrote reaches the XML unescaped.
  CHECK(xml.find("<script>") == std::string::npos);
  CHECK(xml.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") != std::string::npos);
  CHECK(xml.find("&amp;lt;script&amp;gt;") != std::string::npos);  // escaped HTML, escaped again
  CHECK(xml.find('\x01') == std::string::npos);

  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  pugi::xml_node feed = doc.child("feed");
  REQUIRE(feed);
  CHECK(std::string(feed.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
  CHECK(std::string(feed.attribute("xml:lang").value()) == "nl");
  CHECK(std::string(feed.child_value("id")) == "tag:kring.example.be,2013:kring:recent");
  CHECK(std::string(feed.child_value("title")) == "Kring: <recent> & \"new\"");
  CHECK(std::string(feed.child_value("updated")) == "2013-06-13T10:00:00Z");
  CHECK(std::string(feed.child("author").child_value("name")) == "Kring");
  CHECK(
      std::string(feed.find_child_by_attribute("link", "rel", "self").attribute("href").value()) ==
      "https://kring.example.be/feed.atom?kind=minutes&topic=crm");
  CHECK(std::string(
            feed.find_child_by_attribute("link", "rel", "alternate").attribute("href").value()) ==
        "https://kring.example.be/recent?kind=minutes&topic=crm");

  pugi::xml_node entry = feed.child("entry");
  REQUIRE(entry);
  CHECK(std::string(entry.child_value("id")) == "tag:kring.example.be,2013:kring:revision:7");
  CHECK(std::string(entry.child_value("title")) == "<script>alert(1)</script> & Co");
  CHECK(std::string(entry.child("title").attribute("type").value()) == "text");
  CHECK(std::string(entry.child_value("updated")) == "2013-06-13T10:00:00Z");
  CHECK(std::string(entry.child("link").attribute("href").value()) ==
        "https://kring.example.be/p/a/diff?from=1&to=2");
  CHECK(std::string(entry.child("author").child_value("name")) == "Ann & Bob");
  CHECK(std::string(entry.child_value("summary")) == "Tekst met \xEF\xBF\xBD een stuurteken");
  CHECK(std::string(entry.child("content").attribute("type").value()) == "html");
  CHECK(std::string(entry.child_value("content")) == "<p>&lt;script&gt; in de titel</p>");
}

TEST_CASE("a feed without entries is still a feed") {
  AtomFeedData data = Sample();
  data.entries.clear();
  pugi::xml_document doc;
  REQUIRE(doc.load_string(WriteAtomFeed(data).c_str()));
  CHECK(doc.child("feed").child("id"));
  CHECK_FALSE(doc.child("feed").child("entry"));
}

}  // namespace
}  // namespace kring
