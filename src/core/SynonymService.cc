#include "core/SynonymService.h"

#include "core/Text.h"

namespace kring {
namespace {

// Control characters other than tab and line ends have no place in the table.
bool HasControlCharacters(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return true;
  }
  return false;
}

std::string WithUnixLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string_view ProblemName(SynonymsProblem::Kind kind) {
  switch (kind) {
    case SynonymsProblem::Kind::kTooLarge:
      return "too_large";
    case SynonymsProblem::Kind::kInvalidUtf8:
      return "invalid_utf8";
    case SynonymsProblem::Kind::kOneMember:
      return "one_member";
    case SynonymsProblem::Kind::kEmptyMember:
      return "empty_member";
  }
  return "invalid_utf8";
}

Status SynonymService::UseStoredTable() {
  std::lock_guard lock(save_mutex_);
  Result<std::optional<SynonymsVersion>> stored = store_.CurrentSynonyms();
  if (!stored.ok() || !stored.value()) {
    engine_.Use(engine_.EmbeddedText());
    if (!stored.ok()) return stored.error();
    return Ok();
  }
  engine_.Use(stored.value()->text);
  return Ok();
}

Result<SynonymService::Table> SynonymService::Current() {
  Result<std::optional<SynonymsVersion>> stored = store_.CurrentSynonyms();
  if (!stored.ok()) return stored.error();
  if (!stored.value()) return Table{engine_.EmbeddedText(), std::nullopt};
  return Table{stored.value()->text, stored.value()};
}

Result<std::vector<SynonymsVersion>> SynonymService::History() {
  return store_.SynonymsHistory(kHistoryLength);
}

Result<SynonymsVersion> SynonymService::Version(int64_t id) {
  return store_.SynonymsVersionById(id);
}

std::optional<SynonymsProblem> SynonymService::Check(std::string_view text) const {
  using Kind = SynonymsProblem::Kind;
  if (text.size() > kMaxBytes) return SynonymsProblem{Kind::kTooLarge, 0};
  if (!IsValidUtf8(text) || HasControlCharacters(text)) {
    return SynonymsProblem{Kind::kInvalidUtf8, 0};
  }
  return engine_.FindBadLine(WithUnixLineEnds(text));
}

Result<SynonymsVersion> SynonymService::Save(std::string_view text, const std::string& author) {
  if (std::optional<SynonymsProblem> problem = Check(text)) {
    const bool too_large = problem->kind == SynonymsProblem::Kind::kTooLarge;
    std::string where = problem->line > 0 ? " on line " + std::to_string(problem->line) : "";
    return Error{too_large ? ErrorCode::kTooLarge : ErrorCode::kInvalidInput,
                 "synonyms: " + std::string(ProblemName(problem->kind)) + where};
  }
  const std::string stored = WithUnixLineEnds(text);
  std::lock_guard lock(save_mutex_);
  Result<SynonymsVersion> saved = store_.SaveSynonyms(stored, author);
  if (!saved.ok()) return saved.error();
  engine_.Use(stored);
  return saved;
}

}  // namespace kring
