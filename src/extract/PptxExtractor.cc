// PPTX: one section per slide in presentation order, the slide's text and then its speaker
// notes.
#include <array>
#include <string>
#include <vector>

#include "extract/Extractors.h"
#include "extract/OoxmlPackage.h"
#include "extract/TextOutput.h"
#include "extract/Xml.h"

namespace kring::extract {
namespace {

// Placeholders on a notes page that repeat the slide (its image, number, header, footer, date)
// rather than hold notes.
constexpr std::array<std::string_view, 5> kNotesBoilerplate = {"sldImg", "sldNum", "hdr", "ftr",
                                                               "dt"};

bool IsBoilerplate(pugi::xml_node shape) {
  const pugi::xml_node placeholder =
      ChildElement(ChildElement(ChildElement(shape, "nvSpPr"), "nvPr"), "ph");
  const std::string_view type = Attribute(placeholder, "type", false);
  for (std::string_view boilerplate : kNotesBoilerplate) {
    if (type == boilerplate) return true;
  }
  return false;
}

// The slides' part names in the order of the presentation's p:sldIdLst; by number when the
// presentation or its relationships do not say.
Result<std::vector<std::string>> SlideOrder(ZipArchive& zip, const std::string& presentation) {
  auto part = ReadOptionalXmlPart(zip, presentation);
  if (!part.ok()) return part.error();
  std::vector<std::string> slides;
  if (part.value()) {
    auto relationships = ReadRelationships(zip, presentation);
    if (!relationships.ok()) return relationships.error();
    const pugi::xml_node list = FindElement(part.value()->document, "sldIdLst");
    for (pugi::xml_node slide : list.children()) {
      const std::string_view id = Attribute(slide, "id", true);
      for (const Relationship& relationship : relationships.value()) {
        if (relationship.id == id && IsRelationshipType(relationship.type, "slide")) {
          slides.push_back(relationship.target);
        }
      }
    }
  }
  if (slides.empty()) slides = NumberedParts(zip, "ppt/slides/slide");
  return slides;
}

// The text of one slide and its notes.
Result<std::string> SlideText(ZipArchive& zip, const std::string& slide, size_t max_bytes) {
  TextBuilder out(max_bytes);
  auto part = ReadXmlPart(zip, slide);
  if (!part.ok()) return part.error();
  AppendOoxmlText(part.value()->document, out);
  auto relationships = ReadRelationships(zip, slide);
  if (!relationships.ok()) return relationships.error();
  for (const Relationship& relationship : relationships.value()) {
    if (!IsRelationshipType(relationship.type, "notesSlide")) continue;
    // Notes are a bonus: missing or malformed ones are left out.
    auto notes = ReadOptionalXmlPart(zip, relationship.target);
    if (!notes.ok()) return notes.error();
    if (!notes.value()) continue;
    out.EndLine();
    AppendOoxmlText(notes.value()->document, out, [](pugi::xml_node node) {
      return LocalName(node) == "sp" && IsBoilerplate(node);
    });
  }
  return out.Take();
}

}  // namespace

Extraction ExtractPptx(ZipArchive& zip, const ExtractLimits& limits) {
  auto presentation = MainPart(zip, "ppt/presentation.xml");
  if (!presentation.ok()) return FailedExtraction(presentation.error().message);
  if (!zip.Contains(presentation.value()) && NumberedParts(zip, "ppt/slides/slide").empty()) {
    return FailedExtraction("The file is not a PowerPoint presentation: it has no slides.");
  }
  auto slides = SlideOrder(zip, presentation.value());
  if (!slides.ok()) return FailedExtraction(slides.error().message);

  Extraction extraction;
  extraction.section_kind = "slide";
  for (const std::string& slide : slides.value()) {
    if (!HasRoomForSection(extraction, limits)) break;
    auto text = SlideText(zip, slide, limits.max_text_bytes);
    if (!text.ok()) return FailedExtraction(text.error().message);
    AddNumberedSection(extraction, std::move(text.value()));
  }
  auto title = PackageTitle(zip);
  if (!title.ok()) return FailedExtraction(title.error().message);
  extraction.title = std::move(title.value());
  return extraction;
}

}  // namespace kring::extract
