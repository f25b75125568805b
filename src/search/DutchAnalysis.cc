#include "search/DutchAnalysis.h"

#include <iostream>
#include <memory>

#include "core/Resources.h"
#include "core/Text.h"
#include "search/Prefixes.h"
#include "search/QueryRewrite.h"
#include "search/Synonyms.h"

namespace kring::search {

namespace {

constexpr std::string_view kStopwordsResource = "index/stopwords-nl.txt";

// See MakeDutchStemmer.
class DutchStemImplementation : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    constexpr std::string_view kIes = "ies";
    if (word.size() > kIes.size() && std::string_view(word).ends_with(kIes)) {
      return porter_(word.substr(0, word.size() - 1));
    }
    return porter_(word);
  }

  std::string get_description() const override { return std::string(kStemmerName); }

 private:
  Xapian::Stem porter_{"dutch"};
};

// org:/organisatie: and app:/toepassing: filter on a key whether a member types the key
// ("org:stad-roeselare") or the name ('organisatie:"Stad Roeselare"'), as SearchQuery does.
class SlugFilter : public Xapian::FieldProcessor {
 public:
  explicit SlugFilter(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + Slugify(value));
  }

 private:
  std::string prefix_;
};

bool IsOperator(std::string_view word) {
  for (std::string_view op : {"AND", "OR", "NOT", "XOR"}) {
    if (word == op) return true;
  }
  // NEAR and ADJ take an optional window: NEAR/3.
  for (std::string_view op : {"NEAR", "ADJ"}) {
    if (!word.starts_with(op)) continue;
    std::string_view rest = word.substr(op.size());
    if (rest.empty()) return true;
    if (rest.size() < 2 || rest[0] != '/') return false;
    for (char c : rest.substr(1)) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
  return false;
}

// Calls `word(token)` for each maximal run of characters that are not in `separators`, and
// `gap(run)` for the runs of separators between them, in order.
template <typename Word, typename Gap>
void SplitKeepingSeparators(std::string_view text, std::string_view separators, Word word,
                            Gap gap) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of(separators, i);
    if (end == i) {
      end = text.find_first_not_of(separators, i);
      if (end == std::string_view::npos) end = text.size();
      gap(text.substr(i, end - i));
    } else {
      if (end == std::string_view::npos) end = text.size();
      word(text.substr(i, end - i));
    }
    i = end;
  }
}

}  // namespace

Xapian::Stem MakeDutchStemmer() {
  // Xapian::Stem takes ownership through its intrusive reference count.
  return Xapian::Stem(std::make_unique<DutchStemImplementation>().release());
}

std::vector<std::string> ParseStopwords(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = Trim(text.substr(start, end - start));
    if (!line.empty() && line[0] != '#') words.push_back(std::move(line));
    start = end + 1;
  }
  return words;
}

const std::vector<std::string>& DutchStopwords() {
  static const std::vector<std::string> words = [] {
    std::optional<std::string> text = LoadResource(kStopwordsResource);
    if (!text) {
      std::cerr << "kring search: resource " << kStopwordsResource
                << " missing; searching without stopwords\n";
      return std::vector<std::string>{};
    }
    return ParseStopwords(*text);
  }();
  return words;
}

DutchAnalysis::DutchAnalysis(const CompoundSplitter& splitter)
    : splitter_(splitter),
      stemmer_(MakeDutchStemmer()),
      stopper_(DutchStopwords().begin(), DutchStopwords().end()),
      compound_terms_(stemmer_, splitter_) {}

std::string DutchAnalysis::ExpandEllipses(std::string_view text) const {
  return splitter_.ExpandEllipses(text);
}

void DutchAnalysis::AddCompoundTerms(Xapian::Document& doc) const {
  search::AddCompoundTerms(doc, compound_terms_);
}

Xapian::Query DutchAnalysis::Rewrite(const Xapian::Query& parsed, const Xapian::QueryParser& parser,
                                     const Xapian::Database* db) const {
  // Taken per query, so ReloadSynonyms() applies to the next search.
  const std::shared_ptr<const SynonymTable> synonyms = CurrentSynonyms();
  return RewriteQuery(parsed, parser, splitter_, *synonyms, db);
}

void DutchAnalysis::Configure(Xapian::TermGenerator& generator) const {
  generator.set_stemmer(stemmer_);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_stopper(&stopper_);
  generator.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
}

void DutchAnalysis::Configure(Xapian::QueryParser& parser) const {
  parser.set_stemmer(stemmer_);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&stopper_);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const char* field : {"titel", "title"}) parser.add_prefix(field, std::string(kTitlePrefix));
  struct BooleanField {
    const char* name;
    std::string_view prefix;
  };
  static constexpr BooleanField kBooleanFields[] = {
      {"topic", kTopicPrefix}, {"onderwerp", kTopicPrefix}, {"kind", kKindPrefix},
      {"soort", kKindPrefix},  {"jaar", kYearPrefix},       {"year", kYearPrefix},
      {"type", kTypePrefix},
  };
  for (const BooleanField& field : kBooleanFields) {
    // Grouping by prefix, not by field name, so the Dutch and English names of a field OR
    // together ("topic:crm onderwerp:gis" means either) while different fields AND.
    const std::string prefix(field.prefix);
    parser.add_boolean_prefix(field.name, prefix, &prefix);
  }
  struct SlugField {
    const char* name;
    std::string_view prefix;
  };
  static constexpr SlugField kSlugFields[] = {
      {"org", kOrganisationPrefix},
      {"organisatie", kOrganisationPrefix},
      {"app", kApplicationPrefix},
      {"toepassing", kApplicationPrefix},
  };
  for (const SlugField& field : kSlugFields) {
    const std::string prefix(field.prefix);
    parser.add_boolean_prefix(field.name, (new SlugFilter(field.prefix))->release(), &prefix);
  }
  // Date ranges on the date slot (YYYYMMDD): "datum:1-1-2013..31-12-2013" (day first, as
  // written in Flanders) or "date:2013-01-01..2013-06-30".
  for (const char* field : {"datum:", "date:"}) {
    parser.add_rangeprocessor((new Xapian::DateRangeProcessor(kDateSlot, field))->release());
  }
}

std::string PrepareQueryText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  SplitKeepingSeparators(
      text, " \t\r\n()",
      [&](std::string_view word) {
        if (IsOperator(word)) {
          out += word;
        } else {
          out += ToLower(word);
        }
      },
      [&](std::string_view gap) { out += gap; });
  return out;
}

std::string QueryWordsOnly(std::string_view text) {
  std::string plain(text);
  for (char& c : plain) {
    auto u = static_cast<unsigned char>(c);
    bool keep =
        u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!keep) c = ' ';
  }
  std::string out;
  SplitKeepingSeparators(
      plain, " ",
      [&](std::string_view word) {
        if (IsOperator(word)) return;
        if (!out.empty()) out += ' ';
        out += ToLower(word);
      },
      [](std::string_view) {});
  return out;
}

}  // namespace kring::search
