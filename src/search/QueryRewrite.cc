#include "search/QueryRewrite.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "search/DutchAnalysis.h"
#include "search/Prefixes.h"

namespace kring::search {

namespace {

// Words typed in a split compound may stand a few words apart ("beheer van de kennis").
constexpr Xapian::termcount kPartsWindowSlack = 3;
// Weight of a match of the parts near each other ("beheer van kennis" for kennisbeheer),
// relative to their own weights.
constexpr double kSplitWeight = 0.25;
// Spelling: edit distance Xapian may go (its default).
constexpr unsigned kMaxEditDistance = 2;
constexpr size_t kMinCorrectedChars = 5;

// The stem of a plain word's leaf ("Zkennisbeher" → "kennisbeher"), or empty for any other
// term (unstemmed words, prefixed fields, boolean filters).
std::string PlainStem(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::LEAF_TERM) return {};
  auto it = query.get_terms_begin();
  if (it == query.get_terms_end()) return {};
  const std::string term = *it;
  if (term.size() < 2 || term[0] != 'Z') return {};
  const char next = term[1];
  if (next >= 'A' && next <= 'Z') return {};  // ZS...: a stemmed title word (titel:)
  return term.substr(1);
}

class Rewriter {
 public:
  Rewriter(const Xapian::QueryParser& parser, const CompoundSplitter& splitter,
           const SynonymTable& synonyms, const Xapian::Database* db)
      : parser_(parser), splitter_(splitter), synonyms_(synonyms), db_(db) {}

  Xapian::Query Rewrite(const Xapian::Query& query) {
    using Q = Xapian::Query;
    const Q::op op = query.get_type();
    if (op == Q::LEAF_TERM) {
      const std::string stem = PlainStem(query);
      return stem.empty() ? query : Word(stem);
    }
    const size_t n = query.get_num_subqueries();
    std::vector<Q> children;
    children.reserve(n);
    switch (op) {
      case Q::OP_AND: {
        const std::vector<Q> run = RewriteRun(query);
        return Q(op, run.begin(), run.end());
      }
      case Q::OP_OR:
      case Q::OP_AND_MAYBE:
      case Q::OP_XOR:
      case Q::OP_MAX:
        for (size_t i = 0; i < n; ++i) children.push_back(Rewrite(query.get_subquery(i)));
        return Q(op, children.begin(), children.end());
      case Q::OP_AND_NOT:
      case Q::OP_FILTER:
        // Only the positive side: "-beheer" must not also exclude every compound with beheer,
        // and filters are boolean terms.
        children.push_back(Rewrite(query.get_subquery(0)));
        for (size_t i = 1; i < n; ++i) children.push_back(query.get_subquery(i));
        return Q(op, children.begin(), children.end());
      default:
        return query;  // phrases, NEAR, wildcards, ranges: as parsed
    }
  }

 private:
  // The children of an AND, with runs of plain words that form a multi-word synonym
  // ("knowledge management") rewritten as one unit.
  std::vector<Xapian::Query> RewriteRun(const Xapian::Query& query) {
    const size_t n = query.get_num_subqueries();
    std::vector<Xapian::Query> subqueries;
    std::vector<std::string> stems;
    for (size_t i = 0; i < n; ++i) {
      subqueries.push_back(query.get_subquery(i));
      stems.push_back(PlainStem(subqueries.back()));
    }
    std::vector<Xapian::Query> out;
    for (size_t i = 0; i < n;) {
      bool matched = false;
      for (size_t k = std::min(synonyms_.max_words(), n - i); k >= 2 && !matched; --k) {
        std::vector<std::string> run(stems.begin() + static_cast<ptrdiff_t>(i),
                                     stems.begin() + static_cast<ptrdiff_t>(i + k));
        if (std::find(run.begin(), run.end(), std::string()) != run.end()) continue;
        auto groups = synonyms_.GroupsOf(run);
        if (groups.empty()) continue;
        std::vector<Xapian::Query> exact(subqueries.begin() + static_cast<ptrdiff_t>(i),
                                         subqueries.begin() + static_cast<ptrdiff_t>(i + k));
        Xapian::Query exact_run(Xapian::Query::OP_AND, exact.begin(), exact.end());
        std::vector<Xapian::Query> alternatives = {exact_run};
        AddSynonyms(groups, run, alternatives);
        out.push_back(ExactFirst(alternatives, exact_run));
        i += k;
        matched = true;
      }
      if (!matched) {
        out.push_back(Rewrite(subqueries[i]));
        ++i;
      }
    }
    return out;
  }

