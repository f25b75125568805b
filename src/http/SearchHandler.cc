#include "http/SearchHandler.h"

#include <algorithm>
#include <vector>

#include "core/Page.h"
#include "core/Text.h"
#include "http/MeetingViews.h"
#include "http/MembersOnly.h"

namespace kring::http {
namespace {

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string KindLabelOf(const Views& views, const Request& request, const std::string& kind) {
  const PageKind parsed = ParseKind(kind).value_or(PageKind::kPage);
  return views.Message(request, "kind_" + std::string(KindName(parsed)));
}

nlohmann::json HitView(const Views& views, const Request& request, const SearchHit& hit) {
  nlohmann::json line = {{"url", hit.url.empty() ? "/p/" + hit.slug : hit.url},
                         {"title", hit.title},
                         {"kind_label", KindLabelOf(views, request, hit.kind)},
                         {"date", hit.date},
                         {"date_label", LongDate(views, request, hit.date)},
                         {"organisation", hit.organisation},
                         {"snippet", hit.snippet_html}};
  if (hit.file_id != 0) {
    line["file"] = {
        {"name", hit.file_name},
        {"type", hit.file_type},
        {"page_url", "/p/" + hit.slug},
        {"section", hit.section == 0 ? std::string()
                                     : views.Message(request, "section_" + hit.section_kind) + " " +
                                           std::to_string(hit.section)}};
  }
  return line;
}

// One facet's links: a value links to the query filtered by it (from page 1); the active value
// links to the query without that filter, so a second click removes it. A value is shown as the
// index names it (FacetCount::label), else as `label` names it.
nlohmann::json FacetView(const std::vector<FacetCount>& counts, const SearchQuery& query,
                         std::string SearchQuery::*field,
                         const std::function<std::string(const std::string&)>& label) {
  nlohmann::json out = nlohmann::json::array();
  for (const FacetCount& facet : counts) {
    const bool active = facet.value == query.*field;
    SearchQuery target = query;
    target.page = 1;
    target.*field = active ? std::string() : facet.value;
    out.push_back({{"label", facet.label.empty() ? label(facet.value) : facet.label},
                   {"count", facet.count},
                   {"active", active},
                   {"url", SearchUrl(target)}});
  }
  return out;
}

nlohmann::json FacetCounts(const std::vector<FacetCount>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const FacetCount& facet : counts) out[facet.value] = facet.count;
  return out;
}

nlohmann::json FacetLabels(const std::vector<FacetCount>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const FacetCount& facet : counts) out[facet.value] = facet.label;
  return out;
}

// A name as its key (Slugify); a value without letters or digits is kept and finds nothing.
std::string KeyOf(const std::string& value) {
  return Slugify(value).empty() ? value : Slugify(value);
}

}  // namespace

SearchQuery SearchQueryFrom(const Request& request) {
  SearchQuery query;
  query.text = request.Query("q");
  query.topic = request.Query("topic");
  query.kind = request.Query("kind");
  query.type = request.Query("type");
  query.year = request.Query("year");
  // By key, so the facet marks the active organisation and links stay the same whether a name
  // or a key was asked for; a value without letters or digits is kept and finds nothing.
  query.organisation = KeyOf(request.Query("org"));
  query.application = KeyOf(request.Query("app"));
  query.sort_by_date = request.Query("sort") == "date";
  query.audience = AudienceOf(request);
  const std::string page = request.Query("page", "1");
  query.page = 1;
  if (!page.empty() && page.size() < 5 && AllDigits(page)) {
    query.page = std::clamp(std::stoi(page), 1, 1000);
  }
  return query;
}

std::optional<std::string> InvalidSearchParameter(const Request& request) {
  if (request.Query("q").size() > kMaxSearchQueryBytes) return "search_too_long";
  const std::string year = request.Query("year");
  if (!year.empty() && (year.size() != 4 || !AllDigits(year))) return "search_bad_year";
  const std::string sort = request.Query("sort");
  if (!sort.empty() && sort != "relevance" && sort != "date") return "search_bad_sort";
  return std::nullopt;
}

std::string SearchUrl(const SearchQuery& query) {
  std::string url = "/search?q=" + PercentEncode(query.text);
  if (!query.topic.empty()) url += "&topic=" + PercentEncode(query.topic);
  if (!query.kind.empty()) url += "&kind=" + PercentEncode(query.kind);
  if (!query.type.empty()) url += "&type=" + PercentEncode(query.type);
  if (!query.year.empty()) url += "&year=" + PercentEncode(query.year);
  if (!query.organisation.empty()) url += "&org=" + PercentEncode(query.organisation);
  if (!query.application.empty()) url += "&app=" + PercentEncode(query.application);
  if (query.sort_by_date) url += "&sort=date";
  if (query.page > 1) url += "&page=" + std::to_string(query.page);
  return url;
}

