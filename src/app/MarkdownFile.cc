#include "app/MarkdownFile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/Text.h"

namespace kring {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// ---- Front matter ----

std::string ScalarField(const YAML::Node& map, const char* key) {
  const YAML::Node node = map[key];
  return node && node.IsScalar() ? Trim(node.Scalar()) : std::string();
}

void AppendTopics(const YAML::Node& node, std::vector<std::string>& out) {
  auto add = [&](std::string_view s) {
    if (std::string t = Trim(s); !t.empty()) out.push_back(std::move(t));
  };
  if (!node) return;
  if (node.IsScalar()) {
    // "tags: a, b" is a common shorthand for a list.
    const std::string_view list = node.Scalar();
    for (size_t start = 0; start <= list.size();) {
      const size_t comma = std::min(list.find(',', start), list.size());
      add(list.substr(start, comma - start));
      start = comma + 1;
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (item.IsScalar()) add(item.Scalar());
    }
  }
}

// yaml-cpp's messages name the byte it stopped at, which may be one byte of a multi-byte
// character ("unknown escape character: \xEF"): such a message keeps its ASCII and shows the
// other bytes as \xNN, so the error stays valid UTF-8 wherever it is shown or written.
std::string Utf8Message(std::string_view message) {
  if (IsValidUtf8(message)) return std::string(message);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return out;
}

void ParseYaml(const std::string& block, FrontMatter& front) {
  try {
    const YAML::Node root = YAML::Load(block);
    if (root.IsNull()) return;  // an empty block
    if (!root.IsMap()) {
      front.error = "the front matter is not a YAML mapping";
      return;
    }
    front.title = ScalarField(root, "title");
    front.date = ScalarField(root, "date");
    front.kind = ScalarField(root, "kind");
    front.author = ScalarField(root, "author");
    for (const char* key : {"organisation", "organisatie", "org"}) {
      if (front.organisation.empty()) front.organisation = ScalarField(root, key);
    }
    for (const char* key : {"place", "plaats", "locatie"}) {
      if (front.place.empty()) front.place = ScalarField(root, key);
    }
    for (const char* key : {"visibility", "zichtbaarheid"}) {
      if (front.visibility.empty()) front.visibility = ScalarField(root, key);
    }
    for (const char* key : {"topics", "tags", "categories"}) AppendTopics(root[key], front.topics);
    for (const char* key : {"applications", "toepassingen", "apps"}) {
      AppendTopics(root[key], front.applications);
    }
  } catch (const YAML::Exception& e) {
    // Reported as a warning by the caller; the file still imports without front matter.
    front = FrontMatter{};
    front.present = true;
    front.error = "the front matter is not valid YAML: " + Utf8Message(e.what());
  }
}

// ---- Markdown scanning ----

struct Fence {
  char ch = 0;  // '`' or '~'; 0: not a fence
  size_t length = 0;
};

// The fence a line opens or closes. Any indentation and block quote markers are allowed, so that
// fences indented inside list items and fences in quotes count too.
Fence FenceOf(std::string_view line, bool opening) {
  size_t i = line.find_first_not_of(" \t>");
  if (i == npos || (line[i] != '`' && line[i] != '~')) return {};
  const size_t end = std::min(line.find_first_not_of(line[i], i), line.size());
  if (end - i < 3) return {};
  std::string_view rest = line.substr(end);
  if (opening ? (line[i] == '`' && rest.find('`') != npos) : !Trim(rest).empty()) return {};
  return {line[i], end - i};
}

// Calls fn(line, in_code) for every line of `md`, the line including its '\n'.
template <typename Fn>
void ForEachLine(std::string_view md, Fn&& fn) {
  Fence open;
  for (size_t start = 0; start < md.size();) {
    const size_t end = std::min(md.find('\n', start), md.size() - 1) + 1;
    std::string_view line = md.substr(start, end - start);
    if (open.ch != 0) {
      fn(line, true);
      Fence close = FenceOf(line, false);
      if (close.ch == open.ch && close.length >= open.length) open = {};
    } else if (Fence f = FenceOf(line, true); f.ch != 0) {
      open = f;
      fn(line, true);
    } else {
      fn(line, false);
    }
    start = end;
  }
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) ++i;
    out += s[i];
  }
  return out;
}

// Rewrites link destinations in a run of Markdown that holds no fenced code.
class InlineScanner {
 public:
  InlineScanner(std::string_view s, const LinkRewriter& rewrite) : s_(s), rewrite_(rewrite) {
    MatchBrackets();
  }

