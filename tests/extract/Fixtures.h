// Small office documents built in the tests (no binaries committed): PPTX, DOCX, XLSX, ODP,
// ODT and ODS with the features the extractors must handle, as ZIP entries (ZipBuilder turns
// them into files; the fuzz test mutates them first). Test support only.
#pragma once

#include <string>
#include <vector>

#include "ZipBuilder.h"
#include "core/Text.h"

namespace kring::extract::testing {

inline std::string XmlEscape(const std::string& text) { return kring::EscapeHtml(text); }

inline constexpr const char* kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr const char* kRelationshipType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

inline std::string Relationships(const std::vector<std::pair<std::string, std::string>>& rels) {
  std::string xml = std::string(kXmlDeclaration) +
                    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\">";
  int id = 1;
  for (const auto& [type, target] : rels) {
    xml += "<Relationship Id=\"rId" + std::to_string(id++) + "\" Type=\"" + kRelationshipType +
           type + "\" Target=\"" + target + "\"/>";
  }
  return xml + "</Relationships>";
}

// The parts every OOXML package has: content types, the package rels, core properties.
inline ZipEntries OoxmlPackage(const std::string& main_part, const std::string& title) {
  return {
      {"[Content_Types].xml",
       std::string(kXmlDeclaration) +
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
      {"_rels/.rels", Relationships({{"officeDocument", main_part},
                                     {"metadata/core-properties", "docProps/core.xml"}})},
      {"docProps/core.xml",
       std::string(kXmlDeclaration) +
           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
           "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
           XmlEscape(title) + "</dc:title></cp:coreProperties>"},
  };
}

struct FixtureSlide {
  std::vector<std::string> paragraphs;
  std::string notes;  // none when empty
};

inline std::string DrawingShape(const std::vector<std::string>& paragraphs,
                                const std::string& placeholder = "") {
  std::string xml = "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Text\"/><p:cNvSpPr/><p:nvPr>";
  if (!placeholder.empty()) xml += "<p:ph type=\"" + placeholder + "\"/>";
  xml += "</p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/>";
  for (const std::string& paragraph : paragraphs) {
    // Two runs per paragraph: the extractor must join them without a break.
    const size_t half = paragraph.size() / 2;
    xml += "<a:p><a:r><a:t>" + XmlEscape(paragraph.substr(0, half)) + "</a:t></a:r><a:r><a:t>" +
           XmlEscape(paragraph.substr(half)) + "</a:t></a:r></a:p>";
  }
  return xml + "</p:txBody></p:sp>";
}

// A deck whose slides are given in presentation order but stored under reversed file numbers
// (slide 1 is ppt/slides/slideN.xml), so only p:sldIdLst gives the right order. Notes pages
// carry a slide-number placeholder and a slidenum field that must not count as notes.
// Without `with_presentation` there is no presentation.xml: the order is by file number.
inline ZipEntries MakePptx(const std::vector<FixtureSlide>& slides, const std::string& title,
                           bool with_presentation = true) {
  const std::string ns =
      " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
      " xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
  ZipEntries entries = OoxmlPackage("ppt/presentation.xml", title);
  std::string list;
  std::vector<std::pair<std::string, std::string>> presentation_rels;
  const int count = static_cast<int>(slides.size());
  for (int i = 0; i < count; ++i) {
    const std::string file = std::to_string(count - i);
    const std::string part = "ppt/slides/slide" + file + ".xml";
    entries.emplace_back(part, std::string(kXmlDeclaration) + "<p:sld" + ns +
                                   "><p:cSld><p:spTree>" + DrawingShape(slides[i].paragraphs) +
                                   "</p:spTree></p:cSld></p:sld>");
    presentation_rels.emplace_back("slide", "slides/slide" + file + ".xml");
    list += "<p:sldId id=\"" + std::to_string(256 + i) + "\" r:id=\"rId" + std::to_string(i + 1) +
            "\"/>";
    if (slides[i].notes.empty()) continue;
    const std::string notes_part = "ppt/notesSlides/notesSlide" + file + ".xml";
    entries.emplace_back(
        "ppt/slides/_rels/slide" + file + ".xml.rels",
        Relationships({{"notesSlide", "../notesSlides/notesSlide" + file + ".xml"}}));
    entries.emplace_back(
        notes_part,
        std::string(kXmlDeclaration) + "<p:notes" + ns + "><p:cSld><p:spTree>" +
            DrawingShape({"99"}, "sldNum") + DrawingShape({slides[i].notes}, "body") +
            "<p:sp><p:txBody><a:p><a:fld id=\"{1}\" type=\"slidenum\"><a:t>98</a:t></a:fld>"
            "</a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>");
  }
  if (with_presentation) {
    entries.emplace_back("ppt/presentation.xml", std::string(kXmlDeclaration) + "<p:presentation" +
                                                     ns + "><p:sldIdLst>" + list +
                                                     "</p:sldIdLst></p:presentation>");
    entries.emplace_back("ppt/_rels/presentation.xml.rels", Relationships(presentation_rels));
  }
  return entries;
}

// A Word document: split runs, a tab, a table, a deleted run and a text box written twice
// (mc:Choice and mc:Fallback).
inline ZipEntries MakeDocx(const std::string& title) {
  ZipEntries entries = OoxmlPackage("word/document.xml", title);
  entries.emplace_back(
      "word/document.xml",
      std::string(kXmlDeclaration) +
          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
          " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
          "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
          "<w:r><w:t>Kennis</w:t></w:r><w:r><w:t>deling</w:t></w:r>"
          "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>tussen gemeenten</w:t></w:r>"
          "</w:p>"
          "<w:p><w:r><w:t>Naam</w:t></w:r><w:r><w:tab/><w:t>Waarde</w:t></w:r>"
          "<w:del><w:r><w:delText>geschrapt</w:delText></w:r></w:del></w:p>"
          "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Zaaksysteem</w:t></w:r></w:p></w:tc>"
          "<w:tc><w:p><w:r><w:t>Leverancier</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
          "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r>"
          "<w:t>Tekstvak</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>"
          "<w:txbxContent><w:p><w:r><w:t>Tekstvak</w:t></w:r></w:p></w:txbxContent>"
          "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
          "</w:body></w:document>");
  return entries;
}

// A workbook of two sheets: shared strings (one with runs and a phonetic guide), an inline
// string, a number and a boolean.
inline ZipEntries MakeXlsx(const std::string& title) {
  const std::string ns =
      " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  ZipEntries entries = OoxmlPackage("xl/workbook.xml", title);
  entries.emplace_back("xl/workbook.xml",
                       std::string(kXmlDeclaration) + "<workbook" + ns +
                           "><sheets><sheet name=\"Begroting\" sheetId=\"1\" r:id=\"rId1\"/>"
                           "<sheet name=\"Leveranciers\" sheetId=\"2\" r:id=\"rId2\"/>"
                           "</sheets></workbook>");
  entries.emplace_back("xl/_rels/workbook.xml.rels",
                       Relationships({{"worksheet", "worksheets/sheet1.xml"},
                                      {"worksheet", "worksheets/sheet2.xml"},
                                      {"sharedStrings", "sharedStrings.xml"}}));
  entries.emplace_back("xl/sharedStrings.xml",
                       std::string(kXmlDeclaration) + "<sst" + ns +
                           "><si><t>Licenties</t></si><si><r><t>Onder</t></r><r><t>houd</t></r>"
                           "<rPh><t>fonetisch</t></rPh></si></sst>");
  entries.emplace_back("xl/worksheets/sheet1.xml",
                       std::string(kXmlDeclaration) + "<worksheet" + ns +
                           "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                           "<c r=\"B1\"><v>1250.5</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\">"
                           "<v>1</v></c><c r=\"B2\" t=\"s\"><v>7</v></c></row></sheetData>"
                           "</worksheet>");
  entries.emplace_back("xl/worksheets/sheet2.xml",
                       std::string(kXmlDeclaration) + "<worksheet" + ns +
                           "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                           "Centric</t></is></c><c r=\"B1\" t=\"b\"><v>1</v></c></row>"
                           "</sheetData></worksheet>");
  return entries;
}

inline constexpr const char* kOdfNamespaces =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

inline ZipEntries OdfPackage(const std::string& media_type, const std::string& body,
                             const std::string& title) {
  return {
      {"mimetype", media_type},
      {"content.xml", std::string(kXmlDeclaration) + "<office:document-content" + kOdfNamespaces +
                          "><office:body>" + body + "</office:body></office:document-content>"},
      {"meta.xml", std::string(kXmlDeclaration) + "<office:document-meta" + kOdfNamespaces +
                       "><office:meta><dc:title>" + XmlEscape(title) +
                       "</dc:title></office:meta></office:document-meta>"},
  };
}

// An ODP deck: a page per slide, spans and text:s inside paragraphs, notes per page.
inline ZipEntries MakeOdp(const std::vector<FixtureSlide>& slides, const std::string& title) {
  std::string body = "<office:presentation>";
  for (size_t i = 0; i < slides.size(); ++i) {
    body +=
        "<draw:page draw:name=\"page" + std::to_string(i + 1) + "\"><draw:frame><draw:text-box>";
    for (const std::string& paragraph : slides[i].paragraphs) {
      body += "<text:p><text:span>" + XmlEscape(paragraph) + "</text:span></text:p>";
    }
    body += "</draw:text-box></draw:frame>";
    if (!slides[i].notes.empty()) {
      body += "<presentation:notes><draw:page-thumbnail/><draw:frame><draw:text-box><text:p>" +
              XmlEscape(slides[i].notes) +
              "</text:p></draw:text-box></draw:frame>"
              "</presentation:notes>";
    }
    body += "</draw:page>";
  }
  return OdfPackage("application/vnd.oasis.opendocument.presentation",
                    body + "</office:presentation>", title);
}

// An ODT text: a heading, spans, text:s, a space between spans and indentation (markup
// whitespace), a table, deleted text and a comment.
inline ZipEntries MakeOdt(const std::string& title) {
  return OdfPackage(
      "application/vnd.oasis.opendocument.text",
      "<office:text><text:tracked-changes><text:changed-region><text:deletion><text:p>"
      "geschrapt</text:p></text:deletion></text:changed-region></text:tracked-changes>"
      "<text:h text:outline-level=\"1\">Verslag</text:h>"
      "<text:p>Open<text:span>Document</text:span><text:s text:c=\"2\"/>tekst"
      "<office:annotation><text:p>opmerking</text:p></office:annotation></text:p>"
      "<text:p>\n    <text:span>Kennis</text:span> <text:span>beheer</text:span>\n  </text:p>"
      "<table:table><table:table-row><table:table-cell><text:p>Cel</text:p></table:table-cell>"
      "</table:table-row></table:table></office:text>",
      title);
}

// An ODS spreadsheet: two tables with rows and cells.
inline ZipEntries MakeOds(const std::string& title) {
  return OdfPackage("application/vnd.oasis.opendocument.spreadsheet",
                    "<office:spreadsheet><table:table table:name=\"Inventaris\"><table:table-row>"
                    "<table:table-cell><text:p>Server</text:p></table:table-cell><table:table-cell>"
                    "<text:p>42</text:p></table:table-cell></table:table-row></table:table>"
                    "<table:table table:name=\"Contracten\"><table:table-row><table:table-cell>"
                    "<text:p>Looptijd</text:p></table:table-cell></table:table-row></table:table>"
                    "</office:spreadsheet>",
                    title);
}

inline std::string Zip(const ZipEntries& entries) { return ZipBuilder().Add(entries).Build(); }

}  // namespace kring::extract::testing
