// The word diff (see WordDiff.h): tokens, interned as numbers, compared by dtl.
#include "render/WordDiff.h"

#include <algorithm>
#include <cstdint>
#include <dtl/dtl.hpp>
#include <unordered_map>

namespace kring {
namespace {

// How much dtl may do on one comparison. Its time is O((m+n)·P) and it records O(P·(P+|m-n|))
// path points of 24 bytes, where P = (D - |m-n|) / 2 for m and n elements with edit distance D.
// At these limits a comparison takes some tens of milliseconds and ~10 MB.
constexpr int64_t kMaxTime = 4'000'000;
constexpr int64_t kMaxPathPoints = 400'000;

// Whether dtl may compare a and b within those limits, judged on an upper bound of P. D is
// m + n - 2·LCS, and a common subsequence bounds the LCS from below: the elements occurring
// exactly once in each sequence, paired, and their longest chain that is in order in both
// (patience sorting). Texts with a few edits have long chains, so their bound is small;
// unrelated texts have none, so their bound is min(m, n).
bool Affordable(const std::vector<int>& a, const std::vector<int>& b) {
  struct Seen {
    int in_a = 0;
    int in_b = 0;
    size_t position_b = 0;
  };
  std::unordered_map<int, Seen> seen;
  for (int id : a) ++seen[id].in_a;
  for (size_t j = 0; j < b.size(); ++j) {
    Seen& entry = seen[b[j]];
    ++entry.in_b;
    entry.position_b = j;
  }
  std::vector<size_t> tails;  // tails[k]: the smallest end in b of an in-order chain of k + 1
  for (int id : a) {
    const Seen& entry = seen[id];
    if (entry.in_a != 1 || entry.in_b != 1) continue;
    auto at = std::lower_bound(tails.begin(), tails.end(), entry.position_b);
    if (at == tails.end()) {
      tails.push_back(entry.position_b);
    } else {
      *at = entry.position_b;
    }
  }
  const auto m = static_cast<int64_t>(a.size());
  const auto n = static_cast<int64_t>(b.size());
  const int64_t delta = m > n ? m - n : n - m;
  const int64_t p = (m + n - 2 * static_cast<int64_t>(tails.size()) - delta) / 2;
  return (m + n) * (p + 1) <= kMaxTime && (p + 1) * (p + 1 + delta) <= kMaxPathPoints;
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAllSpace(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return IsSpace(c); });
}

std::vector<std::string_view> Tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t end = i + 1;
    if (IsSpace(c)) {
      while (end < text.size() && IsSpace(static_cast<unsigned char>(text[end]))) ++end;
    } else if (IsWordByte(c)) {
      while (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end]))) ++end;
    }
    tokens.push_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

struct Edit {
  DiffOp op;
  std::string_view text;
};

// Lines of a token range: [first, last) token indexes, ending after a whitespace token that
// holds a line break.
struct Line {
  size_t first = 0;
  size_t last = 0;
};

class Differ {
 public:
  Differ(std::string_view before, std::string_view after)
      : a_(Tokenize(before)), b_(Tokenize(after)), a_ids_(Ids(a_)), b_ids_(Ids(b_)) {}

  std::vector<Edit> Run() {
    Compare(0, a_.size(), 0, b_.size(), true);
    return std::move(edits_);
  }

 private:
  int Id(std::string_view text) {
    return ids_.emplace(text, static_cast<int>(ids_.size())).first->second;
  }

  std::vector<int> Ids(const std::vector<std::string_view>& tokens) {
    std::vector<int> ids;
    ids.reserve(tokens.size());
    for (std::string_view token : tokens) ids.push_back(Id(token));
    return ids;
  }

  void Emit(DiffOp op, const std::vector<std::string_view>& tokens, size_t first, size_t last) {
    for (size_t i = first; i < last; ++i) edits_.push_back(Edit{op, tokens[i]});
  }

