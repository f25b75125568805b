// FileService: the use cases around files: upload (checked, typed from its content, stored
// once), and a presentation page made straight from a deck. Knows no library.
// Thread-safe when its stores and analyzer are.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/File.h"
#include "core/FileAnalyzer.h"
#include "core/FileStore.h"
#include "core/PageService.h"
#include "core/Result.h"

namespace kring {

struct FileLimits {
  size_t max_file_bytes = 50 * 1024 * 1024;
  size_t max_name_bytes = 200;
};

// The name without folders, control characters or leading dots, trimmed; "" when nothing is
// left. ("../../etc/passwd" → "passwd", "C:\\slides\\deck.pptx" → "deck.pptx").
std::string SanitizeFileName(std::string_view name);

class FileService {
 public:
  // `on_uploaded` runs after each stored upload (the app wakes the extraction worker with it).
  // Everything passed in must outlive the service.
  FileService(FileStore& files, PageStore& pages_store, PageService& pages,
              const FileAnalyzer& analyzer, FileLimits limits,
              std::function<void()> on_uploaded = {});

  // Stores `content` as `name` on the page. Errors: kNotFound (no such page), kTooLarge (over
  // the limit), kInvalidInput (no usable name, invalid UTF-8 name, empty file, content that
  // does not match the extension), or the store's error.
  Result<StoredFile> Upload(std::string_view page_slug, std::string_view name,
                            std::string_view content, const std::string& author);

  // Creates a page of kind presentation titled after the file (its name without the
  // extension, or `title` when not empty) and attaches the file to it. The page's body links
  // the file. Errors: those of Upload and PageService::Save (kConflict when that title exists).
  Result<StoredFile> CreatePresentation(std::string_view name, std::string_view content,
                                        const std::string& author, const std::string& title,
                                        std::vector<std::string> topics, std::string date);

  const FileLimits& limits() const { return limits_; }

 private:
  // Name and content checks shared by both use cases; answers the sanitised name.
  Result<std::string> Check(std::string_view name, std::string_view content) const;

  FileStore& files_;
  PageStore& pages_store_;
  PageService& pages_;
  const FileAnalyzer& analyzer_;
  FileLimits limits_;
  std::function<void()> on_uploaded_;
};

}  // namespace kring