  Xapian::Query Word(const std::string& stem) {
    const Xapian::Query exact("Z" + stem);
    std::vector<Xapian::Query> alternatives = {exact,
                                               Xapian::Query(std::string(kCompoundPrefix) + stem)};
    const std::vector<std::string> key = {stem};
    AddSynonyms(synonyms_.GroupsOf(key), key, alternatives);
    Xapian::Query query = ExactFirst(alternatives, exact);

    const std::string word = TypedWord(stem);
    const std::vector<std::string> parts = splitter_.Split(word);
    if (parts.size() < 2 || Common(stem)) return query;
    // The parts as words of their own ("beheer van kennis"). Not also as parts of other
    // compounds: in a corpus full of compounds (zaakobjecttype, zaakinformatieobject) that
    // matched nearly every page, and the sub-compounds are indexed terms already (IndexParts).
    std::vector<Xapian::Query> near(parts.begin(), parts.end());
    const auto window = static_cast<Xapian::termcount>(parts.size()) + kPartsWindowSlack;
    // ORed beside the term alternatives, not one more member of their SYNONYM: inside it the
    // positional check ran on every candidate to sum the synonym's frequency (122 ms for
    // "zaaktype" on 100,000 pages, 24 ms like this; docs/performance.md).
    // Scaled down: the parts' own weights would otherwise put a split match above the word.
    const Xapian::Query split(Xapian::Query::OP_NEAR, near.begin(), near.end(), window);
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, split, kSplitWeight));
  }

  // Whether the word or compounds with it match kSplitOnlyBelow documents or more (a sum: the
  // two sets overlap, so this may say common a little early).
  bool Common(const std::string& stem) const {
    if (db_ == nullptr) return false;
    return db_->get_termfreq("Z" + stem) + db_->get_termfreq(std::string(kCompoundPrefix) + stem) >=
           kSplitOnlyBelow;
  }

  // The word the member typed for a stem (QueryParser remembers it); the stem when unknown.
  std::string TypedWord(const std::string& stem) const {
    auto it = parser_.unstem_begin("Z" + stem);
    return it == parser_.unstem_end("Z" + stem) ? stem : *it;
  }

  // Every member of `groups` other than the one matched (`key`): one word as its stem (and as
  // a compound part), several words as a phrase.
  void AddSynonyms(const std::vector<const std::vector<SynonymPhrase>*>& groups,
                   const std::vector<std::string>& key, std::vector<Xapian::Query>& out) const {
    for (const std::vector<SynonymPhrase>* group : groups) {
      for (const SynonymPhrase& member : *group) {
        if (member.stems == key) continue;
        if (member.words.size() == 1) {
          out.emplace_back("Z" + member.stems[0]);
          out.emplace_back(std::string(kCompoundPrefix) + member.stems[0]);
        } else {
          out.emplace_back(Xapian::Query::OP_PHRASE, member.words.begin(), member.words.end());
        }
      }
    }
  }

  static Xapian::Query ExactFirst(const std::vector<Xapian::Query>& alternatives,
                                  const Xapian::Query& exact) {
    // AND_MAYBE, not OR: the exact word is one of the alternatives, so both match the same
    // documents, but with OR Xapian's match count was no longer exact (2 matches estimated as
    // 3 in a 4-document index, even with checkatleast covering every document).
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE,
        Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end()),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, kExactWordBonus));
  }

  const Xapian::QueryParser& parser_;
  const CompoundSplitter& splitter_;
  const SynonymTable& synonyms_;
  const Xapian::Database* db_;  // may be null
};

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

}  // namespace

Xapian::Query RewriteQuery(const Xapian::Query& parsed, const Xapian::QueryParser& parser,
                           const CompoundSplitter& splitter, const SynonymTable& synonyms,
                           const Xapian::Database* db) {
  if (parsed.empty()) return parsed;
  return Rewriter(parser, splitter, synonyms, db).Rewrite(parsed);
}

CompoundTerms::CompoundTerms(Xapian::Stem stemmer, const CompoundSplitter& splitter,
                             size_t max_words)
    : stemmer_(std::move(stemmer)),
      splitter_(splitter),
      max_words_(std::max<size_t>(1, max_words)) {}

const std::vector<std::string>& CompoundTerms::Of(const std::string& word) {
  // Fewer bytes than kMinCompoundChars means fewer characters too: the splitter would refuse
  // the word, and most words are that short, so they need no room here.
  if (word.size() < kMinCompoundChars) return none_;
  if (auto it = known_.find(word); it != known_.end()) return it->second;
  if (known_.size() >= max_words_) known_.clear();
  std::vector<std::string> terms;
  for (const std::string& part : splitter_.IndexParts(word)) {
    terms.push_back(std::string(kCompoundPrefix) + stemmer_(part));
  }
  return known_.emplace(word, std::move(terms)).first->second;
}

void AddCompoundTerms(Xapian::Document& doc, CompoundTerms& terms) {
  struct Posting {
    std::string term;
    std::vector<Xapian::termpos> positions;
  };
  // Collected first: adding terms while iterating the term list is not allowed.
  std::vector<Posting> postings;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string word = *it;
    if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;  // prefixed terms
    const std::vector<std::string>& parts = terms.Of(word);
    if (parts.empty()) continue;
    std::vector<Xapian::termpos> positions(it.positionlist_begin(), it.positionlist_end());
    for (const std::string& part : parts) postings.push_back(Posting{part, positions});
  }
  for (const Posting& posting : postings) {
    if (posting.positions.empty()) doc.add_term(posting.term);
    for (Xapian::termpos pos : posting.positions) doc.add_posting(posting.term, pos);
  }
}

std::string SpellingSuggestion(const Xapian::Database& db, std::string_view text,
                               const VisibleWord& visible) {
  auto known = [&](const std::string& word) {
    return visible ? visible(word) : db.term_exists(word);
  };
  const std::string prepared = PrepareQueryText(text);
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < prepared.size()) {
    if (!IsWordByte(prepared[i])) {
      out += prepared[i++];
      continue;
    }
    size_t end = i;
    while (end < prepared.size() && IsWordByte(prepared[end])) ++end;
    const std::string word = prepared.substr(i, end - i);
    const bool field_name = end < prepared.size() && prepared[end] == ':';
    const bool after_field = i > 0 && prepared[i - 1] == ':';  // topic:crm, a filter value
    std::string corrected;
    if (!field_name && !after_field && CharCount(word) >= kMinCorrectedChars &&
        word == PrepareQueryText(word) && !known(word)) {
      corrected = db.get_spelling_suggestion(word, kMaxEditDistance);
      if (!corrected.empty() && !known(corrected)) corrected.clear();
    }
    if (!corrected.empty() && corrected != word) {
      out += corrected;
      changed = true;
    } else {
      out += word;
    }
    i = end;
  }
  return changed ? out : std::string();
}

}  // namespace kring::search
