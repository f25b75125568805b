// The Open Packaging Conventions under PPTX, DOCX and XLSX: relationships between parts, part
// name resolution, the main part and the title in docProps/core.xml. Free functions over one
// ZipArchive: thread-safe on distinct archives.
#pragma once

#include <functional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "extract/TextOutput.h"
#include "extract/ZipArchive.h"

namespace kring::extract {

struct Relationship {
  std::string id;
  std::string type;    // a URI; compare with IsRelationshipType
  std::string target;  // the part name it points to, resolved ("ppt/slides/slide1.xml")
};

// True when `type` names relationship kind `kind` ("slide", "notesSlide", "worksheet"...), in
// the transitional or the strict namespace (both end in "/kind").
bool IsRelationshipType(std::string_view type, std::string_view kind);

// The part name `target` points to from part `source` ("ppt/slides/slide1.xml" +
// "../notesSlides/notesSlide1.xml" → "ppt/notesSlides/notesSlide1.xml"; a leading '/' is from
// the package root; ".." never climbs past the root).
std::string ResolvePartName(std::string_view source, std::string_view target);

// The internal relationships of part `source` ("" for the package's own, _rels/.rels), from
// its .rels part. Empty when there is none or it is not well-formed. Errors: the archive's
// refusals (zip bomb guards, encryption).
Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view source);

// The part the package's officeDocument relationship names, or `fallback` without one.
Result<std::string> MainPart(ZipArchive& zip, std::string_view fallback);

// dc:title from the core properties (docProps/core.xml), trimmed; "" when there is none or it
// is an application's placeholder ("PowerPoint-presentatie").
Result<std::string> PackageTitle(ZipArchive& zip);

// The text under `root` in WordprocessingML or DrawingML: the t runs, one line per p paragraph,
// br/cr as line ends, tab as a tab. Left out: properties (pPr, rPr, sectPr), deleted runs
// (w:del), mc:Fallback (it repeats mc:Choice), slide-number and date fields, and the subtrees
// for which `skip` answers true.
void AppendOoxmlText(pugi::xml_node root, TextBuilder& out,
                     const std::function<bool(pugi::xml_node)>& skip = {});

// The names of entries "PREFIX<number>.xml" directly in folder `prefix`'s folder, by number
// ("xl/worksheets/sheet" → sheet1.xml, sheet2.xml, sheet10.xml): the order when the package's
// own list is missing.
std::vector<std::string> NumberedParts(const ZipArchive& zip, std::string_view prefix);

}  // namespace kring::extract
