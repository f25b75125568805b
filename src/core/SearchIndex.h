// SearchIndex: full-text search over pages (Xapian in search/). The index is derived from the
// PageStore through the IndexQueue; it can always be rebuilt.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "core/Visibility.h"

namespace kring {

struct SearchQuery {
  std::string text = {};   // what the member typed (Dutch first); may be empty with a filter set
  std::string topic = {};  // topic slug filter, or empty
  std::string kind = {};   // kind name filter ("minutes"...), or empty
  std::string type = {};   // file type filter by extension ("pdf", "pptx"...), or empty
  std::string year = {};   // "2013", or empty
  // Organisation filter: its key, Slugify(name) ("stad-roeselare"); a name is slugified too.
  std::string organisation = {};
  // Application filter: the key of an application a page is tagged with, Slugify(name)
  // ("recreatex"); a name is slugified too. Matches the page and its files.
  std::string application = {};
  bool sort_by_date = false;  // newest first; by relevance otherwise
  int page = 1;               // 1-based
  int page_size = 10;
  // Whom the results are for: the public never sees members-only pages or their files (hits,
  // totals, facets, snippets and spelling suggestions alike).
  Audience audience = Audience::kPublic;
};

struct SearchHit {
  std::string slug;   // the page, or the page a file is attached to
  std::string title;  // the page's title, or the file's (metadata title or name)
  std::string kind;
  std::string date;
  std::string organisation;  // the page's (for a file: its page's) name as written, or empty
  std::string snippet_html;  // HTML-escaped text with matched words in <mark>…</mark>
  // Set when the hit is (a section of) a file:
  int64_t file_id = 0;
  std::string file_name;
  std::string file_type;     // extension, "pdf"
  int section = 0;           // page or slide number, 0 for the whole file
  std::string section_kind;  // "page", "slide", "sheet" or ""
  // Where the hit opens: /p/{slug}; /f/{id}/{name}#page=N for a PDF page; /f/{id}#slide-N
  // (the file's page) for a slide.
  std::string url;
};

struct FacetCount {
  std::string value;  // topic slug, kind name, file type, year, organisation or application key
  int64_t count = 0;
  // What to show for the value when the index knows it: an organisation's name as written
  // (the most common spelling among the matches). Empty for the other facets.
  std::string label = {};
};

struct SearchResults {
  int64_t total = 0;  // matches, exact when `exact`, else Xapian's estimate
  // False when the query matched more documents than a search looks at (see
  // XapianSearchIndex.cc, kCheckAtLeast): `total` is then an estimate and the facet counts are
  // scaled up from the documents looked at, so the UI says "about".
  bool exact = true;
  std::vector<SearchHit> hits;
  std::vector<FacetCount> kinds;
  std::vector<FacetCount> topics;
  std::vector<FacetCount> types;          // file types by extension
  std::vector<FacetCount> years;          // "2013"...
  std::vector<FacetCount> organisations;  // by key, each with its name as label
  std::vector<FacetCount> applications;   // by key, each with its name as label
  // A corrected query when this one found few results ("Bedoelde u: ..."), else empty.
  std::string suggestion;
  // Set when the query could not be parsed as written and its words were searched instead.
  std::string notice;
};

struct TitleSuggestion {
  std::string slug;
  std::string title;
  std::string kind;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;
  // Thread-safe. Never fails on a malformed query (see SearchResults::notice); fails with
  // kUnavailable when the index cannot be opened.
  virtual Result<SearchResults> Search(const SearchQuery& query) = 0;

  // Page titles starting with `prefix` (search as you type), at most `limit`, of pages
  // `audience` may read; fast.
  virtual std::vector<TitleSuggestion> Suggest(std::string_view prefix, int limit,
                                               Audience audience) = 0;

  // Pages like the page `slug` (Xapian's expand set over it) that `audience` may read, at most
  // `limit`, without itself.
  virtual std::vector<TitleSuggestion> Related(std::string_view slug, int limit,
                                               Audience audience) = 0;
};

}  // namespace kring
