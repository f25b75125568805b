// SynonymStore: where the synonym table lives once an admin edited it (SQLite in storage/).
// Every saved table is kept as a version with who saved it and when, so that a change can be
// seen and undone; the newest version is the table in use. While no version exists the table
// embedded in the binary (index/synonyms.txt) is in use.
//
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kring {

struct SynonymsVersion {
  int64_t id = 0;
  std::string text;        // the file format of index/synonyms.txt
  std::string author;      // login name, "anonymous" before sign-in existed
  std::string created_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
};

class SynonymStore {
 public:
  virtual ~SynonymStore() = default;

  // The newest version; nullopt when the table was never edited.
  virtual Result<std::optional<SynonymsVersion>> CurrentSynonyms() = 0;
  // Stores `text` as the newest version (id and created_at are set by the store).
  virtual Result<SynonymsVersion> SaveSynonyms(const std::string& text,
                                               const std::string& author) = 0;
  // One version by id; kNotFound when there is none.
  virtual Result<SynonymsVersion> SynonymsVersionById(int64_t id) = 0;
  // The newest `limit` versions, newest first, without their text (text is empty).
  virtual Result<std::vector<SynonymsVersion>> SynonymsHistory(int limit) = 0;
};

}  // namespace kring