  std::string Run() {
    size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if ((i == 0 || s_[i - 1] == '\n') && ReferenceDefinition(i)) continue;
      if (c == '\\' && i + 1 < s_.size()) {
        out_.append(s_.substr(i, 2));
        i += 2;
      } else if (c == '`') {
        const size_t end = CodeSpanEnd(i);
        const size_t to = end != npos ? end : i + RunLength(i);
        out_.append(s_.substr(i, to - i));
        i = to;
      } else if (c == '[' || (c == '!' && i + 1 < s_.size() && s_[i + 1] == '[')) {
        i = Link(i, c == '!');
      } else {
        out_ += c;
        ++i;
      }
    }
    return std::move(out_);
  }

 private:
  // Destinations and titles longer than this are not looked at (nor rewritten): no link to a
  // Markdown file is that long, and the bound keeps the scan near-linear on hostile input
  // ("[](" repeated, each opening a destination that runs to the end of the text).
  static constexpr size_t kMaxDestination = 1024;
  static constexpr size_t kMaxTitle = 1024;

  size_t RunLength(size_t i) const {
    return std::min(s_.find_first_not_of(s_[i], i), s_.size()) - i;
  }

  bool BlankLineAfter(size_t newline) const {
    const size_t next = s_.find_first_not_of(" \t", newline + 1);
    return next == npos || s_[next] == '\n';
  }

  // Past the backtick run closing the code span opened at i; npos when there is none before the
  // paragraph ends (the backticks are then literal). Remembered, because every '[' before an
  // unclosed run would otherwise scan the rest of the paragraph again.
  size_t CodeSpanEnd(size_t i) {
    if (auto known = code_span_ends_.find(i); known != code_span_ends_.end()) return known->second;
    const size_t length = RunLength(i);
    size_t found = npos;
    for (size_t j = i + length; j < s_.size();) {
      if (s_[j] == '`') {
        const size_t m = RunLength(j);
        if (m == length) {
          found = j + m;
          break;
        }
        j += m;
      } else if (s_[j] == '\n' && BlankLineAfter(j)) {
        break;
      } else {
        ++j;
      }
    }
    code_span_ends_.emplace(i, found);
    return found;
  }

  // Pairs every '[' with its ']' in one pass (nested brackets balanced, escapes and code spans
  // skipped, a blank line closing everything), so that finding a label costs nothing per '['.
  void MatchBrackets() {
    std::vector<size_t> open;
    for (size_t j = 0; j < s_.size(); ++j) {
      const char c = s_[j];
      if (c == '\\') {
        ++j;
      } else if (c == '`') {
        const size_t end = CodeSpanEnd(j);
        j = (end != npos ? end : j + RunLength(j)) - 1;
      } else if (c == '[') {
        open.push_back(j);
      } else if (c == ']' && !open.empty()) {
        label_ends_.emplace(open.back(), j);
        open.pop_back();
      } else if (c == '\n' && BlankLineAfter(j)) {
        open.clear();
      }
    }
  }

  // The ']' matching the '[' at i, or npos.
  size_t LabelEnd(size_t i) const {
    auto end = label_ends_.find(i);
    return end != label_ends_.end() ? end->second : npos;
  }

  // Skips spaces and tabs and at most one line ending.
  size_t SkipSpace(size_t i) const {
    bool newline = false;
    while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t' || (s_[i] == '\n' && !newline))) {
      newline = newline || s_[i] == '\n';
      ++i;
    }
    return i;
  }

  // A destination starting at i: `<...>` or a run without spaces and with balanced parentheses.
  // Returns its end, or npos.
  size_t DestinationEnd(size_t i) const {
    if (i < s_.size() && s_[i] == '<') {
      for (size_t j = i + 1;
           j < s_.size() && j - i < kMaxDestination && s_[j] != '\n' && s_[j] != '<'; ++j) {
        if (s_[j] == '\\') {
          ++j;
        } else if (s_[j] == '>') {
          return j + 1;
        }
      }
      return npos;
    }
    int depth = 0;
    size_t j = i;
    for (; j < s_.size() && !IsSpace(s_[j]) && !std::iscntrl(static_cast<unsigned char>(s_[j]));
         ++j) {
      if (j - i >= kMaxDestination) return npos;
      if (s_[j] == '\\' && j + 1 < s_.size() &&
          std::ispunct(static_cast<unsigned char>(s_[j + 1]))) {
        ++j;
      } else if (s_[j] == '(') {
        ++depth;
      } else if (s_[j] == ')') {
        if (depth == 0) break;
        --depth;
      }
    }
    return depth == 0 ? j : npos;
  }

  void AppendDestination(size_t begin, size_t end) {
    std::string_view raw = s_.substr(begin, end - begin);
    const bool angle = !raw.empty() && raw[0] == '<';
    std::optional<std::string> to = rewrite_(Unescape(angle ? raw.substr(1, raw.size() - 2) : raw));
    if (!to || to->find_first_of("<>\n") != npos) {
      out_.append(raw);
    } else if (to->find_first_of(" \t()") != npos || to->empty()) {
      out_.append("<").append(*to).append(">");
    } else {
      out_.append(*to);
    }
  }

  // `[label](dest "title")` or `![alt](src)` at i; returns where scanning goes on.
  size_t Link(size_t i, bool image) {
    const size_t open = image ? i + 1 : i;
    const size_t close = LabelEnd(open);
    if (close != npos && close + 1 < s_.size() && s_[close + 1] == '(') {
      const size_t begin = SkipSpace(close + 2);
      const size_t end = DestinationEnd(begin);
      size_t k = end != npos ? SkipSpace(end) : npos;
      if (k != npos && k > end && k < s_.size() && std::string_view("\"'(").find(s_[k]) != npos) {
        const char quote = s_[k] == '(' ? ')' : s_[k];
        size_t t = k + 1;
        while (t < s_.size() && t - k < kMaxTitle && s_[t] != quote) t += s_[t] == '\\' ? 2 : 1;
        k = t < s_.size() && s_[t] == quote ? SkipSpace(t + 1) : npos;
      }
      if (k != npos && k < s_.size() && s_[k] == ')') {
        // Images keep their source: an image of a .md file is not a page link.
        out_.append(s_.substr(i, (image ? end : begin) - i));
        if (!image) AppendDestination(begin, end);
        out_.append(s_.substr(end, k + 1 - end));
        return k + 1;
      }
    }
    out_.append(s_.substr(i, open + 1 - i));
    return open + 1;  // not a link: its text may still hold links
  }

  // `[label]: dest` at a line start (footnotes `[^n]: text` excluded). Consumes up to the
  // destination's end and returns true when found.
  bool ReferenceDefinition(size_t& i) {
    const size_t open = s_.find_first_not_of(' ', i);
    if (open == npos || open - i > 3 || s_[open] != '[' || open + 1 >= s_.size() ||
        s_[open + 1] == '^') {
      return false;
    }
    const size_t close = LabelEnd(open);
    if (close == npos || close + 1 >= s_.size() || s_[close + 1] != ':') return false;
    const size_t begin = SkipSpace(close + 2);
    const size_t end = DestinationEnd(begin);
    if (end == npos || end == begin) return false;
    out_.append(s_.substr(i, begin - i));
    AppendDestination(begin, end);
    i = end;
    return true;
  }

  std::string_view s_;
  const LinkRewriter& rewrite_;
  std::string out_;
  std::unordered_map<size_t, size_t> code_span_ends_;  // backtick run start → CodeSpanEnd
  std::unordered_map<size_t, size_t> label_ends_;      // '[' → its ']'
};

}  // namespace

