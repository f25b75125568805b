#include "search/XapianSearchIndex.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "core/Text.h"
#include "search/DocumentRecord.h"
#include "search/DutchAnalysis.h"
#include "search/FacetCountSpy.h"
#include "search/IndexGeneration.h"
#include "search/Prefixes.h"
#include "search/QueryRewrite.h"
#include "search/Synonyms.h"

namespace kring {

namespace {

constexpr int kMaxPageSize = 100;
// A search looks at (at least) this many matching documents, so totals and facet counts are
// exact up to it. Past it the total is Xapian's estimate and the facets are scaled up from the
// documents looked at: the cost of a search then stays bounded by this number instead of
// growing with the matches (a broad word matches most of a 100,000-page wiki; docs/performance.md).
constexpr Xapian::doccount kCheckAtLeast = 2'000;
constexpr size_t kSnippetBytes = 200;
// Tries of a search that meets DatabaseModifiedError (the writer moved on twice meanwhile).
// Each try reopens at the newest revision, so it fails again only if two more commits land
// during it: rare, but the soak run (scripts/bench) met three in a row on a loaded machine
// while the indexer committed several times a second, and answered 503. Tries are cheap.
constexpr int kMaxAttempts = 8;
// Wildcards ("kennis*") expand to at most this many terms, the most frequent ones.
constexpr Xapian::termcount kMaxWildcardExpansion = 100;

// FLAG_DEFAULT is PHRASE | BOOLEAN | LOVEHATE. Not FLAG_BOOLEAN_ANY_CASE: with it a lowercase
// "and"/"or"/"not" becomes an operator, which breaks English titles and quotations, and
// PrepareQueryText already keeps capitalised operators. Not FLAG_PARTIAL: it turns every last
// word into a wildcard and broke NEAR (notes/xapian.md); it suits a suggest endpoint only.
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;

// Snippet flags 0 (no background model, not exhaustive): about 8x faster than the default and
// the passage shown is as good for pages of this size (notes/xapian.md).
constexpr unsigned kSnippetFlags = 0;

// Suggest: each typed word expands to at most this many title words (the most frequent), and
// this many candidates are ranked before the best `limit` are kept.
constexpr Xapian::termcount kSuggestExpansion = 50;
constexpr Xapian::doccount kSuggestCandidates = 50;
// Related: the page's most telling words that make up the "more like this" query.
constexpr Xapian::termcount kRelatedTerms = 20;
// Related: expand terms shorter than this (in bytes) say little about a page.
constexpr size_t kMinRelatedTermBytes = 3;

void LogLine(const std::string& line) { std::cerr << line + "\n"; }

// Most frequent first, then by value. Counts are multiplied by `scale` (1 when exact), at
// least 1 each.
std::vector<FacetCount> SortedFacets(const std::map<std::string, int64_t>& counts, double scale) {
  std::vector<FacetCount> facets;
  facets.reserve(counts.size());
  for (const auto& [value, count] : counts) {
    const auto scaled = static_cast<int64_t>(static_cast<double>(count) * scale + 0.5);
    facets.push_back(FacetCount{value, std::max<int64_t>(scaled, 1)});
  }
  std::sort(facets.begin(), facets.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return facets;
}

SearchHit ToHit(search::DocumentRecord record) {
  SearchHit hit;
  hit.url = search::HitUrl(record);
  hit.slug = std::move(record.slug);
  hit.title = std::move(record.title);
  hit.kind = std::move(record.kind);
  hit.date = std::move(record.date);
  hit.organisation = std::move(record.organisation);
  hit.file_id = record.file_id;
  hit.file_name = std::move(record.file_name);
  hit.file_type = std::move(record.file_type);
  hit.section = record.section;
  hit.section_kind = std::move(record.section_kind);
  return hit;
}

// Matches every file section document (they all have a kFileSlot value; pages have none), so
// that AND_NOT keeps pages only. Not ">= empty": Xapian makes that MatchAll; every non-empty
// value is >= "\0".
Xapian::Query AnyFile() {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, search::kFileSlot, std::string(1, '\0'));
}

// `query` without the documents `audience` may not read.
Xapian::Query VisibleOnly(Xapian::Query query, Audience audience) {
  if (audience == Audience::kMembers) return query;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(search::MembersOnlyTerm()));
}

// Whether `word` (an unprefixed term) occurs in a document `audience` may read.
bool OccursVisibly(const Xapian::Database& db, const std::string& word, Audience audience) {
  if (!db.term_exists(word)) return false;
  if (audience == Audience::kMembers) return true;
  Xapian::Enquire enquire(db);
  enquire.set_query(VisibleOnly(Xapian::Query(word), audience));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

TitleSuggestion ToSuggestion(search::DocumentRecord record) {
  return TitleSuggestion{std::move(record.slug), std::move(record.title), std::move(record.kind)};
}

// Keeps the expand terms that are plain words: no prefixed terms (field, id, stemmed "Z..."
// terms start with a capital), no stopwords, no numbers, nothing very short.
class PlainWordDecider : public Xapian::ExpandDecider {
 public:
  PlainWordDecider()
      : stopwords_(search::DutchStopwords().begin(), search::DutchStopwords().end()) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < kMinRelatedTermBytes) return false;
    if (term[0] >= 'A' && term[0] <= 'Z') return false;
    if (std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    return stopwords_.count(term) == 0;
  }

 private:
  std::set<std::string> stopwords_;
};

}  // namespace

