// Prefixes: every Xapian term prefix, value slot and metadata key Kring writes, as named
// constants. index/prefixes.md is the same table for people; change both together.
//
// Prefixes follow Omega's conventions (Q unique id, S title, X... for Kring's own fields) so
// Xapian's tools (xapian-delve, quest) read the index the way Kring does. No Xapian types here:
// slots are plain numbers (Xapian::valueno is an unsigned int).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kring::search {

// --- Terms -------------------------------------------------------------------------------------

// Unique id of a document: exactly one per document, the key of replace_document.
inline constexpr std::string_view kIdPrefix = "Q";
// Id of a page: "Qp:" + slug.
inline constexpr std::string_view kPageIdPrefix = "Qp:";
inline std::string PageIdTerm(std::string_view slug) {
  return std::string(kPageIdPrefix) + std::string(slug);
}
// Id of one section of a file: "Qf:" + file id + "-" + section number ("Qf:12-3").
inline constexpr std::string_view kFileSectionIdPrefix = "Qf:";
inline std::string FileSectionIdTerm(int64_t file_id, int section) {
  return std::string(kFileSectionIdPrefix) + std::to_string(file_id) + "-" +
         std::to_string(section);
}
// Every section document of a file carries "XF" + file id, boolean: re-indexing or removing a
// file deletes all its documents by this one term, however many sections it had before.
inline constexpr std::string_view kFilePrefix = "XF";
inline std::string FileTerm(int64_t file_id) {
  return std::string(kFilePrefix) + std::to_string(file_id);
}
// File type: the lowercased extension ("Epdf"), boolean; Omega's prefix for extensions.
// Page documents have none.
inline constexpr std::string_view kTypePrefix = "E";
// Title words (free text, with positions, stemmed as Z + "S" + stem).
inline constexpr std::string_view kTitlePrefix = "S";
// Kind name ("XKminutes"), boolean. A file's documents carry the kind of the page the file is
// attached to, so kind:presentation finds the presentation pages and their decks.
inline constexpr std::string_view kKindPrefix = "XK";
// Topic slug ("XTcrm"), boolean, one term per topic of the page (or of the file's page).
inline constexpr std::string_view kTopicPrefix = "XT";
// Organisation key ("XOstad-roeselare": Slugify of the name as written), boolean, one per page
// at most; a file's documents carry their page's.
inline constexpr std::string_view kOrganisationPrefix = "XO";
// Application key ("XArecreatex": Slugify of an application name the page is tagged with),
// boolean, one term per application of the page; a file's documents carry their page's.
inline constexpr std::string_view kApplicationPrefix = "XA";
// Compound part: "XC" + stem of each part of a compound word ("kennisbeheersysteem" adds
// XCkennis, XCbeher, XCsystem, XCkennisbeher, XCbeheersystem), at the compound's positions, so
// a query for a part finds the compound (search/QueryRewrite.h, search/Compounds.h).
inline constexpr std::string_view kCompoundPrefix = "XC";
// Year ("Y2013"), boolean: of the page's date, else of its last change. For a file: of its
// page's date, else of the upload.
inline constexpr std::string_view kYearPrefix = "Y";
// Visibility, boolean: "XVmembers" on the documents of a members-only page and of its files;
// public documents have no XV term. Searches for the public leave these documents out
// (OP_AND_NOT), so hits, totals, facets and suggestions never come from them.
inline constexpr std::string_view kVisibilityPrefix = "XV";
inline std::string MembersOnlyTerm() { return std::string(kVisibilityPrefix) + "members"; }

// --- Value slots -------------------------------------------------------------------------------

// "YYYYMMDD": the day the year term names (see kYearPrefix). Sorts as text.
inline constexpr unsigned kDateSlot = 0;
// Kind name, for the kind facet (ValueCountMatchSpy).
inline constexpr unsigned kKindSlot = 1;
// Every topic slug of the page joined by kTopicSeparator, for the topic facet (TopicCountSpy
// splits it, so a page with two topics counts once under each).
inline constexpr unsigned kTopicsSlot = 2;
// Slugs contain only [a-z0-9-], so a space can never be part of one.
inline constexpr char kTopicSeparator = ' ';
// File type (the kTypePrefix term's value), for the type facet. Empty on page documents.
inline constexpr unsigned kTypeSlot = 3;
// File id in decimal, empty on page documents: the collapse key, so that a search shows each
// file once (at its best-matching section) rather than one hit per matching slide or page, and
// facets count each file once.
inline constexpr unsigned kFileSlot = 4;
// The organisation: its key (the kOrganisationPrefix term's value), kOrganisationSeparator, then
// its name as written ("stad-roeselare Stad Roeselare"), so the organisation facet counts by key
// and shows a name without reading SQLite. Empty when the page has none.
inline constexpr unsigned kOrganisationSlot = 5;
// Slugs contain only [a-z0-9-]: the first space ends the key.
inline constexpr char kOrganisationSeparator = ' ';
// The applications the page is tagged with, one entry per application, entries joined by
// kApplicationsSeparator; each entry is its key, kOrganisationSeparator, then its name as written
// ("recreatex Recreatex\nagility Agility"). Names are one line, so a line break ends an entry.
// Empty when the page has none.
inline constexpr unsigned kApplicationsSlot = 6;
inline constexpr char kApplicationsSeparator = '\n';

// --- Database metadata -------------------------------------------------------------------------

// Name of the stemmer the index was built with (see DutchAnalysis.h). A different name means the
// index is re-indexed in place when opened (Indexer::Open), so that stems agree again.
inline constexpr std::string_view kStemmerMetadataKey = "kring.stemmer";
// Version of the document layout (terms, values, data record) described above.
inline constexpr std::string_view kFormatMetadataKey = "kring.format";
// "2" added files (Qf:, XF, E, slots 3 and 4, record version 2); version-1 indexes hold only
// pages and stay readable, so no rebuild is needed.
// "3" added compound parts (XC), hyphen-ellipsis expansion and the spelling table. Older
// indexes stay readable; documents indexed before lack these until indexed again (a save, or
// `kring reindex` once it exists).
// "4" added organisations (XO, slot 5, record version 3). Older indexes stay readable; documents
// indexed before have no organisation until indexed again.
// "5" added the corpus vocabulary (index/compound-corpus.txt) to compound splitting.
// Since "5", opening an index of another format or stemmer re-indexes every page in place
// (Indexer::Open); before, the documents kept their old terms until the page was saved again.
// "6" added visibility (XVmembers): older indexes would show members-only pages to everyone,
// so they are re-indexed in place when opened.
// "7" added applications (XA, slot 6); re-indexed in place when opened.
inline constexpr std::string_view kFormatVersion = "7";

}  // namespace kring::search
