// Helpers for the search tests: pages and files built in code, an index writer, queries.
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

#include "TempDir.h"
#include "core/File.h"
#include "core/Page.h"
#include "core/SearchIndex.h"
#include "core/Text.h"
#include "search/XapianIndexWriter.h"

namespace kring::testing {

struct PageSpec {
  std::string slug;
  std::string title;
  std::string text;
  PageKind kind = PageKind::kPage;
  std::vector<std::string> topics = {};  // slugs
  std::string date = {};
  std::string updated_at = "2020-05-01T12:00:00Z";
  std::string organisation = {};  // as written
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
  page.organisation = spec.organisation;
  page.revision = 1;
  page.created_at = spec.updated_at;
  page.updated_at = spec.updated_at;
  return page;
}

// A stored file with its extracted sections, numbered from 1 (none: not extracted yet).
struct FileSpec {
  int64_t id = 0;
  std::string page_slug;
  std::string name;
  std::string section_kind = {};           // "page", "slide", "sheet" or ""
  std::vector<std::string> sections = {};  // texts of sections 1, 2, ...
  std::string title = {};                  // from the file's metadata
  std::string media_type = {};
  std::string created_at = "2021-03-04T09:00:00Z";
};

inline StoredFile MakeFile(const FileSpec& spec) {
  StoredFile file;
  file.id = spec.id;
  file.page_slug = spec.page_slug;
  file.name = spec.name;
  file.media_type = spec.media_type;
  file.created_at = spec.created_at;
  file.extraction = spec.sections.empty() ? ExtractionState::kPending : ExtractionState::kDone;
  file.title = spec.title;
  file.section_kind = spec.section_kind;
  for (size_t i = 0; i < spec.sections.size(); ++i) {
    file.sections.push_back(FileSection{static_cast<int>(i + 1), spec.sections[i]});
  }
  return file;
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
// The facet count of `value` among `facets`, or null when it is not there.
inline const FacetCount* FindFacet(const std::vector<FacetCount>& facets,
                                   const std::string& value) {
  for (const FacetCount& facet : facets) {
    if (facet.value == value) return &facet;
  }
  return nullptr;
}

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

inline SearchQuery TypeQuery(std::string text, std::string type) {
  SearchQuery query = Query(std::move(text));
  query.type = std::move(type);
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
