// XML helpers for the zip + XML extractors, over pugixml. pugixml never loads external entities
// or DTDs and expands only the predefined and numeric entities, so a hostile part cannot read
// files or blow up through entity expansion; the walkers here never recurse, so deep nesting
// cannot exhaust the stack. Free functions: thread-safe on distinct documents.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "core/Result.h"
#include "extract/ZipArchive.h"

namespace kring::extract {

// A parsed part; the document points into `buffer` (parsed in place), so they live together.
struct XmlPart {
  std::string buffer;
  pugi::xml_document document;
};

// Which whitespace-only text nodes a parse keeps. OOXML needs only the lone ones
// (<w:t xml:space="preserve"> </w:t> separates words); ODF needs all of them, because a space
// between two spans is a space in the paragraph.
enum class Whitespace { kLoneOnly, kAll };

// Parses `content`; null when it is not well-formed XML.
std::unique_ptr<XmlPart> ParseXmlPart(std::string content,
                                      Whitespace whitespace = Whitespace::kLoneOnly);

// Reads entry `name` of `zip` and parses it. Errors: those of ZipArchive::Read (kNotFound when
// it is missing), kInvalidInput "The file is damaged: NAME is not well-formed XML.".
Result<std::unique_ptr<XmlPart>> ReadXmlPart(ZipArchive& zip, std::string_view name,
                                             Whitespace whitespace = Whitespace::kLoneOnly);

// Like ReadXmlPart, but a missing or malformed part answers null: for parts a file can do
// without. Errors: only the archive's refusals (zip bomb guards, encryption, damage).
Result<std::unique_ptr<XmlPart>> ReadOptionalXmlPart(ZipArchive& zip, std::string_view name);

// The name of an element without its namespace prefix ("a:t" → "t").
std::string_view LocalName(pugi::xml_node node);

// The value of the first attribute of `node` whose local name is `local` ("r:id" for "id" when
// `prefixed`, plain "Id" otherwise); "" when there is none.
std::string_view Attribute(pugi::xml_node node, std::string_view local, bool prefixed);

// The first child element of `node` with local name `local`.
pugi::xml_node ChildElement(pugi::xml_node node, std::string_view local);

// The first element under `root` (depth first, document order) with local name `local`.
pugi::xml_node FindElement(pugi::xml_node root, std::string_view local);

// The text of the first element under `root` with local name `local` (its pcdata), or "".
std::string ElementText(pugi::xml_node root, std::string_view local);

// Visits the nodes under `root` in document order, without recursion: `enter(node)` answers
// whether to visit the node's children; `leave(node)` follows them (also when skipped).
template <typename Enter, typename Leave>
void WalkXml(pugi::xml_node root, Enter&& enter, Leave&& leave) {
  pugi::xml_node node = root.first_child();
  while (node) {
    if (enter(node) && node.first_child()) {
      node = node.first_child();
      continue;
    }
    // Climb until a node has a next sibling, leaving each node on the way.
    while (true) {
      leave(node);
      if (pugi::xml_node next = node.next_sibling()) {
        node = next;
        break;
      }
      node = node.parent();
      if (node == root) {
        node = pugi::xml_node();
        break;
      }
    }
  }
}

}  // namespace kring::extract
