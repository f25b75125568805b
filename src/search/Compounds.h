// Compounds: splitting Dutch compounds ("kennisbeheersysteem" → kennis + beheer + systeem) and
// expanding hyphen ellipses ("kennis- en databeheer" → "kennisbeheer en databeheer"), so that a
// search for one part or for the whole finds the other forms (issue 4, notes/xapian.md).
//
// The vocabulary is, once per process: the system word list /usr/share/dict/dutch (Debian
// package wdutch, OpenTaal) when present, plus index/compound-vocabulary.txt (municipal ICT
// terms added by hand). Without the system list only the hand list splits words: fewer
// compounds are found, nothing breaks. index/compound-exceptions.txt lists words never split
// (wrong splits found while testing). Index and query side use the same vocabulary, so an
// index built on a machine with wdutch should be searched on one with it too.
//
// No Xapian types: pure text functions. Thread-safety: a CompoundSplitter is immutable after
// construction; Default() is built on first use (thread-safe static) and shared.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kring::search {

// Words shorter than this (in characters) are never split; parts are at least kMinPartChars
// (hand vocabulary) or kMinSystemPartChars (system word list).
inline constexpr size_t kMinCompoundChars = 8;
inline constexpr size_t kMinPartChars = 4;
inline constexpr size_t kMinSystemPartChars = 5;

// Where Default() reads the system word list.
inline constexpr std::string_view kSystemWordList = "/usr/share/dict/dutch";

class CompoundSplitter {
 public:
  // `system_words`: a large word list (parts of 5+ letters only: its 4-letter words made most
  // wrong splits measured on the corpus, "prak|tijk", "plat|form", "docu|ment");
  // `hand_words`: checked terms, parts of 4+ letters ("zaal", "data"); `exceptions`: words
  // never split. Words with capitals, digits or punctuation are ignored.
  CompoundSplitter(const std::vector<std::string>& system_words,
                   const std::vector<std::string>& hand_words,
                   const std::vector<std::string>& exceptions);

  // The process-wide splitter (see the header comment); loaded on first call.
  static const CompoundSplitter& Default();

  // The finest parts of a lowercase word, in order, without linking s ("beleidsplan" →
  // beleid, plan); empty when the word is short, an exception, or cannot be split into
  // vocabulary words of 4+ letters (the fewest parts win; suffix-like parts such as "heid" or
  // "baar" are never used). The last part is always a suffix of the word.
  std::vector<std::string> Split(std::string_view word) const;

  // What the index adds for a word: its finest parts and every run of two or more adjacent
  // parts short of the whole word ("kennisbeheersysteem" → kennis, beheer, systeem,
  // kennisbeheer, beheersysteem), so a query for a sub-compound matches too. Empty when the
  // word does not split.
  std::vector<std::string> IndexParts(std::string_view word) const;

  // `text` with hyphen ellipses written out: "kennis- en databeheer" → "kennisbeheer en
  // databeheer", "informatiebeheer en -veiligheid" → "informatiebeheer en
  // informatieveiligheid", also in lists ("kennis-, data- en informatiebeheer"). Only where the
  // full word splits (that tells which part is shared); everything else is unchanged.
  std::string ExpandEllipses(std::string_view text) const;

  bool IsWord(std::string_view word) const;

 private:
  // Best split into vocabulary words (top level: at least two parts), or empty.
  std::vector<std::string> SplitOnce(std::string_view word) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
  std::unordered_set<std::string, Hash, std::equal_to<>> exceptions_;
};

}  // namespace kring::search