struct XapianSearchIndex::Reader {
  Reader() {
    analysis.Configure(parser);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }

  // Opens the database on first use or when another generation is live, and reopens it (cheap
  // when nothing changed) otherwise.
  void Refresh(const std::string& dir_in, int64_t generation_in) {
    if (db && dir == dir_in) {
      db->reopen();
      return;
    }
    db.emplace(dir_in);
    dir = dir_in;
    generation = generation_in;
    // The parser keeps a handle to the same database, so reopen() above updates it too.
    parser.set_database(*db);
  }

  // The query as written, or its plain words (setting `notice`) when that does not parse.
  // Empty when nothing searchable is left.
  Xapian::Query Parse(const std::string& text, std::string& notice) {
    try {
      return parser.parse_query(search::PrepareQueryText(text), kParseFlags);
    } catch (const Xapian::QueryParserError&) {
      notice = std::string(kNoticeQuerySimplified);
    }
    try {
      return parser.parse_query(search::QueryWordsOnly(text), 0);
    } catch (const Xapian::QueryParserError& e) {
      LogLine("kring search: cannot parse even the words of a query: " + e.get_description());
      return Xapian::Query();
    }
  }

  SearchResults Run(const SearchQuery& request, const std::string& text) {
    SearchResults results;
    Xapian::Query query;
    // Dutch compounds and synonyms, exact words first (search/QueryRewrite.h).
    if (!text.empty()) query = analysis.Rewrite(Parse(text, results.notice), parser, &*db);

    std::vector<Xapian::Query> filters;
    if (!request.topic.empty()) {
      filters.emplace_back(std::string(search::kTopicPrefix) + ToLower(request.topic));
    }
    if (!request.kind.empty()) {
      filters.emplace_back(std::string(search::kKindPrefix) + ToLower(request.kind));
    }
    if (!request.type.empty()) {
      filters.emplace_back(std::string(search::kTypePrefix) + ToLower(request.type));
    }
    if (!request.year.empty()) {
      filters.emplace_back(std::string(search::kYearPrefix) + request.year);
    }
    if (!request.organisation.empty()) {
      filters.emplace_back(std::string(search::kOrganisationPrefix) +
                           Slugify(request.organisation));
    }
    if (!request.application.empty()) {
      filters.emplace_back(std::string(search::kApplicationPrefix) + Slugify(request.application));
    }
    const bool browsing = query.empty();
    if (browsing) {
      if (filters.empty()) return results;
      query = Xapian::Query::MatchAll;
    }
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    query = VisibleOnly(query, request.audience);

    Xapian::Enquire enquire(*db);
    enquire.set_query(query);
    // Without words every match weighs the same: show the newest first.
    if (browsing || request.sort_by_date) {
      enquire.set_sort_by_value_then_relevance(search::kDateSlot, true);
    }
    // One hit per file, at its best section: every section holds the file's title and name, so
    // without this a query for a deck's name would list each of its slides.
    enquire.set_collapse_key(search::kFileSlot);
    search::FacetCountSpy facets;
    enquire.add_matchspy(&facets);

    const int page_size = std::clamp(request.page_size, 1, kMaxPageSize);
    const Xapian::doccount doccount = db->get_doccount();
    const uint64_t wanted_offset =
        static_cast<uint64_t>(std::max(request.page, 1) - 1) * static_cast<uint64_t>(page_size);
    const auto offset = static_cast<Xapian::doccount>(std::min<uint64_t>(wanted_offset, doccount));
    Xapian::MSet mset = enquire.get_mset(offset, page_size, std::min(doccount, kCheckAtLeast));

    results.total = mset.get_matches_estimated();
    results.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    // "Bedoelde u: ...": only when the query found little (search/QueryRewrite.h).
    if (!text.empty() && results.total < search::kSuggestBelowMatches) {
      results.suggestion = search::SpellingSuggestion(*db, text, [&](const std::string& word) {
        return OccursVisibly(*db, word, request.audience);
      });
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::optional<search::DocumentRecord> record =
          search::DecodeDocumentRecord(it.get_document().get_data());
      if (!record) {
        LogLine("kring search: unreadable record in document " + std::to_string(*it) +
                "; saving its page again replaces it");
        continue;
      }
      std::string snippet = mset.snippet(record->text, kSnippetBytes, analysis.stemmer(),
                                         kSnippetFlags, "<mark>", "</mark>", "…");
      SearchHit hit = ToHit(std::move(*record));
      hit.snippet_html = std::move(snippet);
      results.hits.push_back(std::move(hit));
    }

    const double scale =
        results.exact || facets.seen() == 0
            ? 1.0
            : static_cast<double>(results.total) / static_cast<double>(facets.seen());
    results.kinds = SortedFacets(facets.kinds(), scale);
    results.topics = SortedFacets(facets.topics(), scale);
    results.types = SortedFacets(facets.types(), scale);
    results.years = SortedFacets(facets.years(), scale);
    results.organisations = SortedFacets(facets.organisations(), scale);
    for (FacetCount& facet : results.organisations) {
      facet.label = facets.OrganisationName(facet.value);
    }
    results.applications = SortedFacets(facets.applications(), scale);
    for (FacetCount& facet : results.applications) {
      facet.label = facets.ApplicationName(facet.value);
    }
    return results;
  }

