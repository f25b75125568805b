// XmlWriting: what the XML documents Kring writes with pugixml (the Atom feeds, the sitemap)
// share: the declaration, text made safe for XML 1.0, and the serialisation. Internal to
// render/ (it names pugixml types). Thread-safe (no state).
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace kring {

// An empty document holding the XML declaration (version 1.0, UTF-8); append the root to it.
pugi::xml_document NewXmlDocument();

// `text` without the characters XML 1.0 cannot hold (C0 controls other than tab, line feed
// and carriage return become U+FFFD; the input is valid UTF-8, so nothing else needs care).
// The XML writer escapes the rest (<, &, quotes).
std::string XmlText(std::string_view text);

// The document as UTF-8 text, indented by two spaces.
std::string XmlString(const pugi::xml_document& doc);

}  // namespace kring
