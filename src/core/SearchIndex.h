// SearchIndex: full-text search over pages (Xapian in search/). The index is derived from the
// PageStore through the IndexQueue; it can always be rebuilt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kring {

struct SearchQuery {
  std::string text = {};   // what the member typed (Dutch first); may be empty with a filter set
  std::string topic = {};  // topic slug filter, or empty
  std::string kind = {};   // kind name filter ("minutes"...), or empty
  int page = 1;            // 1-based
  int page_size = 10;
};

struct SearchHit {
  std::string slug;
  std::string title;
  std::string kind;
  std::string date;
  std::string snippet_html;  // HTML-escaped text with matched words in <mark>…</mark>
};

struct FacetCount {
  std::string value;  // topic slug or kind name
  int64_t count = 0;
};

struct SearchResults {
  int64_t total = 0;  // estimated matches (exact for small sets)
  std::vector<SearchHit> hits;
  std::vector<FacetCount> kinds;
  std::vector<FacetCount> topics;
  // Set when the query could not be parsed as written and its words were searched instead.
  std::string notice;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;
  // Thread-safe. Never fails on a malformed query (see SearchResults::notice); fails with
  // kUnavailable when the index cannot be opened.
  virtual Result<SearchResults> Search(const SearchQuery& query) = 0;
};

}  // namespace kring
