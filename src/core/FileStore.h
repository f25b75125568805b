// FileStore: uploaded files, their content (content-addressed, stored once per distinct
// content) and their extracted text (storage/). Thread-safe like PageStore.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/File.h"
#include "core/Page.h"
#include "core/Result.h"

namespace kring {

class FileStore {
 public:
  virtual ~FileStore() = default;

  // Writes the content (to a temporary file, fsynced, renamed to its sha256 address, the
  // folder fsynced; skipped when that content is already stored), then commits the file row
  // in state kPending. Uploading the same name with the same content to the same page again
  // answers the existing file. Errors: kNotFound when the page does not exist; kUnavailable
  // when the disk fails (nothing is committed then).
  virtual Result<StoredFile> PutFile(const NewFile& file) = 0;

  // The file with its sections; kNotFound when absent.
  virtual Result<StoredFile> GetFile(int64_t id) = 0;

  // The path of the file's content on disk (for reading ranges and for the extractor).
  virtual std::string ContentPath(const StoredFile& file) = 0;

  // Files attached to a page, oldest first, without sections.
  virtual std::vector<StoredFile> FilesOfPage(std::string_view page_slug) = 0;

  // The newest file called `name` (case-insensitive), for [[file:name]] links; nullopt if none.
  virtual std::optional<StoredFile> FindFileByName(std::string_view name) = 0;

  // How many files are stored on pages outside the trash (for /metrics); 0 when the database
  // does not answer.
  virtual int64_t FileCount() = 0;

  // Ids of files whose text is not extracted yet, oldest first (after a crash too).
  virtual std::vector<int64_t> PendingExtractions(int limit) = 0;

  // Stores what extraction found (state, error, title, sections) and enqueues the file for
  // indexing, in one transaction. kNotFound when the file is gone.
  virtual Status SaveExtraction(int64_t id, const Extraction& extraction) = 0;

  // Pages whose current revision links to the file that `audience` may read, ordered by title.
  virtual std::vector<PageSummary> PagesLinkingFile(int64_t id, Audience audience) = 0;
};

}  // namespace kring
