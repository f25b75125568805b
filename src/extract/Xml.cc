#include "extract/Xml.h"

namespace kring::extract {

std::unique_ptr<XmlPart> ParseXmlPart(std::string content, Whitespace whitespace) {
  auto part = std::make_unique<XmlPart>();
  part->buffer = std::move(content);
  const unsigned options =
      pugi::parse_default |
      (whitespace == Whitespace::kAll ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
  const pugi::xml_parse_result parsed =
      part->document.load_buffer_inplace(part->buffer.data(), part->buffer.size(), options);
  if (!parsed) return nullptr;
  return part;
}

Result<std::unique_ptr<XmlPart>> ReadXmlPart(ZipArchive& zip, std::string_view name,
                                             Whitespace whitespace) {
  Result<std::string> content = zip.Read(name);
  if (!content.ok()) return content.error();
  std::unique_ptr<XmlPart> part = ParseXmlPart(std::move(content.value()), whitespace);
  if (!part) {
    return Error{ErrorCode::kInvalidInput,
                 "The file is damaged: " + std::string(name) + " is not well-formed XML."};
  }
  return part;
}

Result<std::unique_ptr<XmlPart>> ReadOptionalXmlPart(ZipArchive& zip, std::string_view name) {
  Result<std::string> content = zip.Read(name);
  if (!content.ok()) {
    if (content.error().code == ErrorCode::kNotFound) return std::unique_ptr<XmlPart>();
    return content.error();
  }
  return ParseXmlPart(std::move(content.value()));
}

std::string_view LocalName(pugi::xml_node node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view Attribute(pugi::xml_node node, std::string_view local, bool prefixed) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    std::string_view name = attribute.name();
    const size_t colon = name.find(':');
    if (prefixed != (colon != std::string_view::npos)) continue;
    if (prefixed) name = name.substr(colon + 1);
    if (name == local) return attribute.value();
  }
  return {};
}

pugi::xml_node ChildElement(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local) return child;
  }
  return {};
}

pugi::xml_node FindElement(pugi::xml_node root, std::string_view local) {
  pugi::xml_node found;
  WalkXml(
      root,
      [&](pugi::xml_node node) {
        if (found) return false;
        if (node.type() == pugi::node_element && LocalName(node) == local) {
          found = node;
          return false;
        }
        return true;
      },
      [](pugi::xml_node) {});
  return found;
}

std::string ElementText(pugi::xml_node root, std::string_view local) {
  const pugi::xml_node element = FindElement(root, local);
  return element ? std::string(element.child_value()) : std::string();
}

}  // namespace kring::extract
