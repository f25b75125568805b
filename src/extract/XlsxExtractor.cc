// XLSX: one section per sheet in workbook order: the sheet's name, then a line per row with the
// cells' values separated by tabs (shared, inline and formula strings, numbers as stored).
#include <charconv>
#include <string>
#include <vector>

#include "extract/Extractors.h"
#include "extract/OoxmlPackage.h"
#include "extract/TextOutput.h"
#include "extract/Xml.h"

namespace kring::extract {
namespace {

struct Sheet {
  std::string name;
  std::string part;  // empty for chart sheets and sheets whose part is unknown
};

// The text of a string item (si, is): its t runs, without phonetic guides (rPh).
std::string StringItemText(pugi::xml_node item) {
  std::string text;
  WalkXml(
      item,
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        if (LocalName(node) == "t") {
          text += node.child_value();
          return false;
        }
        return LocalName(node) != "rPh";
      },
      [](pugi::xml_node) {});
  return text;
}

Result<std::vector<std::string>> SharedStrings(ZipArchive& zip,
                                               const std::vector<Relationship>& relationships) {
  std::string name = "xl/sharedStrings.xml";
  for (const Relationship& relationship : relationships) {
    if (IsRelationshipType(relationship.type, "sharedStrings")) name = relationship.target;
  }
  std::vector<std::string> strings;
  auto part = ReadXmlPart(zip, name);
  if (!part.ok()) {
    if (part.error().code == ErrorCode::kNotFound) return strings;  // a workbook of numbers
    return part.error();
  }
  for (pugi::xml_node item : part.value()->document.document_element().children()) {
    if (item.type() == pugi::node_element && LocalName(item) == "si") {
      strings.push_back(StringItemText(item));
    }
  }
  return strings;
}

Result<std::vector<Sheet>> Sheets(ZipArchive& zip, const std::string& workbook,
                                  const std::vector<Relationship>& relationships) {
  std::vector<Sheet> sheets;
  auto part = ReadOptionalXmlPart(zip, workbook);
  if (!part.ok()) return part.error();
  if (part.value()) {
    const pugi::xml_node list = FindElement(part.value()->document, "sheets");
    for (pugi::xml_node node : list.children()) {
      if (node.type() != pugi::node_element || LocalName(node) != "sheet") continue;
      Sheet sheet{std::string(Attribute(node, "name", false)), {}};
      const std::string_view id = Attribute(node, "id", true);
      for (const Relationship& relationship : relationships) {
        if (relationship.id == id && IsRelationshipType(relationship.type, "worksheet")) {
          sheet.part = relationship.target;
        }
      }
      sheets.push_back(std::move(sheet));
    }
  }
  if (sheets.empty()) {
    for (std::string& name : NumberedParts(zip, "xl/worksheets/sheet")) {
      sheets.push_back(Sheet{{}, std::move(name)});
    }
  }
  return sheets;
}

void AppendCell(pugi::xml_node cell, const std::vector<std::string>& strings, TextBuilder& out) {
  const std::string_view type = Attribute(cell, "t", false);
  std::string value;
  if (type == "inlineStr") {
    value = StringItemText(ChildElement(cell, "is"));
  } else {
    const std::string_view raw = ChildElement(cell, "v").child_value();
    if (type == "s") {
      size_t index = 0;
      const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
      if (error == std::errc() && end == raw.data() + raw.size() && index < strings.size()) {
        value = strings[index];
      }
    } else if (type == "b") {
      value = raw == "1" ? "TRUE" : "FALSE";
    } else {
      value = raw;  // numbers, formula strings (str), errors (e)
    }
  }
  if (value.empty()) return;
  out.Separate('\t');
  out.Append(value);
}

}  // namespace

Extraction ExtractXlsx(ZipArchive& zip, const ExtractLimits& limits) {
  auto workbook = MainPart(zip, "xl/workbook.xml");
  if (!workbook.ok()) return FailedExtraction(workbook.error().message);
  if (!zip.Contains(workbook.value()) && NumberedParts(zip, "xl/worksheets/sheet").empty()) {
    return FailedExtraction("The file is not an Excel workbook: it has no sheets.");
  }
  auto relationships = ReadRelationships(zip, workbook.value());
  if (!relationships.ok()) return FailedExtraction(relationships.error().message);
  auto strings = SharedStrings(zip, relationships.value());
  if (!strings.ok()) return FailedExtraction(strings.error().message);
  auto sheets = Sheets(zip, workbook.value(), relationships.value());
  if (!sheets.ok()) return FailedExtraction(sheets.error().message);

  Extraction extraction;
  extraction.section_kind = "sheet";
  for (const Sheet& sheet : sheets.value()) {
    if (!HasRoomForSection(extraction, limits)) break;
    TextBuilder out(limits.max_text_bytes);
    out.Append(sheet.name);
    out.EndLine();
    if (!sheet.part.empty()) {
      auto part = ReadXmlPart(zip, sheet.part);
      if (!part.ok()) return FailedExtraction(part.error().message);
      const pugi::xml_node data = FindElement(part.value()->document, "sheetData");
      for (pugi::xml_node row : data.children()) {
        if (out.full()) break;
        if (row.type() != pugi::node_element || LocalName(row) != "row") continue;
        for (pugi::xml_node cell : row.children()) {
          if (cell.type() == pugi::node_element && LocalName(cell) == "c") {
            AppendCell(cell, strings.value(), out);
          }
        }
        out.EndLine();
      }
    }
    AddNumberedSection(extraction, out.Take());
  }
  auto title = PackageTitle(zip);
  if (!title.ok()) return FailedExtraction(title.error().message);
  extraction.title = std::move(title.value());
  return extraction;
}

}  // namespace kring::extract
