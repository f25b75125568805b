// SynonymService: admins edit the query-time synonym table. A saved table is checked, stored as
// a new version (SynonymStore) and put in use at once; at start the newest stored version
// replaces the table embedded in the binary. Undoing a change is saving an older version again.
//
// The table's format and its use belong to search/ (SynonymEngine, implemented there); this
// class owns the rules: what may be saved, and which table is in use. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "core/SynonymStore.h"

namespace kring {

// Why a table cannot be saved, and where.
struct SynonymsProblem {
  enum class Kind {
    kTooLarge,     // more than SynonymService::kMaxBytes
    kInvalidUtf8,  // not UTF-8 text, or control characters other than tab and line ends
    kOneMember,    // a line with a single member: a group needs two or more
    kEmptyMember,  // a member without any letter or digit ("a,,b", "a, b,")
  };
  Kind kind = Kind::kInvalidUtf8;
  int line = 0;  // 1-based; 0 for the whole text
};

// "too_large", "invalid_utf8", "one_member", "empty_member": for messages and the JSON API.
std::string_view ProblemName(SynonymsProblem::Kind kind);

// The table format and the table in use, as search/ has them.
class SynonymEngine {
 public:
  virtual ~SynonymEngine() = default;
  // The table embedded in the binary (index/synonyms.txt).
  virtual std::string EmbeddedText() const = 0;
  // The first line that the format does not accept (kOneMember or kEmptyMember); nullopt when
  // every line is a comment, blank or a group.
  virtual std::optional<SynonymsProblem> FindBadLine(std::string_view text) const = 0;
  // Puts the table of `text` in use for the next query.
  virtual void Use(std::string_view text) = 0;
};

class SynonymService {
 public:
  static constexpr size_t kMaxBytes = 256 * 1024;
  static constexpr int kHistoryLength = 20;

  // The table in use and where it comes from.
  struct Table {
    std::string text;
    std::optional<SynonymsVersion> version;  // nullopt: the embedded table
  };

  // `store` and `engine` must outlive the service.
  SynonymService(SynonymStore& store, SynonymEngine& engine) : store_(store), engine_(engine) {}

  // Puts the newest stored version in use, or the embedded table when there is none.
  // Errors: the store's (the embedded table is then in use).
  Status UseStoredTable();

  // The table in use. Errors: the store's.
  Result<Table> Current();
  // The newest versions, newest first, without their text.
  Result<std::vector<SynonymsVersion>> History();
  // A stored version; kNotFound when there is none.
  Result<SynonymsVersion> Version(int64_t id);
  std::string EmbeddedText() const { return engine_.EmbeddedText(); }

  // Why `text` cannot be saved; nullopt when it can.
  std::optional<SynonymsProblem> Check(std::string_view text) const;
  // Checks `text` (kInvalidInput, or kTooLarge, when Check finds a problem), stores it as the
  // newest version by `author`, and puts it in use. Line ends are stored as "\n".
  Result<SynonymsVersion> Save(std::string_view text, const std::string& author);

 private:
  SynonymStore& store_;
  SynonymEngine& engine_;
  // Held while a table is stored and put in use, so that the newest version is the one in use.
  std::mutex save_mutex_;
};

}  // namespace kring
