// Documents: how a page and a file become Xapian documents (terms, values, stored record). The
// layout is index/prefixes.md; XapianIndexWriter writes what these functions build.
//
// Internal to search/: it names Xapian types, so no other layer includes it.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/File.h"
#include "core/Page.h"
#include "search/DutchAnalysis.h"

namespace kring::search {

// The page's document, with its unique id term (PageIdTerm). `generator` is configured by
// `analysis`, which also splits compounds (XC terms) and expands hyphen ellipses in the indexed
// text (the stored snippet text stays as written).
Xapian::Document BuildPageDocument(const Page& page, Xapian::TermGenerator& generator,
                                   const DutchAnalysis& analysis);

// One document per section of the file that has text, each with its unique id term
// (FileSectionIdTerm) and the file's group term (FileTerm); when no section has text (not
// extracted yet, failed, images only) one document for section 0. Every document holds the
// file's title and name words (so "jaarverslag" finds jaarverslag-2019.pdf) and, when `page`
// is not null, inherits the kind, topics, organisation and date of the page the file is attached
// to.
// Compounds and ellipses as for pages.
std::vector<Xapian::Document> BuildFileDocuments(const StoredFile& file, const Page* page,
                                                 Xapian::TermGenerator& generator,
                                                 const DutchAnalysis& analysis);

// The file's type for the E term, the type facet and SearchHit::file_type: its extension
// (lowercase), "pdf" for an extensionless PDF, "" when there is none or it is not a plain short
// word (an overlong extension would exceed Xapian's term length).
std::string FileTypeOf(const StoredFile& file);

}  // namespace kring::search
