#include "http/BrowseHandler.h"

#include <algorithm>

#include "core/Page.h"
#include "core/Text.h"
#include "http/PageHandler.h"
#include "http/Url.h"

namespace kring::http {

SearchQuery SearchQueryFrom(const Request& request) {
  SearchQuery query;
  query.text = request.Query("q");
  query.topic = request.Query("topic");
  query.kind = request.Query("kind");
  query.type = request.Query("type");
  const std::string page = request.Query("page", "1");
  query.page = 1;
  if (!page.empty() && page.size() < 5 &&
      std::all_of(page.begin(), page.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    query.page = std::clamp(std::stoi(page), 1, 1000);
  }
  return query;
}

nlohmann::json BrowseHandler::TopicList() const {
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& [topic, count] : services_.store.Topics()) {
    topics.push_back({{"slug", topic.slug}, {"name", topic.name}, {"count", count}});
  }
  return topics;
}

Response BrowseHandler::Home(const Request& request) {
  nlohmann::json recent = nlohmann::json::array();
  for (const auto& page : services_.store.RecentChanges(15)) {
    recent.push_back(SummaryView(views_, request, page));
  }
  nlohmann::json topics = TopicList();
  nlohmann::json view = {{"title", views_.Message(request, "home_title")},
                         {"topics", topics},
                         {"has_topics", !topics.empty()},
                         {"recent", recent},
                         {"has_recent", !recent.empty()},
                         {"page_count", services_.store.PageCount()}};
  return views_.Page(request, "home", std::move(view));
}

Response BrowseHandler::Topics(const Request& request) {
  nlohmann::json topics = TopicList();
  nlohmann::json view = {{"title", views_.Message(request, "topics")},
                         {"topics", topics},
                         {"has_topics", !topics.empty()}};
  return views_.Page(request, "topics", std::move(view));
}

Response BrowseHandler::Topic(const Request& request) {
  Result<kring::Topic> topic = services_.store.GetTopic(request.Param("topic"));
  if (!topic.ok()) return views_.FromError(request, topic.error());
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& page : services_.store.PagesInTopic(topic->slug)) {
    pages.push_back(SummaryView(views_, request, page));
  }
  nlohmann::json view = {{"title", topic->name},
                         {"topic_slug", topic->slug},
                         {"topic_param", PercentEncode(topic->name)},
                         {"pages", pages},
                         {"has_pages", !pages.empty()}};
  return views_.Page(request, "topic", std::move(view));
}

Response BrowseHandler::Search(const Request& request) {
  const SearchQuery query = SearchQueryFrom(request);
  nlohmann::json view = {
      {"title", views_.Message(request, "search")},
      {"q", query.text},
      {"searched", !query.text.empty() || !query.topic.empty() || !query.kind.empty()}};
  if (!view["searched"].get<bool>()) return views_.Page(request, "search", std::move(view));

  Result<SearchResults> results = services_.search.Search(query);
  if (!results.ok()) return views_.FromError(request, results.error());
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& hit : results->hits) {
    const auto kind = ParseKind(hit.kind).value_or(PageKind::kPage);
    nlohmann::json line = {
        {"url", hit.url.empty() ? "/p/" + hit.slug : hit.url},
        {"title", hit.title},
        {"kind_label", views_.Message(request, "kind_" + std::string(KindName(kind)))},
        {"date", hit.date},
        {"snippet", hit.snippet_html}};
    if (hit.file_id != 0) {
      line["file"] = {
          {"name", hit.file_name},
          {"type", hit.file_type},
          {"page_url", "/p/" + hit.slug},
          {"section", hit.section == 0 ? std::string()
                                       : views_.Message(request, "section_" + hit.section_kind) +
                                             " " + std::to_string(hit.section)}};
    }
    hits.push_back(std::move(line));
  }
  // Facet links keep the query and swap one filter; the active one links back to "all".
  auto base = [&](const std::string& skip) {
    std::string url = "/search?q=" + PercentEncode(query.text);
    if (skip != "topic" && !query.topic.empty()) url += "&topic=" + PercentEncode(query.topic);
    if (skip != "kind" && !query.kind.empty()) url += "&kind=" + PercentEncode(query.kind);
    if (skip != "type" && !query.type.empty()) url += "&type=" + PercentEncode(query.type);
    return url;
  };
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& facet : results->kinds) {
    const auto kind = ParseKind(facet.value).value_or(PageKind::kPage);
    kinds.push_back({{"label", views_.Message(request, "kind_" + std::string(KindName(kind)))},
                     {"count", facet.count},
                     {"active", facet.value == query.kind},
                     {"url", base("kind") + "&kind=" + PercentEncode(facet.value)}});
  }
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& facet : results->topics) {
    std::string name = facet.value;
    if (auto topic = services_.store.GetTopic(facet.value); topic.ok()) name = topic->name;
    topics.push_back({{"label", name},
                      {"count", facet.count},
                      {"active", facet.value == query.topic},
                      {"url", base("topic") + "&topic=" + PercentEncode(facet.value)}});
  }
  nlohmann::json types = nlohmann::json::array();
  for (const auto& facet : results->types) {
    types.push_back({{"label", facet.value},
                     {"count", facet.count},
                     {"active", facet.value == query.type},
                     {"url", base("type") + "&type=" + PercentEncode(facet.value)}});
  }
  view["types"] = types;
  view["has_types"] = !types.empty();
  const int64_t pages = (results->total + query.page_size - 1) / query.page_size;
  view["hits"] = hits;
  view["has_hits"] = !hits.empty();
  view["total"] = results->total;
  view["kinds"] = kinds;
  view["topics"] = topics;
  view["has_facets"] = !kinds.empty() || !topics.empty() || !types.empty();
  view["filtered"] = !query.topic.empty() || !query.kind.empty() || !query.type.empty();
  view["clear_url"] = "/search?q=" + PercentEncode(query.text);
  view["notice"] =
      results->notice.empty() ? "" : views_.Message(request, "notice_" + results->notice);
  const std::string here = base("");
  if (query.page > 1) view["prev_url"] = here + "&page=" + std::to_string(query.page - 1);
  if (query.page < pages) view["next_url"] = here + "&page=" + std::to_string(query.page + 1);
  view["page"] = query.page;
  view["pages"] = pages;
  return views_.Page(request, "search", std::move(view));
}

}  // namespace kring::http
