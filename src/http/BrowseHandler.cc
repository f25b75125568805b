#include "http/BrowseHandler.h"

#include <cctype>

#include "core/Page.h"
#include "core/Text.h"
#include "http/MeetingHandler.h"
#include "http/MeetingViews.h"
#include "http/MembersOnly.h"
#include "http/PageHandler.h"
#include "http/Url.h"

namespace kring::http {

nlohmann::json BrowseHandler::TopicList(Audience audience) const {
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& [topic, count] : services_.store.Topics(audience)) {
    topics.push_back({{"slug", topic.slug}, {"name", topic.name}, {"count", count}});
  }
  return topics;
}

Response BrowseHandler::Home(const Request& request) {
  nlohmann::json recent = nlohmann::json::array();
  const Audience audience = AudienceOf(request);
  for (const auto& page : services_.store.RecentChanges(15, audience)) {
    recent.push_back(SummaryView(views_, request, page));
  }
  nlohmann::json topics = TopicList(audience);
  nlohmann::json view = {{"title", views_.Message(request, "home_title")},
                         {"topics", topics},
                         {"has_topics", !topics.empty()},
                         {"recent", recent},
                         {"has_recent", !recent.empty()},
                         {"page_count", services_.store.PageCount()}};
  const std::string today = Today();
  for (const Meeting& next : services_.store.UpcomingMeetings(today, 1, audience)) {
    view["next_meeting"] = MeetingView(views_, request, next);
  }
  for (const Meeting& latest : services_.store.PastMeetings(today, 1, audience)) {
    view["latest_minutes"] = MeetingView(views_, request, latest);
  }
  return views_.Page(request, "home", std::move(view));
}

Response BrowseHandler::Topics(const Request& request) {
  nlohmann::json topics = TopicList(AudienceOf(request));
  nlohmann::json view = {{"title", views_.Message(request, "topics")},
                         {"topics", topics},
                         {"has_topics", !topics.empty()}};
  return views_.Page(request, "topics", std::move(view));
}

Response BrowseHandler::Topic(const Request& request) {
  Result<kring::Topic> topic = services_.store.GetTopic(request.Param("topic"));
  if (!topic.ok()) return views_.FromError(request, topic.error());
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& page : services_.store.PagesInTopic(topic->slug, AudienceOf(request))) {
    pages.push_back(SummaryView(views_, request, page));
  }
  nlohmann::json view = {
      {"title", topic->name},
      {"topic_slug", topic->slug},
      {"topic_param", PercentEncode(topic->name)},
      {"pages", pages},
      {"has_pages", !pages.empty()},
      {"feeds", nlohmann::json::array(
                    {{{"href", "/feed.atom"}, {"title", views_.Message(request, "feed_recent")}},
                     {{"href", "/t/" + topic->slug + "/feed.atom"},
                      {"title", views_.Message(request, "feed_topic")}}})}};
  return views_.Page(request, "topic", std::move(view));
}

Response BrowseHandler::Wanted(const Request& request) {
  nlohmann::json wanted = nlohmann::json::array();
  for (const WantedPage& target : services_.store.WantedPages(kMaxWanted, AudienceOf(request))) {
    // The links store slugs, not the text written: a title made from the slug is a fair start
    // that the member can correct in the form (any title with this slug fills the red links).
    std::string title = target.slug;
    for (char& c : title) {
      if (c == '-') c = ' ';
    }
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    nlohmann::json pages = nlohmann::json::array();
    for (const PageSummary& page : target.wanted_by) {
      pages.push_back(SummaryView(views_, request, page));
    }
    wanted.push_back({{"slug", target.slug},
                      {"title", title},
                      {"references", target.references},
                      {"create_url", "/new?title=" + PercentEncode(title)},
                      {"wanted_by", pages}});
  }
  nlohmann::json view = {{"title", views_.Message(request, "wanted_pages")},
                         {"wanted", wanted},
                         {"has_wanted", !wanted.empty()}};
  return views_.Page(request, "wanted", std::move(view));
}

}  // namespace kring::http
