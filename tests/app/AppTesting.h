// Helpers for the app tests: a wiki made of the real SQLite store, the real cmark renderer and
// the page service on top of them (with the real file service and analyzer when files are
// wanted), and folders of Markdown files to import. The temporary folder, OpenStore and
// ErrorOf come from the storage tests' helpers.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/FileService.h"
#include "core/PageService.h"
#include "extract/SandboxedAnalyzer.h"
#include "render/CmarkRenderer.h"
#include "storage/SqlitePageStore.h"
#include "storage/StorageTesting.h"

namespace kring::app_testing {

using storage_testing::ErrorOf;

// A folder of files to import, removed at the end.
class Docs {
 public:
  std::filesystem::path path() const { return dir_.File("docs"); }

  // Writes `content` to `name`, relative to path(), creating folders as needed.
  void Write(const std::string& name, const std::string& content) const {
    const std::filesystem::path file = path() / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    REQUIRE(out.good());
  }

 private:
  storage_testing::TempDir dir_;
};

// A wiki in a temporary folder. [[file:...]] links resolve against its files.
class TestWiki {
 public:
  TestWiki()
      : store_(storage_testing::OpenStore(dir_.File("kring.db"))),
        pages_(*store_, renderer_, PageLimits{}, {}, store_.get()) {}

  SqlitePageStore& store() { return *store_; }
  PageService& pages() { return pages_; }
  // The database file, for a second connection.
  std::string db_path() const { return dir_.File("kring.db"); }

  // The current revision of a page, failing the test when there is none.
  Page Get(const std::string& slug) {
    Result<Page> page = store_->Get(slug);
    REQUIRE_MESSAGE(page.ok(), slug << ": " << ErrorOf(page));
    return std::move(page).value();
  }

 private:
  storage_testing::TempDir dir_;
  CmarkRenderer renderer_;
  std::unique_ptr<SqlitePageStore> store_;
  PageService pages_;
};

// A wiki that stores files too, typed and checked by the real analyzer. No extraction runs in
// these tests (there is no ExtractionWorker), so the analyzer's child command is never started.
class FileWiki : public TestWiki {
 public:
  explicit FileWiki(FileLimits limits = {})
      : analyzer_({"/bin/false"}), files_(store(), store(), pages(), analyzer_, limits) {}

  FileService& files() { return files_; }

 private:
  SandboxedAnalyzer analyzer_;
  FileService files_;
};

}  // namespace kring::app_testing
