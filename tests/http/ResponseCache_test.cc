// ResponseCache on its own: the content version rule, the age limit, the byte bound with
// least-recently-used eviction; and the ETag helpers.
#include "http/ResponseCache.h"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "http/PublicPageCache.h"

using kring::http::EtagMatches;
using kring::http::EtagOf;
using kring::http::Response;
using kring::http::ResponseCache;

namespace {

constexpr auto kLong = std::chrono::hours(1);

std::shared_ptr<const Response> Page(const std::string& body) {
  Response response;
  response.body = body;
  return std::make_shared<const Response>(std::move(response));
}

}  // namespace

TEST_CASE("a response is served for its content version only, and never again after a newer") {
  ResponseCache cache(1 << 20, kLong);
  cache.Store("/p/a", 5, Page("vijf"));
  REQUIRE(cache.Find("/p/a", 5));
  CHECK(cache.Find("/p/a", 5)->body == "vijf");
  // A reader that read an older version (before a change committed) gets nothing...
  CHECK_FALSE(cache.Find("/p/a", 4));
  // ...and one made from it is not kept.
  cache.Store("/p/b", 4, Page("vier"));
  CHECK_FALSE(cache.Find("/p/b", 5));
  // A newer version empties the cache: the old page is never served again.
  CHECK_FALSE(cache.Find("/p/a", 6));
  CHECK_FALSE(cache.Find("/p/a", 5));
  CHECK(cache.stats().entries == 0);
  CHECK(cache.stats().bytes == 0);
  cache.Store("/p/a", 6, Page("zes"));
  CHECK(cache.Find("/p/a", 6)->body == "zes");
  CHECK(cache.stats().hits == 3);
}

TEST_CASE("an entry older than the age limit is not served") {
  ResponseCache expired(1 << 20, std::chrono::seconds(0));
  expired.Store("/p/a", 1, Page("a"));
  CHECK_FALSE(expired.Find("/p/a", 1));
  CHECK(expired.stats().entries == 0);
}

TEST_CASE("the cache keeps within its bytes, dropping the least recently used first") {
  const std::string body(1000, 'x');
  const size_t entry = ResponseCache::kEntryOverhead + 4 + kring::http::ResponseBytes(*Page(body));
  ResponseCache cache(entry * 8 + entry / 2, kLong);  // room for eight
  for (int i = 0; i < 8; ++i) cache.Store("/p/" + std::to_string(i), 1, Page(body));
  CHECK(cache.stats().entries == 8);
  CHECK(cache.Find("/p/0", 1));  // now the most recently used
  cache.Store("/p/8", 1, Page(body));
  CHECK(cache.stats().entries == 8);
  CHECK(cache.stats().bytes <= entry * 8 + entry / 2);
  CHECK(cache.Find("/p/0", 1));
  CHECK_FALSE(cache.Find("/p/1", 1));  // the least recently used went
  CHECK(cache.Find("/p/8", 1));
  // Replacing an entry does not count it twice.
  cache.Store("/p/8", 1, Page(body));
  CHECK(cache.stats().entries == 8);
  // A response larger than an eighth of the cache is not kept at all.
  cache.Store("/p/groot", 1, Page(std::string(entry * 2, 'y')));
  CHECK_FALSE(cache.Find("/p/groot", 1));
  CHECK(cache.stats().entries == 8);
}

TEST_CASE("a cache of size 0 keeps nothing") {
  ResponseCache none(0, kLong);
  CHECK_FALSE(none.enabled());
  none.Store("/p/a", 1, Page("a"));
  CHECK_FALSE(none.Find("/p/a", 1));
  CHECK(none.stats().entries == 0);
}

TEST_CASE("ETags are quoted, differ with the body, and match If-None-Match lists") {
  const std::string etag = EtagOf("<p>een</p>");
  CHECK(etag.size() == 18);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');
  CHECK(etag == EtagOf("<p>een</p>"));
  CHECK(etag != EtagOf("<p>twee</p>"));
  CHECK(EtagMatches(etag, etag));
  CHECK(EtagMatches("W/" + etag, etag));
  CHECK(EtagMatches("\"ander\", " + etag, etag));
  CHECK(EtagMatches("*", etag));
  CHECK_FALSE(EtagMatches("\"ander\"", etag));
  CHECK_FALSE(EtagMatches("", etag));
  CHECK_FALSE(EtagMatches(etag.substr(1), etag));
}
