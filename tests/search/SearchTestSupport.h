// Helpers for the search tests: a temporary folder removed afterwards, and pages built in code.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/Page.h"
#include "core/SearchIndex.h"
#include "core/Text.h"
#include "search/XapianIndexWriter.h"

#include "TempDir.h"

namespace kring::testing {

struct PageSpec {
  std::string slug;
  std::string title;
  std::string text;
  PageKind kind = PageKind::kPage;
  std::vector<std::string> topics = {};  // slugs
  std::string date = {};
  std::string updated_at = "2020-05-01T12:00:00Z";
};

inline Page MakePage(const PageSpec& spec) {
  Page page;
  page.slug = spec.slug;
  page.title = spec.title;
  page.text = spec.text;
  page.body = spec.text;
  page.kind = spec.kind;
  for (const std::string& topic : spec.topics) page.topics.push_back(Topic{topic, topic});
  page.date = spec.date;
  page.revision = 1;
  page.created_at = spec.updated_at;
  page.updated_at = spec.updated_at;
  return page;
}

inline std::unique_ptr<XapianIndexWriter> OpenWriter(const std::string& dir) {
  auto writer = XapianIndexWriter::Open(dir);
  REQUIRE_MESSAGE(writer.ok(), (writer.ok() ? "" : writer.error().message));
  return std::move(writer).value();
}

inline void IndexAll(XapianIndexWriter& writer, std::initializer_list<PageSpec> specs) {
  for (const PageSpec& spec : specs) REQUIRE(writer.Index(MakePage(spec)).ok());
  REQUIRE(writer.Commit().ok());
}

// SearchQuery has no default member initializers for its strings, so designated initializers
// trip -Wmissing-field-initializers: build queries here instead.
inline SearchQuery Query(std::string text, std::string topic = "", std::string kind = "",
                         int page = 1, int page_size = 10) {
  SearchQuery query;
  query.text = std::move(text);
  query.topic = std::move(topic);
  query.kind = std::move(kind);
  query.page = page;
  query.page_size = page_size;
  return query;
}

// Slugs of the hits, in rank order.
inline std::vector<std::string> Slugs(const SearchResults& results) {
  std::vector<std::string> slugs;
  for (const SearchHit& hit : results.hits) slugs.push_back(hit.slug);
  return slugs;
}

inline std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace kring::testing
