#include "render/WikiLink.h"

#include <optional>

#include "core/Text.h"

namespace kring {
namespace {

constexpr std::string_view kFilePrefix = "file:";

// The link written as `inner` (the text between "[[" and "]]"), or nullopt when it names no
// page or file and must stay literal.
std::optional<WikiLink> ParseInner(std::string_view inner) {
  if (inner.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  const size_t bar = inner.find('|');
  const std::string_view target_part = inner.substr(0, bar);
  WikiLink link;
  if (const std::string trimmed = Trim(target_part);
      trimmed.size() >= kFilePrefix.size() &&
      ToLower(std::string_view(trimmed).substr(0, kFilePrefix.size())) == kFilePrefix) {
    link.file = true;
    link.target = Trim(std::string_view(trimmed).substr(kFilePrefix.size()));
    if (link.target.empty()) return std::nullopt;
    if (bar != std::string_view::npos) link.label = Trim(inner.substr(bar + 1));
    if (link.label.empty()) link.label = link.target;
    return link;
  }
  const size_t hash = target_part.find('#');
  link.target = Trim(target_part.substr(0, hash));
  if (link.target.empty()) return std::nullopt;
  if (hash != std::string_view::npos) link.section = Trim(target_part.substr(hash + 1));
  if (bar != std::string_view::npos) link.label = Trim(inner.substr(bar + 1));
  if (link.label.empty()) link.label = Trim(target_part);
  return link;
}

WikiSegment Literal(std::string_view text) {
  return WikiSegment{.is_link = false, .literal = std::string(text), .link = {}};
}

}  // namespace

std::vector<WikiSegment> SplitWikiLinks(std::string_view text) {
  std::vector<WikiSegment> out;
  size_t literal_start = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("[[", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("]]", open + 2);
    if (close == std::string_view::npos) break;  // no later "[[" can close either
    // The last "[[" before the closer: text[close] is ']', so this lies in [open, close).
    // Scanning back only covers bytes consumed by this step, which keeps the whole split linear.
    const size_t inner_open = text.rfind("[[", close);
    pos = close + 2;
    auto link = ParseInner(text.substr(inner_open + 2, close - inner_open - 2));
    if (!link) continue;
    if (inner_open > literal_start) {
      out.push_back(Literal(text.substr(literal_start, inner_open - literal_start)));
    }
    out.push_back(WikiSegment{.is_link = true, .literal = {}, .link = std::move(*link)});
    literal_start = pos;
  }
  if (literal_start < text.size()) {
    out.push_back(Literal(text.substr(literal_start)));
  }
  return out;
}

}  // namespace kring
