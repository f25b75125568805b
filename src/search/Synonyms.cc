#include "search/Synonyms.h"

#include <iostream>
#include <mutex>
#include <optional>

#include "core/Resources.h"
#include "core/Text.h"
#include "search/DutchAnalysis.h"

namespace kring::search {

namespace {

constexpr std::string_view kSynonymsResource = "index/synonyms.txt";

// Words of a member as the query parser sees them: split at spaces; a word with a hyphen or
// other punctuation ("e-mail") is split there too, as TermGenerator and QueryParser do.
std::vector<std::string> MemberWords(std::string_view member) {
  std::vector<std::string> words;
  std::string word;
  for (char c : member) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string DefaultText() {
  std::optional<std::string> text = LoadResource(kSynonymsResource);
  if (!text) {
    std::cerr << "kring search: resource " + std::string(kSynonymsResource) +
                     " missing; searching without synonyms\n";
    return {};
  }
  return *text;
}

std::mutex current_mutex;
uint64_t generation = 0;  // GUARDED_BY(current_mutex): tables put in use by ReloadSynonyms
std::shared_ptr<const SynonymTable>& CurrentSlot() {  // GUARDED_BY(current_mutex)
  static std::shared_ptr<const SynonymTable> current =
      std::make_shared<const SynonymTable>(SynonymTable::Parse(DefaultText()));
  return current;
}

}  // namespace

SynonymTable SynonymTable::Parse(std::string_view text) {
  SynonymTable table;
  Xapian::Stem stemmer = MakeDutchStemmer();
  for (const std::string& line : ParseStopwords(text)) {  // same line rules as stopwords
    std::vector<SynonymPhrase> group;
    size_t start = 0;
    const std::string lower = ToLower(line);
    while (start <= lower.size()) {
      size_t end = lower.find(',', start);
      if (end == std::string::npos) end = lower.size();
      SynonymPhrase phrase;
      phrase.words = MemberWords(std::string_view(lower).substr(start, end - start));
      for (const std::string& word : phrase.words) phrase.stems.push_back(stemmer(word));
      if (!phrase.words.empty()) {
        table.max_words_ = std::max(table.max_words_, phrase.words.size());
        group.push_back(std::move(phrase));
      }
      start = end + 1;
    }
    if (group.size() >= 2) table.groups_.push_back(std::move(group));
  }
  return table;
}

std::vector<const std::vector<SynonymPhrase>*> SynonymTable::GroupsOf(
    const std::vector<std::string>& stems) const {
  std::vector<const std::vector<SynonymPhrase>*> found;
  for (const std::vector<SynonymPhrase>& group : groups_) {
    for (const SynonymPhrase& phrase : group) {
      if (phrase.stems == stems) {
        found.push_back(&group);
        break;
      }
    }
  }
  return found;
}

std::shared_ptr<const SynonymTable> CurrentSynonyms() {
  std::lock_guard lock(current_mutex);
  return CurrentSlot();
}

void ReloadSynonyms(std::string_view text) {
  auto table = std::make_shared<const SynonymTable>(SynonymTable::Parse(text));
  std::lock_guard lock(current_mutex);
  CurrentSlot() = std::move(table);
  ++generation;
}

uint64_t SynonymsGeneration() {
  std::lock_guard lock(current_mutex);
  return generation;
}

void ReloadSynonyms() { ReloadSynonyms(DefaultText()); }

}  // namespace kring::search