  // Pages whose title words start with the words of `prefix` (lowercased, not empty).
  std::vector<TitleSuggestion> Suggest(const std::string& prefix, int limit, Audience audience) {
    std::vector<Xapian::Query> words;
    const std::string plain = search::QueryWordsOnly(prefix);
    size_t start = 0;
    while (start < plain.size()) {
      size_t end = plain.find(' ', start);
      if (end == std::string::npos) end = plain.size();
      if (end > start) {
        words.emplace_back(Xapian::Query::OP_WILDCARD,
                           std::string(search::kTitlePrefix) + plain.substr(start, end - start),
                           kSuggestExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      }
      start = end + 1;
    }
    if (words.empty()) return {};
    Xapian::Enquire enquire(*db);
    enquire.set_query(VisibleOnly(
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()), AnyFile()),
        audience));
    Xapian::MSet mset = enquire.get_mset(0, kSuggestCandidates);

    std::vector<TitleSuggestion> found;
    std::set<std::string> seen;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::optional<search::DocumentRecord> record =
          search::DecodeDocumentRecord(it.get_document().get_data());
      if (!record || record->file_id != 0 || !seen.insert(record->slug).second) continue;
      found.push_back(ToSuggestion(std::move(*record)));
    }
    // Titles that start with what was typed first ("Begr" → "Begroting 2024" before
    // "Toelichting bij de begroting"), each group in relevance order.
    std::stable_partition(found.begin(), found.end(), [&](const TitleSuggestion& s) {
      return Xapian::Unicode::tolower(s.title).rfind(prefix, 0) == 0;
    });
    if (found.size() > static_cast<size_t>(limit)) found.resize(static_cast<size_t>(limit));
    return found;
  }

  // Pages like the page `slug`: its expand set, as an OR query, without itself and files.
  std::vector<TitleSuggestion> Related(const std::string& slug, int limit, Audience audience) {
    const std::string id = search::PageIdTerm(slug);
    Xapian::PostingIterator posting = db->postlist_begin(id);
    if (posting == db->postlist_end(id)) return {};
    Xapian::RSet relevant;
    relevant.add_document(*posting);

    Xapian::Enquire enquire(*db);
    enquire.set_query(Xapian::Query(id));
    const PlainWordDecider decider;
    Xapian::ESet eset = enquire.get_eset(kRelatedTerms, relevant, &decider);
    if (eset.empty()) return {};
    std::vector<std::string> terms(eset.begin(), eset.end());
    enquire.set_query(VisibleOnly(
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id), AnyFile())),
        audience));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));

    std::vector<TitleSuggestion> related;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::optional<search::DocumentRecord> record =
          search::DecodeDocumentRecord(it.get_document().get_data());
      if (!record || record->file_id != 0 || record->slug == slug) continue;
      related.push_back(ToSuggestion(std::move(*record)));
    }
    return related;
  }

  search::DutchAnalysis analysis;  // before parser: it must outlive it
  Xapian::QueryParser parser;
  std::optional<Xapian::Database> db;  // opened by the first Refresh
  std::string dir;                     // db's folder
  int64_t generation = 0;              // db's generation
};

