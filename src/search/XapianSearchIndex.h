// XapianSearchIndex: SearchIndex over the Xapian index the Indexer writes (read side only).
//
// Query language (what members may type; Dutch first):
//   words                 all must match (default AND), stemmed for Dutch, stopwords dropped
//   "a phrase"            words in this order
//   +word -word           must / must not contain
//   A OR B, A AND NOT B, A NEAR B, (…)   operators in capitals only; lowercase "or"/"and" are
//                         words, so English titles keep working (no FLAG_BOOLEAN_ANY_CASE)
//   kennis*               words starting with "kennis" (the 100 most frequent)
//   titel:x / title:x     x in the title
//   topic:crm / onderwerp:crm, kind:minutes / soort:minutes, jaar:2013 / year:2013,
//   type:pdf, org:stad-roeselare / organisatie:"Stad Roeselare",
//   app:recreatex / toepassing:"Recreatex" (the pages tagged with the application)
//                         filters (type: matches files by extension, pages have no type; an
//                         organisation is named by its key or its name, slugified either way)
// A query that cannot be parsed as written is searched as its plain words instead, and
// SearchResults::notice is set to kNoticeQuerySimplified (a key: the UI words it for members).
//
// Thread-safe: each concurrent search uses its own Xapian::Database (Xapian objects are not
// thread-safe), taken from a pool that grows to the number of searches running at once. Each
// search reopens its database first, so it sees the Indexer's latest commit; given the data
// folder's IndexGenerations, it first asks which generation is live and opens that one when it
// changed, so searches go on from the old index until `kring reindex` swaps in the new one.
// No Xapian types here: http/ and app/ include this header.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/IndexGenerations.h"
#include "core/SearchIndex.h"
#include "search/ResultCache.h"

namespace kring {

// SearchResults::notice when the query was searched as plain words.
inline constexpr std::string_view kNoticeQuerySimplified = "query_simplified";

class XapianSearchIndex : public SearchIndex {
 public:
  // `xapian_dir`: the folder the Indexer writes. Nothing is opened here: the folder may not
  // exist yet (nothing indexed), and searches then answer no hits. The results of the last
  // `cached_results` distinct searches are kept (search/ResultCache.h); 0 keeps none.
  static constexpr size_t kDefaultCachedResults = 256;
  explicit XapianSearchIndex(std::string xapian_dir, size_t cached_results = kDefaultCachedResults);
  // Reads the live generation's folder of data folder `data_dir` (search/IndexGeneration.h), as
  // `generations` (borrowed) records it at each search.
  XapianSearchIndex(std::string data_dir, IndexGenerations& generations,
                    size_t cached_results = kDefaultCachedResults);
  ~XapianSearchIndex() override;
  XapianSearchIndex(const XapianSearchIndex&) = delete;
  XapianSearchIndex& operator=(const XapianSearchIndex&) = delete;

  // See SearchIndex. Hits are pages and sections of files (a PDF page, a slide, a sheet, or a
  // whole file); a file appears once, at its best-matching section, and counts once in `total`
  // and in every facet. A file carries the kind, topics, organisation and date of the page it
  // is attached to, so the kind, topic and organisation filters find it with its page; the
  // type filter (query.type, an extension) keeps files of that type only, the year filter
  // (query.year) matches the year of the date, the organisation filter (query.organisation)
  // the key Slugify(query.organisation). Empty text with a filter lists every match, newest
  // date first, as does sort_by_date with text; empty text without a filter answers no hits.
  // page_size is clamped to 1..100 and page to at least 1. Facet counts (kinds, topics, types,
  // years, organisations with their names as labels; pages have no type) cover every match
  // (exact up to 50,000 matches) and already reflect the filters. Hits whose stored record
  // cannot be read are skipped (and logged). Errors: kUnavailable when the index exists but
  // cannot be opened or read (corrupt, wrong version, changed under three tries in a row),
  // kInternal for other Xapian failures.
  Result<SearchResults> Search(const SearchQuery& query) override;

  // See SearchIndex. Pages (never files) with a title word starting with each word of `prefix`
  // (the last may be partial), titles that start with the prefix first, then by relevance.
  // Empty for an empty prefix, when nothing is indexed, and on a Xapian error (logged).
  std::vector<TitleSuggestion> Suggest(std::string_view prefix, int limit,
                                       Audience audience) override;

  // See SearchIndex. Pages (never files, not the page itself) matching the page's most telling
  // words (Xapian's expand set with the page as the relevant document). Empty when the page is
  // not indexed and on a Xapian error (logged).
  std::vector<TitleSuggestion> Related(std::string_view slug, int limit,
                                       Audience audience) override;

 private:
  struct Reader;  // a Database with its QueryParser and analysis; defined in the .cc
  struct Location {
    int64_t generation = 0;
    std::string dir;
  };

  // The live generation and its folder; kUnavailable when the generations cannot be read.
  Result<Location> Locate();

  std::unique_ptr<Reader> TakeReader();
  // Runs `read` on a refreshed pooled reader, retrying when the writer moved on meanwhile.
  // Answers `read`'s value; an empty one when nothing is indexed yet; kUnavailable when the
  // index kept changing or cannot be read; kInternal for other Xapian errors.
  template <typename Fn>
  auto WithReader(Fn read) -> Result<decltype(read(std::declval<Reader&>()))>;
  // WithReader for the lists that a page shows beside its content: errors are logged as `what`
  // and answer an empty list.
  template <typename Fn>
  std::vector<TitleSuggestion> ListOrEmpty(const char* what, Fn read);
  void ReturnReader(std::unique_ptr<Reader> reader);

  const std::string dir_;  // the index, or the data folder with generations_
  IndexGenerations* const generations_ = nullptr;  // null: dir_ is the index, generation 0
  search::ResultCache cache_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Reader>> idle_readers_;  // GUARDED_BY(pool_mutex_)
};

}  // namespace kring
