#include "extract/OoxmlPackage.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "core/Text.h"
#include "extract/Xml.h"

namespace kring::extract {
namespace {

// Titles that Office writes when the author gave none: they say nothing about the file.
constexpr std::array<std::string_view, 6> kPlaceholderTitles = {
    "powerpoint-presentatie",  "powerpoint presentation", "powerpoint-präsentation",
    "présentation powerpoint", "diapositiva 1",           "slide 1",
};

// The .rels part of `source`: "ppt/presentation.xml" → "ppt/_rels/presentation.xml.rels".
std::string RelationshipsPart(std::string_view source) {
  const size_t slash = source.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(source) + ".rels";
  return std::string(source.substr(0, slash + 1)) + "_rels/" +
         std::string(source.substr(slash + 1)) + ".rels";
}

}  // namespace

bool IsRelationshipType(std::string_view type, std::string_view kind) {
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

std::string ResolvePartName(std::string_view source, std::string_view target) {
  std::string path;
  if (target.starts_with('/')) {
    path = std::string(target.substr(1));
  } else {
    const size_t slash = source.rfind('/');
    path = (slash == std::string_view::npos ? std::string()
                                            : std::string(source.substr(0, slash + 1))) +
           std::string(target);
  }
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string resolved;
  for (std::string_view segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved.append(segment);
  }
  return resolved;
}

Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view source) {
  const std::string rels_name = source.empty() ? "_rels/.rels" : RelationshipsPart(source);
  std::vector<Relationship> relationships;
  // A missing or malformed .rels only means fewer relationships; refusals are real errors.
  auto part = ReadOptionalXmlPart(zip, rels_name);
  if (!part.ok()) return part.error();
  if (!part.value()) return relationships;
  const pugi::xml_node root = part.value()->document.document_element();
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element || LocalName(node) != "Relationship") continue;
    if (Attribute(node, "TargetMode", false) == "External") continue;
    const std::string_view target = Attribute(node, "Target", false);
    if (target.empty()) continue;
    relationships.push_back(Relationship{std::string(Attribute(node, "Id", false)),
                                         std::string(Attribute(node, "Type", false)),
                                         ResolvePartName(source, target)});
  }
  return relationships;
}

Result<std::string> MainPart(ZipArchive& zip, std::string_view fallback) {
  auto relationships = ReadRelationships(zip, "");
  if (!relationships.ok()) return relationships.error();
  for (const Relationship& relationship : relationships.value()) {
    if (IsRelationshipType(relationship.type, "officeDocument") &&
        zip.Contains(relationship.target)) {
      return relationship.target;
    }
  }
  return std::string(fallback);
}

Result<std::string> PackageTitle(ZipArchive& zip) {
  std::string core = "docProps/core.xml";
  auto relationships = ReadRelationships(zip, "");
  if (!relationships.ok()) return relationships.error();
  for (const Relationship& relationship : relationships.value()) {
    if (IsRelationshipType(relationship.type, "core-properties")) core = relationship.target;
  }
  // No title, or a malformed core part, is no reason to fail; refusals are.
  auto part = ReadOptionalXmlPart(zip, core);
  if (!part.ok()) return part.error();
  if (!part.value()) return std::string();
  std::string title = Trim(ElementText(part.value()->document, "title"));
  const std::string lowered = ToLower(title);
  if (std::find(kPlaceholderTitles.begin(), kPlaceholderTitles.end(), lowered) !=
      kPlaceholderTitles.end()) {
    return std::string();
  }
  return title;
}

void AppendOoxmlText(pugi::xml_node root, TextBuilder& out,
                     const std::function<bool(pugi::xml_node)>& skip) {
  WalkXml(
      root,
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        const std::string_view name = LocalName(node);
        // w:t and a:t only: deleted text (w:delText) and field codes (w:instrText) are other
        // elements.
        if (name == "t") {
          out.Append(node.child_value());
          return false;
        }
        if (name == "tab") {
          out.Separate('\t');
          return false;
        }
        if (name == "br" || name == "cr") {
          out.EndLine();
          return false;
        }
        if (name == "Fallback" || name == "del" || name == "pPr" || name == "rPr" ||
            name == "sectPr") {
          return false;
        }
        // Slide numbers and dates are fields the application fills in, not the author's text.
        if (name == "fld") {
          const std::string_view type = Attribute(node, "type", false);
          if (type == "slidenum" || type.starts_with("datetime")) return false;
        }
        return !(skip && skip(node));
      },
      [&](pugi::xml_node node) {
        if (node.type() == pugi::node_element && LocalName(node) == "p") out.EndLine();
      });
}

std::vector<std::string> NumberedParts(const ZipArchive& zip, std::string_view prefix) {
  std::vector<std::pair<int, std::string>> numbered;
  for (std::string& name : zip.Names()) {
    std::string_view view = name;
    if (!view.starts_with(prefix) || !view.ends_with(".xml")) continue;
    const std::string_view digits = view.substr(prefix.size(), view.size() - prefix.size() - 4);
    int number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) continue;
    numbered.emplace_back(number, std::move(name));
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<std::string> names;
  for (auto& [number, name] : numbered) names.push_back(std::move(name));
  return names;
}

}  // namespace kring::extract
