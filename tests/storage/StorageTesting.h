// Helpers for the storage tests: a temporary folder removed at the end, revisions and files to
// save, and a look at the blob folder.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "TempDir.h"
#include "core/File.h"
#include "core/PageStore.h"
#include "storage/SqlitePageStore.h"

namespace kring::storage_testing {

using kring::testing::TempDir;

// The error message of a result, or "" when it holds a value. doctest builds the message of a
// passing check too when successes are reported (-s), where result.error() would throw.
template <typename T>
std::string ErrorOf(const Result<T>& result) {
  return result.ok() ? std::string() : result.error().message;
}

inline std::unique_ptr<SqlitePageStore> OpenStore(const std::string& path) {
  Result<std::unique_ptr<SqlitePageStore>> store = SqlitePageStore::Open(path);
  REQUIRE_MESSAGE(store.ok(), ErrorOf(store));
  return std::move(store).value();
}

// A revision as PageService would hand it over: slug set, body rendered.
inline NewRevision Edit(std::string slug, std::string title, std::string body = "Some text.") {
  NewRevision revision;
  revision.input.slug = std::move(slug);
  revision.input.title = std::move(title);
  revision.html = "<p>" + body + "</p>\n";
  revision.text = body;
  revision.input.body = std::move(body);
  return revision;
}

inline NewRevision WithTopics(NewRevision revision, std::vector<std::string> topics) {
  revision.input.topics = std::move(topics);
  return revision;
}

inline NewRevision WithLinks(NewRevision revision, std::vector<std::string> link_slugs) {
  revision.link_slugs = std::move(link_slugs);
  return revision;
}

inline NewRevision WithBase(NewRevision revision, int64_t base_revision) {
  revision.input.base_revision = base_revision;
  return revision;
}

inline NewRevision WithFileLinks(NewRevision revision, std::vector<int64_t> file_ids) {
  revision.file_ids = std::move(file_ids);
  return revision;
}

// A file as FileService would hand it over. `content` must outlive the NewFile.
inline NewFile Attachment(std::string page_slug, std::string name, std::string_view content,
                          std::string media_type = "application/pdf") {
  return NewFile{std::move(page_slug), std::move(name), std::move(media_type), "Ann", content};
}

// The whole content of a file on disk.
inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), ("cannot read " + path));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every regular file under `folder` (blobs and any leftover temporary file), sorted.
inline std::vector<std::string> FilesUnder(const std::filesystem::path& folder) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(folder)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path().lexically_relative(folder).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A store on a file in its own temporary folder.
struct StoreFixture {
  TempDir dir;
  std::string path = dir.File("kring.db");
  std::unique_ptr<SqlitePageStore> store = OpenStore(path);

  SaveOutcome Save(const NewRevision& revision) {
    Result<SaveOutcome> saved = store->SaveRevision(revision);
    REQUIRE_MESSAGE(saved.ok(), ErrorOf(saved));
    return saved.value();
  }
  Page Get(std::string_view slug) {
    Result<Page> page = store->Get(slug);
    REQUIRE_MESSAGE(page.ok(), ErrorOf(page));
    return page.value();
  }
  StoredFile Put(const NewFile& file) {
    Result<StoredFile> stored = store->PutFile(file);
    REQUIRE_MESSAGE(stored.ok(), ErrorOf(stored));
    return stored.value();
  }
  StoredFile GetFile(int64_t id) {
    Result<StoredFile> file = store->GetFile(id);
    REQUIRE_MESSAGE(file.ok(), ErrorOf(file));
    return file.value();
  }
  // The blob folder: files/ beside the database.
  std::filesystem::path Blobs() const { return dir.path() / "files"; }
};

template <typename Item, typename Field>
std::vector<std::string> Strings(const std::vector<Item>& items, Field field) {
  std::vector<std::string> strings;
  for (const Item& item : items) strings.push_back(item.*field);
  return strings;
}

// The ids of outbox rows, stored files, or anything else with an `id`.
template <typename Item>
std::vector<int64_t> Ids(const std::vector<Item>& items) {
  std::vector<int64_t> ids;
  for (const Item& item : items) ids.push_back(item.id);
  return ids;
}

inline std::vector<std::string> Slugs(const std::vector<PageSummary>& pages) {
  return Strings(pages, &PageSummary::slug);
}

}  // namespace kring::storage_testing