MarkdownFile ParseMarkdownFile(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      normalized += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      normalized += '\n';  // a lone CR (old Mac line ending)
    }
  }

  MarkdownFile file;
  const std::string_view all = normalized;
  const size_t first_end = std::min(all.find('\n'), all.size());
  if (all.starts_with("---") && Trim(all.substr(0, first_end)) == "---") {
    for (size_t start = first_end + 1; start < all.size();) {
      const size_t end = std::min(all.find('\n', start), all.size());
      const std::string line = Trim(all.substr(start, end - start));
      if (line == "---" || line == "...") {
        file.front.present = true;
        ParseYaml(normalized.substr(first_end + 1, start - first_end - 1), file.front);
        file.body = normalized.substr(std::min(end + 1, normalized.size()));
        return file;
      }
      start = end + 1;
    }
  }
  file.body = std::move(normalized);  // no block, or never closed: a thematic break after all
  return file;
}

std::string FirstHeading(std::string_view markdown) {
  std::string found;
  bool done = false;
  ForEachLine(markdown, [&](std::string_view line, bool in_code) {
    if (done || in_code) return;
    const size_t hash = line.find_first_not_of(' ');
    if (hash == npos || hash > 3 || line[hash] != '#') return;
    if (hash + 1 < line.size() && !IsSpace(line[hash + 1])) return;  // "##", "#tag"
    std::string text = Trim(line.substr(hash + 1));
    // A closing run of '#'s after a space is not part of the heading.
    const size_t last = text.find_last_not_of('#');
    if (last == npos)
      text.clear();
    else if (last + 1 < text.size() && text[last] == ' ')
      text = Trim(text.substr(0, last));
    found = std::move(text);
    done = true;
  });
  return found;
}

std::string RewriteLinks(std::string_view markdown, const LinkRewriter& rewrite) {
  std::string out;
  std::string_view text = markdown;
  size_t chunk_start = 0;
  size_t pos = 0;
  // Runs of lines outside fences are scanned as one text, so links and code spans may span lines.
  auto flush = [&](size_t end) {
    out += InlineScanner(text.substr(chunk_start, end - chunk_start), rewrite).Run();
  };
  ForEachLine(markdown, [&](std::string_view line, bool in_code) {
    if (in_code) {
      flush(pos);
      out.append(line);
      chunk_start = pos + line.size();
    }
    pos += line.size();
  });
  flush(pos);
  return out;
}

}  // namespace kring
