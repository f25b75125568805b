// QueryRewrite: what the query side does for Dutch compounds and synonyms, on top of what
// QueryParser built. QueryParser keeps the syntax (phrases, operators, fields, filters); this
// rewrites the leaves it produced for plain words (notes/xapian.md, "Dutch compounds"):
//
//   word w  →  AND_MAYBE( SYNONYM( Zw, XCw, synonyms of w ), 0.5 · Zw )
//              OR 0.25 · NEAR(parts of w)
//
// Zw (the stem) finds the word itself; XCw finds compounds that contain it (the index adds
// XC + stem for each part, see AddCompoundTerms); NEAR(parts) finds the parts written apart
// ("beheer van kennis" for kennisbeheer); the synonyms come from the current SynonymTable.
// OP_SYNONYM shares one idf for its members, and the extra 0.5 · Zw rewards the exact word, so
// exact matches rank above compound, split and synonym matches. The NEAR is left out when Zw
// and XCw already match kSplitOnlyBelow documents: split matches would rank after all of those,
// and checking positions of two common words costs tens of milliseconds on a large index.
// A run of plain words that is a multi-word synonym ("knowledge management") is rewritten the
// same way as one unit. Phrases, NEAR/ADJ, wildcards, prefixed fields (titel:) and the
// negative side of NOT stay as parsed.
//
// Internal to search/ (Xapian types). Thread-safety: pure functions (and CompoundTerms, one per
// thread); the parser passed in belongs to the calling thread.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/Compounds.h"
#include "search/Synonyms.h"

namespace kring::search {

// Extra weight of the exact word on top of its synonym group.
inline constexpr double kExactWordBonus = 0.5;

// See the header comment.
inline constexpr Xapian::doccount kSplitOnlyBelow = 1000;

// `parsed` came from `parser` (for unstem_begin: the word a Z-term was typed as); `db`, when
// given, tells how common a word is (kSplitOnlyBelow).
Xapian::Query RewriteQuery(const Xapian::Query& parsed, const Xapian::QueryParser& parser,
                           const CompoundSplitter& splitter, const SynonymTable& synonyms,
                           const Xapian::Database* db = nullptr);

// The index terms of a word's compound parts: XC + stem(part) for each of
// CompoundSplitter::IndexParts(word). Each word's terms are worked out once and remembered:
// pages repeat their words and a wiki its vocabulary, while splitting one long word costs a
// vocabulary lookup for every substring (it was most of the indexing time). Not thread-safe
// (it keeps a stemmer and the remembered words): one per writer. At most `max_words` words
// are kept; when full it starts afresh, so its memory stays bounded (a few MB).
class CompoundTerms {
 public:
  static constexpr size_t kDefaultMaxWords = 50'000;

  // `splitter` must outlive this.
  CompoundTerms(Xapian::Stem stemmer, const CompoundSplitter& splitter,
                size_t max_words = kDefaultMaxWords);

  // Empty when the word does not split. The reference is valid until the next call.
  const std::vector<std::string>& Of(const std::string& word);

 private:
  Xapian::Stem stemmer_;
  const CompoundSplitter& splitter_;
  const size_t max_words_;
  std::unordered_map<std::string, std::vector<std::string>> known_;
  const std::vector<std::string> none_;
};

// Adds the compound terms (above) of every plain word of `doc` (its unprefixed terms), at the
// positions of the word, so NEAR and phrases see the parts where the compound stands. Call
// after the TermGenerator filled `doc`.
void AddCompoundTerms(Xapian::Document& doc, CompoundTerms& terms);

// Searches finding fewer matches than this get a spelling suggestion.
inline constexpr long long kSuggestBelowMatches = 3;

// A corrected version of `text` (lowercased like PrepareQueryText) in which every word of 5+
// letters that the index lacks is replaced by the closest word of the spelling table (built
// from the indexed text); empty when nothing changes. Words of 4 letters or fewer are never
// corrected (too many near neighbours: "beid" would become "beide" or "bied").
// `visible` tells whether a word occurs in a document the searcher may read (the spelling table
// holds the words of every document): a word it rejects counts as missing and is never
// proposed. Null: every word of the index is visible.
using VisibleWord = std::function<bool(const std::string& word)>;
std::string SpellingSuggestion(const Xapian::Database& db, std::string_view text,
                               const VisibleWord& visible = nullptr);

}  // namespace kring::search
