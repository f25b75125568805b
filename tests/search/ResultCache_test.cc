// ResultCache: least recently used eviction, keys that tell queries apart, and a real index
// whose cached results never outlive a commit or a synonym reload.
#include "search/ResultCache.h"

#include <doctest/doctest.h>

#include <string>

#include "search/SearchTestSupport.h"
#include "search/Synonyms.h"
#include "search/XapianSearchIndex.h"

using kring::SearchQuery;
using kring::SearchResults;
using kring::XapianSearchIndex;
using kring::search::ResultCache;
using kring::testing::IndexAll;
using kring::testing::OpenWriter;
using kring::testing::Query;
using kring::testing::TempDir;

namespace {

SearchResults WithTotal(int64_t total) {
  SearchResults results;
  results.total = total;
  return results;
}

}  // namespace

TEST_CASE("the cache keeps the most recently used results") {
  ResultCache cache(2);
  cache.Store("a", WithTotal(1));
  cache.Store("b", WithTotal(2));
  REQUIRE(cache.Find("a"));  // a is now more recent than b
  cache.Store("c", WithTotal(3));
  CHECK_FALSE(cache.Find("b"));
  CHECK(cache.Find("a")->total == 1);
  CHECK(cache.Find("c")->total == 3);
  cache.Store("a", WithTotal(10));  // replaced, not added
  CHECK(cache.Find("a")->total == 10);
  CHECK(cache.Find("c"));

  ResultCache none(0);
  none.Store("a", WithTotal(1));
  CHECK_FALSE(none.Find("a"));
}

TEST_CASE("keys differ for every field of the query, the revision and the synonyms") {
  const SearchQuery base = Query("kennis");
  const std::string key = ResultCache::Key(0, 7, 1, base);
  CHECK(ResultCache::Key(0, 7, 1, base) == key);
  CHECK(ResultCache::Key(0, 8, 1, base) != key);
  CHECK(ResultCache::Key(0, 7, 2, base) != key);
  CHECK(ResultCache::Key(1, 7, 1, base) != key);  // a rebuilt index counts revisions anew
  auto differs = [&](auto change) {
    SearchQuery other = base;
    change(other);
    return ResultCache::Key(0, 7, 1, other) != key;
  };
  CHECK(differs([](SearchQuery& q) { q.text = "kennis2"; }));
  CHECK(differs([](SearchQuery& q) { q.topic = "crm"; }));
  CHECK(differs([](SearchQuery& q) { q.kind = "minutes"; }));
  CHECK(differs([](SearchQuery& q) { q.type = "pdf"; }));
  CHECK(differs([](SearchQuery& q) { q.year = "2013"; }));
  CHECK(differs([](SearchQuery& q) { q.organisation = "stad-roeselare"; }));
  CHECK(differs([](SearchQuery& q) { q.application = "recreatex"; }));
  CHECK(differs([](SearchQuery& q) { q.sort_by_date = true; }));
  CHECK(differs([](SearchQuery& q) { q.page = 2; }));
  CHECK(differs([](SearchQuery& q) { q.page_size = 20; }));
  // A separator inside a field cannot make two queries collide.
  SearchQuery a = Query("x");
  a.topic = "y";
  SearchQuery b = Query("x\x1fy");
  CHECK(ResultCache::Key(0, 1, 1, a) != ResultCache::Key(0, 1, 1, b));
}

TEST_CASE("a search after a commit or a synonym reload is not answered from the cache") {
  TempDir tmp;
  const std::string dir = tmp.File("xapian");
  auto writer = OpenWriter(dir);
  IndexAll(*writer, {{"eerste", "Eerste", "Het intranet van de gemeente."}});
  XapianSearchIndex index(dir);
  CHECK(index.Search(Query("intranet"))->total == 1);
  CHECK(index.Search(Query("intranet"))->total == 1);  // from the cache

  IndexAll(*writer, {{"tweede", "Tweede", "Nog een intranet."}});
  CHECK(index.Search(Query("intranet"))->total == 2);

  CHECK(index.Search(Query("wiki"))->total == 0);
  kring::search::ReloadSynonyms("wiki, intranet");
  CHECK(index.Search(Query("wiki"))->total == 2);
  kring::search::ReloadSynonyms();
  CHECK(index.Search(Query("wiki"))->total == 0);
}
