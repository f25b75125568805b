// Helpers for the storage tests: a temporary folder removed at the end, and revisions to save.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/PageStore.h"
#include "storage/SqlitePageStore.h"

#include "TempDir.h"

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
};

template <typename Item, typename Field>
std::vector<std::string> Strings(const std::vector<Item>& items, Field field) {
  std::vector<std::string> strings;
  for (const Item& item : items) strings.push_back(item.*field);
  return strings;
}

inline std::vector<std::string> Slugs(const std::vector<PageSummary>& pages) {
  return Strings(pages, &PageSummary::slug);
}

}  // namespace kring::storage_testing
