#include "search/Compounds.h"

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "core/Resources.h"
#include "core/Text.h"
#include "search/DutchAnalysis.h"

namespace kring::search {

namespace {

constexpr std::string_view kVocabularyResource = "index/compound-vocabulary.txt";
constexpr std::string_view kExceptionsResource = "index/compound-exceptions.txt";

// Suffixes and suffix-like words that the word list holds as words of their own but that never
// stand as a part of a compound: "veiligheid" is not veilig + heid.
constexpr std::string_view kBlockedParts[] = {
    "heid",  "heden", "baar", "bare", "lijk",  "lijke",  "schap", "schappen", "achtig", "achtige",
    "loos",  "loze",  "zaam", "zame", "ling",  "lingen", "isch",  "ische",    "tjes",   "atie",
    "aties", "iteit", "ende", "erij", "ering", "eren",   "sche",  "ster",     "nis",    "tie"};

bool IsBlockedPart(std::string_view part) {
  for (std::string_view blocked : kBlockedParts) {
    if (part == blocked) return true;
  }
  return false;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += IsContinuationByte(c) ? 0 : 1;
  return n;
}

// Lowercase letters only (ASCII a-z or any non-ASCII byte): the words a vocabulary can hold and
// the words worth splitting. Hyphens, digits, apostrophes and capitals are not.
bool IsPlainWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(u >= 0x80 || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

bool IsLetters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::vector<std::string> ResourceWords(std::string_view name) {
  std::optional<std::string> text = LoadResource(name);
  if (!text) {
    std::cerr << "kring search: resource " + std::string(name) + " missing\n";
    return {};
  }
  return ParseStopwords(*text);
}

// Conjunctions that join the members of an ellipsis ("kennis- en/of databeheer").
bool IsConjunction(std::string_view word) {
  for (std::string_view c : {"en", "of", "en/of", "tot", "noch", "&"}) {
    if (word == c) return true;
  }
  return false;
}

// A whitespace-separated token and its core: the token without surrounding punctuation.
struct Token {
  size_t core_begin = 0;
  size_t core_end = 0;
  std::string_view core;
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  constexpr std::string_view kSpace = " \t\r\n";
  constexpr std::string_view kOpening = "(\"'“‘[";
  constexpr std::string_view kClosing = ",.;:!?)\"'”’]";
  size_t i = 0;
  while (i < text.size()) {
    size_t begin = text.find_first_not_of(kSpace, i);
    if (begin == std::string_view::npos) break;
    size_t end = text.find_first_of(kSpace, begin);
    if (end == std::string_view::npos) end = text.size();
    size_t core_begin = begin;
    size_t core_end = end;
    while (core_begin < core_end && kOpening.find(text[core_begin]) != std::string_view::npos) {
      ++core_begin;
    }
    while (core_end > core_begin && kClosing.find(text[core_end - 1]) != std::string_view::npos) {
      --core_end;
    }
    tokens.push_back(Token{core_begin, core_end, text.substr(core_begin, core_end - core_begin)});
    i = end;
  }
  return tokens;
}

struct Replacement {
  size_t begin;
  size_t end;
  std::string text;
};

}  // namespace

CompoundSplitter::CompoundSplitter(const std::vector<std::string>& system_words,
                                   const std::vector<std::string>& hand_words,
                                   const std::vector<std::string>& exceptions) {
  words_.reserve(system_words.size() + hand_words.size());
  for (const std::string& word : system_words) {
    if (IsPlainWord(word) && CharCount(word) >= kMinSystemPartChars && !IsBlockedPart(word)) {
      words_.insert(word);
    }
  }
  for (const std::string& word : hand_words) {
    if (IsPlainWord(word) && CharCount(word) >= kMinPartChars) words_.insert(word);
  }
  for (const std::string& word : exceptions) exceptions_.insert(ToLower(word));
}

const CompoundSplitter& CompoundSplitter::Default() {
  static const CompoundSplitter splitter = [] {
    std::vector<std::string> words;
    std::ifstream system_list{std::string(kSystemWordList)};
    if (system_list) {
      std::string line;
      while (std::getline(system_list, line)) words.push_back(std::move(line));
    } else {
      std::cerr << "kring search: " + std::string(kSystemWordList) +
                       " missing (Debian package wdutch); compounds split with "
                       "index/compound-vocabulary.txt only\n";
    }
    return CompoundSplitter(words, ResourceWords(kVocabularyResource),
                            ResourceWords(kExceptionsResource));
  }();
  return splitter;
}

bool CompoundSplitter::IsWord(std::string_view word) const { return words_.contains(word); }

std::vector<std::string> CompoundSplitter::SplitOnce(std::string_view word) const {
  const size_t n = word.size();
  // best[i]: the best split of word[i..] as (parts, shortest part), fewest parts first, then
  // the longest shortest part (short parts are the usual wrong ones); next[i]: end of the first
  // part there, link[i]: whether a linking s follows it.
  struct Best {
    size_t parts = 0;
    size_t shortest = 0;
    size_t next = 0;
    bool link = false;
  };
  std::vector<std::optional<Best>> best(n + 1);
  best[n] = Best{0, SIZE_MAX, n, false};
  for (size_t i = n; i-- > 0;) {
    if (IsContinuationByte(word[i])) continue;
    for (size_t j = i + 1; j <= n; ++j) {
      if (j < n && IsContinuationByte(word[j])) continue;
      if (i == 0 && j == n) break;  // the whole word is not a split
      std::string_view part = word.substr(i, j - i);
      if (CharCount(part) < kMinPartChars || !words_.contains(part)) continue;
      // A linking s ("beleid-s-plan") may follow any part but the last.
      for (bool link : {false, true}) {
        size_t rest = j;
        if (link) {
          if (j >= n || word[j] != 's') continue;
          rest = j + 1;
        }
        if (!best[rest] || (rest == n && link)) continue;
        const Best candidate{best[rest]->parts + 1, std::min(best[rest]->shortest, part.size()), j,
                             link};
        if (!best[i] || candidate.parts < best[i]->parts ||
            (candidate.parts == best[i]->parts && candidate.shortest > best[i]->shortest)) {
          best[i] = candidate;
        }
      }
    }
  }
  std::vector<std::string> parts;
  if (!best[0]) return parts;
  for (size_t i = 0; i < n;) {
    const Best& b = *best[i];
    parts.emplace_back(word.substr(i, b.next - i));
    i = b.next + (b.link ? 1 : 0);
  }
  return parts;
}

std::vector<std::string> CompoundSplitter::Split(std::string_view word) const {
  if (!IsPlainWord(word) || CharCount(word) < kMinCompoundChars || exceptions_.contains(word)) {
    return {};
  }
  std::vector<std::string> finest;
  for (std::string& part : SplitOnce(word)) {
    // A part may be a compound of its own ("kennisbeheer" + "systeem").
    std::vector<std::string> sub = Split(part);
    if (sub.empty()) {
      finest.push_back(std::move(part));
    } else {
      finest.insert(finest.end(), sub.begin(), sub.end());
    }
  }
  return finest;
}

std::vector<std::string> CompoundSplitter::IndexParts(std::string_view word) const {
  std::vector<std::string> parts = Split(word);
  const size_t count = parts.size();
  // Runs of adjacent parts, found again in the word so linking s's stay ("beleidsplanning" of
  // beleid, plan, ning would give "beleidsplan").
  size_t search_from = 0;
  std::vector<size_t> starts;
  for (const std::string& part : parts) {
    size_t at = word.find(part, search_from);
    starts.push_back(at);
    search_from = at == std::string_view::npos ? search_from : at + part.size();
  }
  for (size_t first = 0; first < count; ++first) {
    for (size_t last = first + 1; last < count; ++last) {
      if (first == 0 && last == count - 1) continue;  // the whole word
      if (starts[first] == std::string_view::npos || starts[last] == std::string_view::npos) {
        continue;
      }
      const size_t end = starts[last] + parts[last].size();
      parts.emplace_back(word.substr(starts[first], end - starts[first]));
    }
  }
  return parts;
}

std::string CompoundSplitter::ExpandEllipses(std::string_view text) const {
  if (text.find('-') == std::string_view::npos) return std::string(text);  // the common case
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<Replacement> replacements;
  auto is_open_front = [](std::string_view core) {  // "kennis-"
    return core.size() >= 3 && core.back() == '-' && IsLetters(core.substr(0, core.size() - 1));
  };
  auto is_open_back = [](std::string_view core) {  // "-veiligheid"
    return core.size() >= 3 && core.front() == '-' && IsLetters(core.substr(1));
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view core = tokens[i].core;
    if (is_open_front(core)) {
      // Collect "kennis-", "data-" ... up to the full word that lends its last part.
      std::vector<size_t> open = {i};
      size_t j = i + 1;
      for (; j < tokens.size(); ++j) {
        if (is_open_front(tokens[j].core)) {
          open.push_back(j);
        } else if (!IsConjunction(tokens[j].core)) {
          break;
        }
      }
      if (j == tokens.size() || !IsLetters(tokens[j].core)) continue;
      const std::vector<std::string> parts = Split(ToLower(tokens[j].core));
      if (parts.empty()) continue;
      const std::string& head = parts.back();
      for (size_t k : open) {
        std::string_view prefix = tokens[k].core.substr(0, tokens[k].core.size() - 1);
        replacements.push_back(
            Replacement{tokens[k].core_begin, tokens[k].core_end, std::string(prefix) + head});
      }
      i = j;
    } else if (IsLetters(core)) {
      // "informatiebeheer en -veiligheid": the following "-x" words share this word's modifier.
      size_t j = i + 1;
      std::vector<size_t> open;
      for (; j < tokens.size(); ++j) {
        if (is_open_back(tokens[j].core)) {
          open.push_back(j);
        } else if (!IsConjunction(tokens[j].core)) {
          break;
        }
      }
      if (open.empty()) continue;
      const std::string word = ToLower(core);
      const std::vector<std::string> parts = Split(word);
      if (parts.empty()) continue;
      const std::string modifier = word.substr(0, word.size() - parts.back().size());
      for (size_t k : open) {
        replacements.push_back(Replacement{tokens[k].core_begin, tokens[k].core_end,
                                           modifier + std::string(tokens[k].core.substr(1))});
      }
      i = j - 1;
    }
  }
  std::string out;
  out.reserve(text.size() + replacements.size() * 16);
  size_t at = 0;
  for (const Replacement& r : replacements) {
    out.append(text.substr(at, r.begin - at));
    out += r.text;
    at = r.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace kring::search
