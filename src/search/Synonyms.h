// Synonyms: the query-time synonym and abbreviation table (index/synonyms.txt), e.g.
// "kennisbeheer, knowledge management, km". A query word or phrase that is a member of a group
// also searches the other members (QueryRewrite.h); the index holds no synonyms, so a changed
// table takes effect on the next query without reindexing.
//
// No Xapian types: app/ or http/ may call ReloadSynonyms(). Thread-safety: a SynonymTable is
// immutable; CurrentSynonyms() and ReloadSynonyms() may be called from any thread (the
// current table is swapped under a mutex, and a search keeps the table it started with).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/SynonymService.h"

namespace kring::search {

// One member of a group: its words (lowercase) and their stems (Dutch stemmer, as the index).
struct SynonymPhrase {
  std::vector<std::string> words;
  std::vector<std::string> stems;
};

class SynonymTable {
 public:
  // Parses the file format: one group a line, members separated by commas, '#' comments,
  // blank lines ignored, everything lowercased. Members of one word-less line are dropped;
  // a line with fewer than two members is ignored.
  static SynonymTable Parse(std::string_view text);

  // Groups a member of which is exactly `stems` (a word's or a phrase's stems), each with all
  // its members (the match included); empty when none.
  std::vector<const std::vector<SynonymPhrase>*> GroupsOf(
      const std::vector<std::string>& stems) const;

  // The longest member length in words (for phrase lookups); 0 for an empty table.
  size_t max_words() const { return max_words_; }
  size_t size() const { return groups_.size(); }

 private:
  std::vector<std::vector<SynonymPhrase>> groups_;
  size_t max_words_ = 0;
};

// The table in use: index/synonyms.txt until ReloadSynonyms replaced it. Never null.
std::shared_ptr<const SynonymTable> CurrentSynonyms();

// Counts the tables put in use: changes whenever ReloadSynonyms ran (for caches of results).
uint64_t SynonymsGeneration();
// Replaces the table with one parsed from `text`; the next query uses it.
void ReloadSynonyms(std::string_view text);
// Replaces the table with the embedded index/synonyms.txt again.
void ReloadSynonyms();

// The first line of `text` ("\n" line ends) that is neither blank, a comment nor a group of two
// or more members each with a word: kOneMember or kEmptyMember with its 1-based number.
std::optional<SynonymsProblem> FindBadSynonymLine(std::string_view text);

// The SynonymEngine of core/SynonymService.h: the functions above. Stateless.
class SynonymTables : public SynonymEngine {
 public:
  std::string EmbeddedText() const override;
  std::optional<SynonymsProblem> FindBadLine(std::string_view text) const override {
    return FindBadSynonymLine(text);
  }
  void Use(std::string_view text) override { ReloadSynonyms(text); }
};

}  // namespace kring::search
