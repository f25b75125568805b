// OpenDocument (content.xml): ODP one section per draw:page with its presentation:notes, ODT
// one section, ODS one section per table:table (its name first, a line per row, cells
// separated by tabs). The title comes from meta.xml.
#include <algorithm>
#include <charconv>
#include <string>

#include "extract/Extractors.h"
#include "extract/TextOutput.h"
#include "extract/Xml.h"

namespace kring::extract {
namespace {

// text:s stands for a run of spaces; a hostile count must not fill the text with them.
constexpr int kMaxSpaceRun = 16;

// Paragraph text as ODF lays it out: every run of whitespace in the markup is one space, and
// none opens a line (ODF 1.2, 6.1.2); spaces meant literally are text:s.
void AppendCollapsed(std::string_view text, TextBuilder& out) {
  constexpr std::string_view kBlanks = " \t\r\n";
  while (!text.empty()) {
    const size_t word = text.find_first_not_of(kBlanks);
    if (word != 0) out.AppendSpace();
    if (word == std::string_view::npos) return;
    text.remove_prefix(word);
    const size_t end = std::min(text.find_first_of(kBlanks), text.size());
    out.Append(text.substr(0, end));
    text.remove_prefix(end);
  }
}

enum class Layout { kParagraphs, kCells };

// The text under `root`: paragraphs (text:p, text:h) on their own lines, text:span and links
// inline, text:s, text:tab and text:line-break as what they stand for. Deleted text
// (text:tracked-changes) and comments (office:annotation) are left out. In kCells layout a
// paragraph ends with a space, a cell with a tab and a row with a line end.
void AppendOdfText(pugi::xml_node root, Layout layout, TextBuilder& out) {
  int paragraph_depth = 0;
  WalkXml(
      root,
      [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
          if (paragraph_depth > 0) AppendCollapsed(node.value(), out);
          return false;
        }
        if (node.type() != pugi::node_element) return false;
        const std::string_view name = LocalName(node);
        if (name == "p" || name == "h") {
          ++paragraph_depth;
        } else if (name == "s") {
          int count = 1;
          const std::string_view c = Attribute(node, "c", true);
          std::from_chars(c.data(), c.data() + c.size(), count);
          out.Append(std::string(std::clamp(count, 1, kMaxSpaceRun), ' '));
        } else if (name == "tab") {
          out.Append("\t");
        } else if (name == "line-break") {
          out.EndLine();
        }
        return name != "tracked-changes" && name != "annotation";
      },
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return;
        const std::string_view name = LocalName(node);
        if (name == "p" || name == "h") {
          --paragraph_depth;
          if (layout == Layout::kParagraphs) {
            out.EndLine();
          } else {
            out.Separate(' ');
          }
        } else if (layout == Layout::kCells && name == "table-cell") {
          out.Separate('\t');
        } else if (layout == Layout::kCells && name == "table-row") {
          out.EndLine();
        }
      });
}

// The office:body's child for the document class (office:presentation, office:text,
// office:spreadsheet), after reading content.xml; title from meta.xml.
struct OdfContent {
  std::unique_ptr<XmlPart> content;
  pugi::xml_node body;
  std::string title;
};

Result<OdfContent> ReadOdf(ZipArchive& zip, std::string_view body_class, std::string_view what) {
  auto content = ReadXmlPart(zip, "content.xml", Whitespace::kAll);
  if (!content.ok()) {
    if (content.error().code == ErrorCode::kNotFound) {
      return Error{ErrorCode::kInvalidInput,
                   "The file is not " + std::string(what) + ": content.xml is missing."};
    }
    return content.error();
  }
  OdfContent odf;
  odf.content = std::move(content.value());
  odf.body =
      ChildElement(ChildElement(odf.content->document.document_element(), "body"), body_class);
  if (!odf.body) {
    return Error{ErrorCode::kInvalidInput, "The file is not " + std::string(what) +
                                               ": content.xml holds no " + std::string(body_class) +
                                               "."};
  }
  auto meta = ReadOptionalXmlPart(zip, "meta.xml");
  if (!meta.ok()) return meta.error();
  if (meta.value()) odf.title = ElementText(meta.value()->document, "title");
  return odf;
}

// One section per child element `section_element` of the body (draw:page, table:table).
Extraction ExtractOdfSections(ZipArchive& zip, const ExtractLimits& limits,
                              std::string_view body_class, std::string_view what,
                              std::string_view section_element, std::string_view section_kind,
                              Layout layout) {
  auto odf = ReadOdf(zip, body_class, what);
  if (!odf.ok()) return FailedExtraction(odf.error().message);
  Extraction extraction;
  extraction.title = std::move(odf.value().title);
  extraction.section_kind = std::string(section_kind);
  for (pugi::xml_node node : odf.value().body.children()) {
    if (!HasRoomForSection(extraction, limits)) break;
    if (node.type() != pugi::node_element || LocalName(node) != section_element) continue;
    TextBuilder out(limits.max_text_bytes);
    if (layout == Layout::kCells) {
      out.Append(Attribute(node, "name", true));  // the sheet's name, as in XLSX
      out.EndLine();
    }
    AppendOdfText(node, layout, out);
    AddNumberedSection(extraction, out.Take());
  }
  return extraction;
}

}  // namespace

Extraction ExtractOdp(ZipArchive& zip, const ExtractLimits& limits) {
  return ExtractOdfSections(zip, limits, "presentation", "an OpenDocument presentation", "page",
                            "slide", Layout::kParagraphs);
}

Extraction ExtractOds(ZipArchive& zip, const ExtractLimits& limits) {
  return ExtractOdfSections(zip, limits, "spreadsheet", "an OpenDocument spreadsheet", "table",
                            "sheet", Layout::kCells);
}

Extraction ExtractOdt(ZipArchive& zip, const ExtractLimits& limits) {
  auto odf = ReadOdf(zip, "text", "an OpenDocument text");
  if (!odf.ok()) return FailedExtraction(odf.error().message);
  TextBuilder out(limits.max_text_bytes);
  AppendOdfText(odf.value().body, Layout::kParagraphs, out);
  Extraction extraction;
  extraction.title = std::move(odf.value().title);
  extraction.sections.push_back(FileSection{0, out.Take()});
  return extraction;
}

}  // namespace kring::extract
