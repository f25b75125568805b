// SearchHandler: the search page, the search and suggest API, and the counting of searches that
// found nothing (ZeroResultLog). The view model of the search page is built by
// SearchPageView(), a free function so the escaping of what the search layer answers can be
// tested without a server.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/SearchIndex.h"
#include "http/Request.h"
#include "http/RequestMetrics.h"
#include "http/Services.h"
#include "http/Views.h"
#include "http/ZeroResultLog.h"

namespace kring::http {

class SearchHandler {
 public:
  // `services`, `views`, `zero_results` and `metrics` must outlive the handler.
  SearchHandler(Services& services, const Views& views, ZeroResultLog& zero_results,
                RequestMetrics& metrics)
      : services_(services), views_(views), zero_results_(zero_results), metrics_(metrics) {}

  // GET /search?q=&topic=&kind=&type=&year=&org=&app=&sort=date|relevance&page=
  Response Page(const Request& request);
  // GET /api/v1/search with the same parameters: {total, hits, facets{kind, topic, type, year,
  // organisation, application}, facet_names{organisation, application}, register{organisations,
  // applications}, notice?, suggestion?}.
  // Facets map each value (an organisation's or application's key) to its count, facet_names
  // each such key to its name; a hit
  // names its organisation and organisation_slug ("" when none).
  Response Api(const Request& request);
  // GET /api/v1/suggest?q=: [{slug, title, kind, url}], at most kSuggestLimit page titles.
  Response Suggest(const Request& request);

  static constexpr int kSuggestLimit = 8;
  // Organisations and applications shown above the hits, at most, each.
  static constexpr size_t kRegisterMatchLimit = 5;

 private:
  // Searches, and finds the register's organisations and applications named by the words of
  // a first page without filters (into `register_matches`: {organisations: [{name, url,
  // detail}], applications: [...]}, empty arrays otherwise). A search with words that found
  // neither pages nor register entries is counted in the ZeroResultLog; every search (and
  // those that found nothing) is counted for /metrics.
  Result<SearchResults> Run(const SearchQuery& query, nlohmann::json& register_matches);

  Services& services_;
  const Views& views_;
  ZeroResultLog& zero_results_;
  RequestMetrics& metrics_;
};

// Reads q, topic, kind, type, year, org, app, sort and page from the query string (page clamped
// to 1..1000; an unreadable page is 1; org and app as their keys, Slugify). The values are not
// checked: see InvalidSearchParameter.
SearchQuery SearchQueryFrom(const Request& request);

// The message key of the first parameter that cannot be searched (a query longer than
// kMaxSearchQueryBytes, a year that is not four digits, a sort other than "relevance" or
// "date"), else nullopt.
std::optional<std::string> InvalidSearchParameter(const Request& request);
inline constexpr size_t kMaxSearchQueryBytes = 1000;

// The search page's address for `query` (empty filters and page 1 left out).
std::string SearchUrl(const SearchQuery& query);

// The search page's view model for `query` and its `results`. `topic_name` names a topic slug
// for the topic facet.
nlohmann::json SearchPageView(const Views& views, const Request& request, const SearchQuery& query,
                              const SearchResults& results,
                              const std::function<std::string(const std::string&)>& topic_name);

}  // namespace kring::http
