// DutchAnalysis: the one place that decides how Dutch text becomes terms, for documents
// (TermGenerator) and for queries (QueryParser), so both sides always agree: stemmer,
// stopwords, compound splitting and hyphen ellipses (Compounds.h) and, at query time, the
// compound and synonym rewrite (QueryRewrite.h).
//
// Internal to search/: it names Xapian types, so no other layer includes it.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "search/Compounds.h"
#include "search/QueryRewrite.h"

namespace kring::search {

// Name stored in the database metadata (Prefixes.h kStemmerMetadataKey). Xapian 1.5 renames
// "dutch" to a different algorithm (Kraaij-Pohlmann), so the name says which one we mean.
inline constexpr std::string_view kStemmerName = "dutch_porter+ies";

// Xapian's Dutch (Porter) stemmer, except that a word ending in "ies" loses its final s first:
// "presentaties" stems like "presentatie" (the plain stemmer keeps them apart).
Xapian::Stem MakeDutchStemmer();

// Parses a stopword file: one word per line, '#' starts a comment line, blanks ignored,
// surrounding whitespace trimmed.
std::vector<std::string> ParseStopwords(std::string_view text);

// The words of index/stopwords-nl.txt, read once. Empty (and one line on stderr) when the
// resource is missing, which only a broken build can cause.
const std::vector<std::string>& DutchStopwords();

// Stemmer and stopper for one thread's TermGenerator or QueryParser. Not thread-safe (Xapian
// stemmers keep state); cheap to build. Must outlive every generator or parser configured with
// it, because they keep a pointer to its stopper.
class DutchAnalysis {
 public:
  // `splitter` must outlive this (the default one lives as long as the process).
  explicit DutchAnalysis(const CompoundSplitter& splitter = CompoundSplitter::Default());
  DutchAnalysis(const DutchAnalysis&) = delete;
  DutchAnalysis& operator=(const DutchAnalysis&) = delete;

  // Stemmer, STEM_SOME, stopper with STOP_STEMMED (stopwords are indexed as written, for
  // phrases, but get no stemmed term).
  void Configure(Xapian::TermGenerator& generator) const;
  // Stemmer, STEM_SOME, stopper, default operator AND, and the field prefixes members may type
  // (titel:/title:, topic:/onderwerp:, kind:/soort:, jaar:/year:, type:, org:/organisatie:;
  // see index/prefixes.md).
  void Configure(Xapian::QueryParser& parser) const;

  // The text to give the TermGenerator: hyphen ellipses written out (Compounds.h).
  std::string ExpandEllipses(std::string_view text) const;
  // After the TermGenerator filled `doc`: adds its compound parts (XC terms).
  void AddCompoundTerms(Xapian::Document& doc) const;
  // `parsed` (from `parser`, configured here) with compound and synonym alternatives for its
  // plain words, exact matches first (QueryRewrite.h), using the current synonym table; `db`
  // (may be null) is the index searched, which tells how common each word is.
  Xapian::Query Rewrite(const Xapian::Query& parsed, const Xapian::QueryParser& parser,
                        const Xapian::Database* db = nullptr) const;

  const Xapian::Stem& stemmer() const { return stemmer_; }

 private:
  const CompoundSplitter& splitter_;
  Xapian::Stem stemmer_;
  Xapian::SimpleStopper stopper_;
  // A cache: filling it changes no answer, so AddCompoundTerms stays const.
  mutable CompoundTerms compound_terms_;
};

// Prepares what a member typed for QueryParser: lowercases every word, because under STEM_SOME
// a capitalised word is not stemmed ("Vergaderingen" would not find "vergadering"), except the
// all-caps operators AND, OR, NOT, XOR, NEAR, ADJ (and NEAR/n, ADJ/n), which stay operators.
// Lowercase "and"/"or" therefore stay words, as they must for English titles.
std::string PrepareQueryText(std::string_view text);

// The words of a query without any syntax: punctuation becomes space, operators are dropped,
// everything is lowercased. Used when the query as written cannot be parsed.
std::string QueryWordsOnly(std::string_view text);

}  // namespace kring::search
