// Prefixes: every Xapian term prefix, value slot and metadata key Kring writes, as named
// constants. index/prefixes.md is the same table for people; change both together.
//
// Prefixes follow Omega's conventions (Q unique id, S title, X... for Kring's own fields) so
// Xapian's tools (xapian-delve, quest) read the index the way Kring does. No Xapian types here:
// slots are plain numbers (Xapian::valueno is an unsigned int).
#pragma once

#include <string>
#include <string_view>

namespace kring::search {

// --- Terms -------------------------------------------------------------------------------------

// Unique id of a document: exactly one per document, the key of replace_document.
inline constexpr std::string_view kIdPrefix = "Q";
// Id of a page: "Qp:" + slug. Files and slides will get their own ("Qf:"...) later.
inline constexpr std::string_view kPageIdPrefix = "Qp:";
inline std::string PageIdTerm(std::string_view slug) {
  return std::string(kPageIdPrefix) + std::string(slug);
}
// Title words (free text, with positions, stemmed as Z + "S" + stem).
inline constexpr std::string_view kTitlePrefix = "S";
// Kind name ("XKminutes"), boolean.
inline constexpr std::string_view kKindPrefix = "XK";
// Topic slug ("XTcrm"), boolean, one term per topic of the page.
inline constexpr std::string_view kTopicPrefix = "XT";
// Year ("Y2013"), boolean: of the page's date, else of its last change.
inline constexpr std::string_view kYearPrefix = "Y";

// --- Value slots -------------------------------------------------------------------------------

// "YYYYMMDD": the page's date, else the day of its last change. Sorts as text.
inline constexpr unsigned kDateSlot = 0;
// Kind name, for the kind facet (ValueCountMatchSpy).
inline constexpr unsigned kKindSlot = 1;
// Every topic slug of the page joined by kTopicSeparator, for the topic facet (TopicCountSpy
// splits it, so a page with two topics counts once under each).
inline constexpr unsigned kTopicsSlot = 2;
// Slugs contain only [a-z0-9-], so a space can never be part of one.
inline constexpr char kTopicSeparator = ' ';

// --- Database metadata -------------------------------------------------------------------------

// Name of the stemmer the index was built with (see DutchAnalysis.h). A different name means the
// index must be rebuilt (`kring reindex`) before queries stem the same way as the documents.
inline constexpr std::string_view kStemmerMetadataKey = "kring.stemmer";
// Version of the document layout (terms, values, data record) described above.
inline constexpr std::string_view kFormatMetadataKey = "kring.format";
inline constexpr std::string_view kFormatVersion = "1";

}  // namespace kring::search