XapianSearchIndex::XapianSearchIndex(std::string xapian_dir, size_t cached_results)
    : dir_(std::move(xapian_dir)), cache_(cached_results) {}

XapianSearchIndex::XapianSearchIndex(std::string data_dir, IndexGenerations& generations,
                                     size_t cached_results)
    : dir_(std::move(data_dir)), generations_(&generations), cache_(cached_results) {}

Result<XapianSearchIndex::Location> XapianSearchIndex::Locate() {
  if (!generations_) return Location{0, dir_};
  Result<int64_t> generation = generations_->CurrentGeneration();
  if (!generation) {
    return Error{ErrorCode::kUnavailable,
                 "cannot tell which search index is live: " + generation.error().message};
  }
  return Location{generation.value(), GenerationFolder(dir_, generation.value())};
}

XapianSearchIndex::~XapianSearchIndex() = default;

std::unique_ptr<XapianSearchIndex::Reader> XapianSearchIndex::TakeReader() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Reader> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return std::make_unique<Reader>();
}

void XapianSearchIndex::ReturnReader(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(pool_mutex_);
  idle_readers_.push_back(std::move(reader));
}

template <typename Fn>
auto XapianSearchIndex::WithReader(Fn read) -> Result<decltype(read(std::declval<Reader&>()))> {
  using Value = decltype(read(std::declval<Reader&>()));
  // A reader that failed is dropped rather than returned to the pool: it is cheap to rebuild and
  // its database handle may be in any state.
  std::unique_ptr<Reader> reader = TakeReader();
  for (int attempt = 1;; ++attempt) {
    Result<Location> where = Locate();
    if (!where) return where.error();
    // A swap since `where` was read: the old generation may be gone (its folder removed under
    // this reader), so try again from the live one.
    auto swapped = [&] {
      if (attempt >= kMaxAttempts) return false;
      Result<Location> now = Locate();
      if (!now || now.value().generation == where.value().generation) return false;
      reader = std::make_unique<Reader>();
      return true;
    };
    std::error_code ec;
    if (!std::filesystem::exists(where.value().dir, ec)) {
      if (swapped()) continue;
      return Value{};  // nothing indexed yet
    }
    try {
      reader->Refresh(where.value().dir, where.value().generation);
      Value value = read(*reader);
      ReturnReader(std::move(reader));
      return value;
    } catch (const Xapian::DatabaseModifiedError& e) {
      // The writer committed twice while we opened or read (reopen() itself can meet this):
      // Refresh() again and retry. Commits are fsync-bound, so one retry nearly always does.
      if (attempt < kMaxAttempts) continue;
      return Error{ErrorCode::kUnavailable,
                   "search index kept changing during the search: " + e.get_description()};
    } catch (const Xapian::DatabaseCorruptError& e) {
      // A reader can also meet a block the writer has just reused ("Expected block N to be
      // level 2, not 0"; the soak run in scripts/bench met one in 50,000 searches): transient
      // like the above, but the handle is spoiled, so a new reader tries again. An index that is
      // really damaged fails every try (and `kring check` names it).
      if (attempt < kMaxAttempts) {
        reader = std::make_unique<Reader>();
        continue;
      }
      return Error{ErrorCode::kUnavailable,
                   "cannot read search index " + where.value().dir + ": " + e.get_description()};
    } catch (const Xapian::DatabaseNotFoundError&) {
      if (swapped()) continue;
      return Value{};  // the folder exists, the writer has not created the index yet
    } catch (const Xapian::DatabaseError& e) {
      if (swapped()) continue;
      // Corrupt, of another version, unreadable: whatever it is, the index cannot be used.
      return Error{ErrorCode::kUnavailable,
                   "cannot read search index " + where.value().dir + ": " + e.get_description()};
    } catch (const Xapian::Error& e) {
      return Error{ErrorCode::kInternal, "search failed: " + e.get_description()};
    }
  }
}