  // Compares a_[a0, a1) with b_[b0, b1); `by_lines`: may compare lines first when too large.
  void Compare(size_t a0, size_t a1, size_t b0, size_t b1, bool by_lines) {
    size_t prefix = 0;
    while (a0 + prefix < a1 && b0 + prefix < b1 && a_ids_[a0 + prefix] == b_ids_[b0 + prefix]) {
      ++prefix;
    }
    Emit(DiffOp::kSame, a_, a0, a0 + prefix);
    a0 += prefix;
    b0 += prefix;
    size_t suffix = 0;
    while (a0 < a1 - suffix && b0 < b1 - suffix &&
           a_ids_[a1 - suffix - 1] == b_ids_[b1 - suffix - 1]) {
      ++suffix;
    }
    const size_t a_end = a1 - suffix;
    const size_t b_end = b1 - suffix;
    if (a0 == a_end || b0 == b_end) {
      Emit(DiffOp::kRemoved, a_, a0, a_end);
      Emit(DiffOp::kAdded, b_, b0, b_end);
    } else {
      std::vector<int> a(a_ids_.begin() + a0, a_ids_.begin() + a_end);
      std::vector<int> b(b_ids_.begin() + b0, b_ids_.begin() + b_end);
      if (Affordable(a, b)) {
        CompareTokens(a, a0, b, b0);
      } else if (!by_lines || !CompareLines(a0, a_end, b0, b_end)) {
        Emit(DiffOp::kRemoved, a_, a0, a_end);
        Emit(DiffOp::kAdded, b_, b0, b_end);
      }
    }
    Emit(DiffOp::kSame, a_, a_end, a1);
  }

  // Compares the ids `a` of a_ from a0 with the ids `b` of b_ from b0, both not empty.
  void CompareTokens(const std::vector<int>& a, size_t a0, const std::vector<int>& b, size_t b0) {
    dtl::Diff<int, std::vector<int>> diff(a, b);
    diff.compose();
    size_t i = a0;
    size_t j = b0;
    for (const auto& step : diff.getSes().getSequence()) {
      const dtl::edit_t type = step.second.type;
      if (type == dtl::SES_DELETE) {
        edits_.push_back(Edit{DiffOp::kRemoved, a_[i++]});
      } else if (type == dtl::SES_ADD) {
        edits_.push_back(Edit{DiffOp::kAdded, b_[j++]});
      } else {
        edits_.push_back(Edit{DiffOp::kSame, a_[i++]});
        ++j;
      }
    }
  }

  std::vector<Line> Lines(const std::vector<std::string_view>& tokens, size_t first, size_t last) {
    std::vector<Line> lines;
    size_t start = first;
    for (size_t i = first; i < last; ++i) {
      if (tokens[i].find('\n') != std::string_view::npos || i + 1 == last) {
        lines.push_back(Line{start, i + 1});
        start = i + 1;
      }
    }
    return lines;
  }

  std::vector<int> LineIds(const std::vector<std::string_view>& tokens,
                           const std::vector<Line>& lines) {
    std::vector<int> ids;
    ids.reserve(lines.size());
    for (const Line& line : lines) {
      // Tokens of one text are contiguous: a line is the view from its first to its last.
      const char* begin = tokens[line.first].data();
      const char* end = tokens[line.last - 1].data() + tokens[line.last - 1].size();
      ids.push_back(Id(std::string_view(begin, static_cast<size_t>(end - begin))));
    }
    return ids;
  }

