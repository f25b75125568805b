// WordDiff: a word-level comparison of two texts (two revisions' Markdown, a conflicting edit
// and the text saved meanwhile), computed with dtl (Debian's libdtl-dev: the O(NP) algorithm
// of Wu, Manber and Myers). Pure functions: thread-safe, nothing kept between calls.
//
// Words. A text is cut into tokens: runs of letters and digits (every byte of a multibyte
// UTF-8 character counts as a letter, so "één" or "café" stay one word and no character is
// ever split), runs of whitespace, and each other ASCII character on its own (Markdown syntax
// such as "*", "[" or "|" is compared apart from the words it surrounds).
//
// Result. Concatenating the kSame and kRemoved segments gives `before` back; the kSame and
// kAdded ones give `after`. Each change is written as its removed text first, then its added
// text, and whitespace between two replacements is part of the change, so replacing "a b c" by
// "x y z" reads as one removed "a b c" and one added "x y z" rather than three pairs.
//
// Cost. dtl takes O((m+n)·D) time and memory for m and n tokens that differ in D places, so
// unrelated texts of the 256 KB page cap would take seconds. Common leading and trailing tokens
// are set aside first; what remains is compared word by word only when an upper bound of that
// work is small. Otherwise the lines are compared first (with the same bound) and each changed
// group of lines word by word; what is still too large is shown removed and added whole. So
// every comparison ends in bounded time (tens of milliseconds) and memory (~10 MB), exact for
// the usual edits and coarser only for rewrites of long pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kring {

enum class DiffOp { kSame, kRemoved, kAdded };

struct DiffSegment {
  DiffOp op = DiffOp::kSame;
  std::string text;  // never empty; never two neighbours with the same op

  bool operator==(const DiffSegment& other) const = default;
};

// The tokens of `text` as described above; their concatenation is `text`.
std::vector<std::string> DiffTokens(std::string_view text);

// The word-level differences from `before` to `after`. Both texts are expected to be UTF-8
// (invalid bytes are compared as they are). Empty when both texts are empty.
std::vector<DiffSegment> WordDiff(std::string_view before, std::string_view after);

}  // namespace kring