template <typename Fn>
std::vector<TitleSuggestion> XapianSearchIndex::ListOrEmpty(const char* what, Fn read) {
  Result<std::vector<TitleSuggestion>> list = WithReader(read);
  if (list.ok()) return std::move(list.value());
  LogLine(std::string("kring ") + what + ": " + list.error().message);
  return {};
}

std::vector<TitleSuggestion> XapianSearchIndex::Suggest(std::string_view prefix, int limit,
                                                        Audience audience) {
  const std::string wanted = Xapian::Unicode::tolower(Trim(prefix));
  if (wanted.empty() || limit <= 0) return {};
  return ListOrEmpty("suggest",
                     [&](Reader& reader) { return reader.Suggest(wanted, limit, audience); });
}

std::vector<TitleSuggestion> XapianSearchIndex::Related(std::string_view slug, int limit,
                                                        Audience audience) {
  if (slug.empty() || limit <= 0) return {};
  const std::string page(slug);
  return ListOrEmpty("related",
                     [&](Reader& reader) { return reader.Related(page, limit, audience); });
}

Result<SearchResults> XapianSearchIndex::Search(const SearchQuery& query) {
  const std::string text = Trim(query.text);
  if (text.empty() && query.topic.empty() && query.kind.empty() && query.type.empty() &&
      query.year.empty() && query.organisation.empty() && query.application.empty()) {
    return SearchResults{};
  }
  return WithReader([&](Reader& reader) {
    // Taken after the reader was refreshed: the revision of the index this search reads.
    const std::string key = search::ResultCache::Key(reader.generation, reader.db->get_revision(),
                                                     search::SynonymsGeneration(), query);
    if (std::optional<SearchResults> cached = cache_.Find(key)) return std::move(*cached);
    SearchResults results = reader.Run(query, text);
    cache_.Store(key, results);
    return results;
  });
}

}  // namespace kring