  // Compares lines, then each changed group of lines word by word; false when there are too
  // many lines too (nothing emitted then).
  bool CompareLines(size_t a0, size_t a1, size_t b0, size_t b1) {
    const std::vector<Line> a_lines = Lines(a_, a0, a1);
    const std::vector<Line> b_lines = Lines(b_, b0, b1);
    const std::vector<int> a = LineIds(a_, a_lines);
    const std::vector<int> b = LineIds(b_, b_lines);
    if (!Affordable(a, b)) return false;
    dtl::Diff<int, std::vector<int>> diff(a, b);
    diff.compose();
    size_t i = 0;        // next line of a_lines
    size_t j = 0;        // next line of b_lines
    size_t a_from = a0;  // where the changed group of lines being walked starts
    size_t b_from = b0;
    size_t a_to = a0;  // and where it ends so far
    size_t b_to = b0;
    auto compare_group = [&] {
      if (a_from != a_to || b_from != b_to) Compare(a_from, a_to, b_from, b_to, false);
    };
    for (const auto& step : diff.getSes().getSequence()) {
      const dtl::edit_t type = step.second.type;
      if (type == dtl::SES_DELETE) {
        a_to = a_lines[i++].last;
      } else if (type == dtl::SES_ADD) {
        b_to = b_lines[j++].last;
      } else {
        compare_group();
        Emit(DiffOp::kSame, a_, a_lines[i].first, a_lines[i].last);
        a_from = a_to = a_lines[i++].last;
        b_from = b_to = b_lines[j++].last;
      }
    }
    compare_group();
    return true;
  }

  std::vector<std::string_view> a_;
  std::vector<std::string_view> b_;
  std::unordered_map<std::string_view, int> ids_;  // equal texts, equal numbers
  std::vector<int> a_ids_;
  std::vector<int> b_ids_;
  std::vector<Edit> edits_;
};

// Joins edits into segments, a change's removed text before its added text.
class SegmentWriter {
 public:
  void Same(std::string_view text, bool between_replacements) {
    if (between_replacements) {
      removed_ += text;
      added_ += text;
      return;
    }
    Flush();
    Push(DiffOp::kSame, text);
  }
  void Removed(std::string_view text) { removed_ += text; }
  void Added(std::string_view text) { added_ += text; }
  bool InReplacement() const { return !removed_.empty() && !added_.empty(); }

  std::vector<DiffSegment> Finish() {
    Flush();
    return std::move(segments_);
  }

 private:
  void Flush() {
    Push(DiffOp::kRemoved, removed_);
    Push(DiffOp::kAdded, added_);
    removed_.clear();
    added_.clear();
  }
  void Push(DiffOp op, std::string_view text) {
    if (text.empty()) return;
    if (!segments_.empty() && segments_.back().op == op) {
      segments_.back().text += text;
    } else {
      segments_.push_back(DiffSegment{op, std::string(text)});
    }
  }

  std::string removed_;
  std::string added_;
  std::vector<DiffSegment> segments_;
};

}  // namespace

std::vector<std::string> DiffTokens(std::string_view text) {
  std::vector<std::string> tokens;
  for (std::string_view token : Tokenize(text)) tokens.emplace_back(token);
  return tokens;
}

std::vector<DiffSegment> WordDiff(std::string_view before, std::string_view after) {
  const std::vector<Edit> edits = Differ(before, after).Run();
  SegmentWriter writer;
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == DiffOp::kRemoved) {
      writer.Removed(edits[i++].text);
    } else if (edits[i].op == DiffOp::kAdded) {
      writer.Added(edits[i++].text);
    } else {
      // A run of unchanged tokens, which are contiguous in `before`.
      const size_t first = i;
      while (i < edits.size() && edits[i].op == DiffOp::kSame) ++i;
      const char* begin = edits[first].text.data();
      const char* end = edits[i - 1].text.data() + edits[i - 1].text.size();
      const std::string_view run(begin, static_cast<size_t>(end - begin));
      // Whitespace between two replacements joins them into one.
      bool next_is_replacement = false;
      if (writer.InReplacement() && IsAllSpace(run)) {
        bool removes = false;
        bool adds = false;
        for (size_t k = i; k < edits.size() && edits[k].op != DiffOp::kSame; ++k) {
          removes = removes || edits[k].op == DiffOp::kRemoved;
          adds = adds || edits[k].op == DiffOp::kAdded;
        }
        next_is_replacement = removes && adds;
      }
      writer.Same(run, next_is_replacement);
    }
  }
  return writer.Finish();
}

}  // namespace kring