nlohmann::json SearchPageView(const Views& views, const Request& request, const SearchQuery& query,
                              const SearchResults& results,
                              const std::function<std::string(const std::string&)>& topic_name) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : results.hits) hits.push_back(HitView(views, request, hit));
  auto same = [](const std::string& value) { return value; };
  nlohmann::json kinds = FacetView(results.kinds, query, &SearchQuery::kind,
                                   [&](auto& kind) { return KindLabelOf(views, request, kind); });
  nlohmann::json topics = FacetView(results.topics, query, &SearchQuery::topic, topic_name);
  nlohmann::json types = FacetView(results.types, query, &SearchQuery::type, same);
  nlohmann::json years = FacetView(results.years, query, &SearchQuery::year, same);
  nlohmann::json organisations =
      FacetView(results.organisations, query, &SearchQuery::organisation, same);
  nlohmann::json applications =
      FacetView(results.applications, query, &SearchQuery::application, same);

  SearchQuery first_page = query;
  first_page.page = 1;
  SearchQuery unfiltered = first_page;
  unfiltered.topic = unfiltered.kind = unfiltered.type = unfiltered.year = "";
  unfiltered.organisation = unfiltered.application = "";
  nlohmann::json sorts = nlohmann::json::array();
  for (const bool by_date : {false, true}) {
    SearchQuery sorted = first_page;
    sorted.sort_by_date = by_date;
    sorts.push_back({{"label", views.Message(request, by_date ? "sort_date" : "sort_relevance")},
                     {"active", by_date == query.sort_by_date},
                     {"url", SearchUrl(sorted)}});
  }

  const int64_t pages = (results.total + query.page_size - 1) / query.page_size;
  nlohmann::json view = {
      {"title", views.Message(request, "search")},
      {"q", query.text},
      {"searched", true},
      {"hits", hits},
      {"has_hits", !hits.empty()},
      {"total", results.total},
      {"approximate", !results.exact},
      {"kinds", kinds},
      {"topics", topics},
      {"types", types},
      {"has_types", !types.empty()},
      {"years", years},
      {"has_years", !years.empty()},
      {"organisations", organisations},
      {"has_organisations", !organisations.empty()},
      {"applications", applications},
      {"has_applications", !applications.empty()},
      {"has_facets", !kinds.empty() || !topics.empty() || !types.empty() || !years.empty() ||
                         !organisations.empty() || !applications.empty()},
      {"filtered", !query.topic.empty() || !query.kind.empty() || !query.type.empty() ||
                       !query.year.empty() || !query.organisation.empty() ||
                       !query.application.empty()},
      {"clear_url", SearchUrl(unfiltered)},
      // Without words the hits are always newest first: nothing to choose.
      {"sorts", sorts},
      {"has_sorts", !query.text.empty()},
      {"notice", results.notice.empty() ? "" : views.Message(request, "notice_" + results.notice)},
      {"suggestion", results.suggestion},
      {"page", query.page},
      {"pages", pages}};
  if (!results.suggestion.empty()) {
    SearchQuery suggested = first_page;
    suggested.text = results.suggestion;
    view["suggestion_url"] = SearchUrl(suggested);
  }
  // Pager links name their page, page 1 included.
  const std::string here = SearchUrl(first_page);
  if (query.page > 1) view["prev_url"] = here + "&page=" + std::to_string(query.page - 1);
  if (query.page < pages) view["next_url"] = here + "&page=" + std::to_string(query.page + 1);
  return view;
}

Result<SearchResults> SearchHandler::Run(const SearchQuery& query,
                                         nlohmann::json& register_matches) {
  register_matches = {{"organisations", nlohmann::json::array()},
                      {"applications", nlohmann::json::array()}};
  const bool unfiltered = query.topic.empty() && query.kind.empty() && query.type.empty() &&
                          query.year.empty() && query.organisation.empty() &&
                          query.application.empty();
  if (unfiltered && query.page == 1) {
    Result<RegisterService::Matches> found =
        services_.registry.Find(query.text, kRegisterMatchLimit);
    for (const kring::Organisation& o :
         found.ok() ? found->organisations : std::vector<kring::Organisation>()) {
      register_matches["organisations"].push_back(
          {{"slug", o.slug},
           {"name", o.name},
           {"url", "/o/" + o.slug},
           {"detail", o.region.empty() ? o.type : o.type + " · " + o.region}});
    }
    for (const RegisteredApplication& a :
         found.ok() ? found->applications : std::vector<RegisteredApplication>()) {
      std::string detail = a.supplier;
      if (!a.domain.empty()) detail += (detail.empty() ? "" : " · ") + a.domain;
      register_matches["applications"].push_back(
          {{"slug", a.slug}, {"name", a.name}, {"url", "/a/" + a.slug}, {"detail", detail}});
    }
  }
  Result<SearchResults> results = services_.search.Search(query);
  const bool in_register =
      !register_matches["organisations"].empty() || !register_matches["applications"].empty();
  const bool found_nothing =
      results.ok() && results->total == 0 && !in_register && !Trim(query.text).empty();
  if (found_nothing) zero_results_.Record(query.text);
  metrics_.CountSearch(found_nothing);
  return results;
}

