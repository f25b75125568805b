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

// The words of each comma-separated member of a lowercased line (a member may have none).
std::vector<std::vector<std::string>> MembersOf(std::string_view lower_line) {
  std::vector<std::vector<std::string>> members;
  size_t start = 0;
  while (start <= lower_line.size()) {
    size_t end = lower_line.find(',', start);
    if (end == std::string_view::npos) end = lower_line.size();
    members.push_back(MemberWords(lower_line.substr(start, end - start)));
    start = end + 1;
  }
  return members;
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
    for (std::vector<std::string>& words : MembersOf(ToLower(line))) {
      if (words.empty()) continue;
      SynonymPhrase phrase;
      for (const std::string& word : words) phrase.stems.push_back(stemmer(word));
      phrase.words = std::move(words);
      table.max_words_ = std::max(table.max_words_, phrase.words.size());
      group.push_back(std::move(phrase));
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

std::optional<SynonymsProblem> FindBadSynonymLine(std::string_view text) {
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    const std::string line = Trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;  // the line rules of ParseStopwords
    const std::vector<std::vector<std::string>> members = MembersOf(ToLower(line));
    for (const std::vector<std::string>& words : members) {
      if (words.empty()) return SynonymsProblem{SynonymsProblem::Kind::kEmptyMember, number};
    }
    if (members.size() < 2) return SynonymsProblem{SynonymsProblem::Kind::kOneMember, number};
  }
  return std::nullopt;
}

std::string SynonymTables::EmbeddedText() const { return DefaultText(); }

}  // namespace kring::search
