#include "render/AtomFeed.h"

#include <pugixml.hpp>
#include <string_view>

#include "render/XmlWriting.h"

namespace kring {
namespace {

void AddText(pugi::xml_node parent, const char* name, std::string_view text) {
  parent.append_child(name).text().set(XmlText(text).c_str());
}

// An Atom text construct (RFC 4287 3.1): `type` is "text" or "html"; either way the XML
// writer escapes the characters.
void AddTextConstruct(pugi::xml_node parent, const char* name, const char* type,
                      std::string_view text) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("type").set_value(type);
  node.text().set(XmlText(text).c_str());
}

void AddLink(pugi::xml_node parent, const char* rel, const std::string& href, const char* type) {
  pugi::xml_node link = parent.append_child("link");
  link.append_attribute("rel").set_value(rel);
  if (type != nullptr) link.append_attribute("type").set_value(type);
  link.append_attribute("href").set_value(XmlText(href).c_str());
}

void AddAuthor(pugi::xml_node parent, const std::string& name) {
  AddText(parent.append_child("author"), "name", name);
}

}  // namespace

std::string WriteAtomFeed(const AtomFeedData& data) {
  pugi::xml_document doc = NewXmlDocument();

  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns").set_value("http://www.w3.org/2005/Atom");
  if (!data.lang.empty()) feed.append_attribute("xml:lang").set_value(data.lang.c_str());
  AddText(feed, "id", data.id);
  AddTextConstruct(feed, "title", "text", data.title);
  AddText(feed, "updated", data.updated);
  AddLink(feed, "self", data.self_url, "application/atom+xml");
  AddLink(feed, "alternate", data.alternate_url, "text/html");
  AddAuthor(feed, data.author);
  pugi::xml_node generator = feed.append_child("generator");
  generator.append_attribute("version").set_value(data.generator_version.c_str());
  generator.text().set("Kring");

  for (const AtomEntry& item : data.entries) {
    pugi::xml_node entry = feed.append_child("entry");
    AddText(entry, "id", item.id);
    AddTextConstruct(entry, "title", "text", item.title);
    AddText(entry, "updated", item.updated);
    AddLink(entry, "alternate", item.link, "text/html");
    AddAuthor(entry, item.author);
    if (!item.summary.empty()) AddTextConstruct(entry, "summary", "text", item.summary);
    if (!item.content_html.empty()) {
      AddTextConstruct(entry, "content", "html", item.content_html);
    }
  }
  return XmlString(doc);
}

}  // namespace kring