Response SearchHandler::Page(const Request& request) {
  if (auto invalid = InvalidSearchParameter(request)) {
    return views_.ErrorPage(request, 400, views_.Message(request, *invalid));
  }
  const SearchQuery query = SearchQueryFrom(request);
  const bool searched = !query.text.empty() || !query.topic.empty() || !query.kind.empty() ||
                        !query.type.empty() || !query.year.empty() || !query.organisation.empty() ||
                        !query.application.empty();
  if (!searched) {
    nlohmann::json view = {
        {"title", views_.Message(request, "search")}, {"q", query.text}, {"searched", false}};
    return views_.Page(request, "search", std::move(view));
  }
  nlohmann::json register_matches;
  Result<SearchResults> results = Run(query, register_matches);
  if (!results.ok()) return views_.FromError(request, results.error());
  auto topic_name = [this](const std::string& slug) {
    Result<kring::Topic> topic = services_.store.GetTopic(slug);
    return topic.ok() ? topic->name : slug;
  };
  nlohmann::json view = SearchPageView(views_, request, query, results.value(), topic_name);
  view["register"] = register_matches;
  view["has_register"] =
      !register_matches["organisations"].empty() || !register_matches["applications"].empty();
  return views_.Page(request, "search", std::move(view));
}

Response SearchHandler::Api(const Request& request) {
  if (auto invalid = InvalidSearchParameter(request)) {
    return views_.ErrorPage(request, 400, views_.Message(request, *invalid));
  }
  nlohmann::json register_matches;
  Result<SearchResults> results = Run(SearchQueryFrom(request), register_matches);
  if (!results.ok()) return views_.FromError(request, results.error());
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : results->hits) {
    hits.push_back({{"slug", hit.slug},
                    {"title", hit.title},
                    {"kind", hit.kind},
                    {"date", hit.date},
                    {"organisation", hit.organisation},
                    {"organisation_slug", Slugify(hit.organisation)},
                    {"snippet", hit.snippet_html},
                    {"url", hit.url.empty() ? "/p/" + hit.slug : hit.url}});
    if (hit.file_id != 0) {
      hits.back()["file"] = {{"id", hit.file_id},
                             {"name", hit.file_name},
                             {"type", hit.file_type},
                             {"section", hit.section},
                             {"section_kind", hit.section_kind}};
    }
  }
  nlohmann::json out = {{"total", results->total},
                        {"exact", results->exact},
                        {"hits", hits},
                        {"facets",
                         {{"kind", FacetCounts(results->kinds)},
                          {"topic", FacetCounts(results->topics)},
                          {"type", FacetCounts(results->types)},
                          {"year", FacetCounts(results->years)},
                          {"organisation", FacetCounts(results->organisations)},
                          {"application", FacetCounts(results->applications)}}},
                        // What to show for a facet value where it is a key.
                        {"facet_names",
                         {{"organisation", FacetLabels(results->organisations)},
                          {"application", FacetLabels(results->applications)}}},
                        {"register", register_matches}};
  if (!results->notice.empty()) out["notice"] = results->notice;
  if (!results->suggestion.empty()) out["suggestion"] = results->suggestion;
  return Response::Json(200, out.dump());
}

Response SearchHandler::Suggest(const Request& request) {
  const std::string prefix = request.Query("q");
  if (prefix.size() > kMaxSearchQueryBytes) {
    return views_.ErrorPage(request, 400, views_.Message(request, "search_too_long"));
  }
  const std::vector<TitleSuggestion> pages =
      services_.search.Suggest(prefix, kSuggestLimit, AudienceOf(request));
  nlohmann::json out = nlohmann::json::array();
  const bool opensearch = request.Query("format") == "opensearch";
  for (const TitleSuggestion& page : pages) {
    if (opensearch) {
      out.push_back(page.title);
    } else {
      out.push_back({{"slug", page.slug},
                     {"title", page.title},
                     {"kind", page.kind},
                     {"url", "/p/" + page.slug}});
    }
  }
  // A browser's search bar (/opensearch.xml) asks for ["q", ["title", ...]].
  if (opensearch) out = nlohmann::json::array({prefix, std::move(out)});
  Response response = Response::Json(200, out.dump());
  if (opensearch) response.content_type = "application/x-suggestions+json; charset=utf-8";
  // Typing the same letters again (backspace) need not ask again; titles change rarely.
  response.headers.emplace_back("Cache-Control", "private, max-age=30");
  return response;
}

}  // namespace kring::http
