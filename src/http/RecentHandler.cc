#include "http/RecentHandler.h"

#include <utility>
#include <vector>

#include "core/Text.h"
#include "http/MembersOnly.h"
#include "http/PageHandler.h"
#include "http/Url.h"
#include "render/AtomFeed.h"

namespace kring::http {
namespace {

// "+12", "−5" (a minus sign, not a hyphen) or "0".
std::string SignedBytes(int64_t change) {
  if (change > 0) return "+" + std::to_string(change);
  if (change < 0) return "\u2212" + std::to_string(-change);
  return "0";
}

// The authority of the feeds' tag: URIs (RFC 4151): the public host name, lowercased, when it
// is a DNS name or IPv4 address; else "localhost".
std::string TagAuthority(const std::string& base_url) {
  std::string host = ToLower(HostOfUrl(base_url));
  const bool dns =
      !host.empty() && host.front() != '-' && host.back() != '-' &&
      host.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") == std::string::npos &&
      host.find("..") == std::string::npos && host.front() != '.' && host.back() != '.';
  return dns ? host : "localhost";
}

}  // namespace

Response RecentHandler::Page(const Request& request) {
  Result<RecentSelection> selection =
      ReadRecentSelection(request, services_, views_, kPageSize + 1);
  if (!selection.ok()) return views_.FromError(request, selection.error());
  Result<std::vector<RecentChange>> changes = services_.recent.RecentRevisions(selection->query);
  if (!changes.ok()) return views_.FromError(request, changes.error());
  const bool more = changes->size() > static_cast<size_t>(kPageSize);
  if (more) changes->pop_back();

  nlohmann::json items = nlohmann::json::array();
  for (const RecentChange& change : changes.value()) {
    items.push_back({{"time", views_.DateTime(request, change.created_at)},
                     {"iso_time", change.created_at},
                     {"slug", change.slug},
                     {"title", change.title},
                     {"kind", std::string(KindName(change.kind))},
                     {"kind_label", KindLabel(views_, request, change.kind)},
                     {"revision", change.revision},
                     {"created", change.revision == 1},
                     {"change_url", ChangeUrl(change)},
                     {"author", change.author},
                     {"comment", change.comment},
                     {"size_change", SignedBytes(change.size_change)},
                     {"grew", change.size_change > 0},
                     {"shrank", change.size_change < 0}});
  }
  nlohmann::json kinds =
      nlohmann::json::array({{{"value", ""},
                              {"label", views_.Message(request, "filter_all_kinds")},
                              {"selected", selection->kind.empty()}}});
  for (PageKind kind : AllKinds()) {
    kinds.push_back({{"value", std::string(KindName(kind))},
                     {"label", KindLabel(views_, request, kind)},
                     {"selected", selection->kind == KindName(kind)}});
  }
  nlohmann::json topics =
      nlohmann::json::array({{{"value", ""},
                              {"label", views_.Message(request, "filter_all_topics")},
                              {"selected", selection->topic_slug.empty()}}});
  for (const auto& [topic, count] : services_.store.Topics(AudienceOf(request))) {
    topics.push_back({{"value", topic.slug},
                      {"label", topic.name},
                      {"selected", topic.slug == selection->topic_slug}});
  }
  const std::string feed_url = selection->Url("/feed.atom");
  nlohmann::json view = {
      {"title", views_.Message(request, "recent_changes")},
      {"changes", items},
      {"has_changes", !items.empty()},
      {"kinds", kinds},
      {"topics", topics},
      {"filtered", !selection->Filters().empty()},
      {"feed_url", feed_url},
      {"feeds", nlohmann::json::array(
                    {{{"href", feed_url}, {"title", views_.Message(request, "feed_recent")}}})},
      {"older_url",
       more ? selection->Url("/recent", "before=" + std::to_string(changes->back().id)) : ""},
      {"newest_url", selection->query.before != 0 ? selection->Url("/recent") : ""}};
  return views_.Page(request, "recent", std::move(view));
}

Response RecentHandler::Feed(const Request& request) { return AtomFeed(request, ""); }

Response RecentHandler::TopicFeed(const Request& request) {
  return AtomFeed(request, request.Param("topic"));
}

Response RecentHandler::AtomFeed(const Request& request, const std::string& topic_slug) {
  Result<RecentSelection> selection =
      ReadRecentSelection(request, services_, views_, kFeedEntries, topic_slug);
  if (!selection.ok()) return views_.FromError(request, selection.error());
  Result<std::vector<RecentChange>> changes = services_.recent.RecentRevisions(selection->query);
  if (!changes.ok()) return views_.FromError(request, changes.error());

  const std::string base = BaseUrl(services_.public_url, request.Header("host"));
  const std::string tag = "tag:" + TagAuthority(base) + ",2013:kring:";
  AtomFeedData feed;
  feed.id = tag + "recent";
  feed.title = views_.Message(request, "feed_title");
  if (!selection->topic_slug.empty()) {
    feed.id += ":topic=" + selection->topic_slug;
    feed.title += ": " + selection->topic_name;
  }
  if (selection->query.kind) {
    feed.id += ":kind=" + selection->kind;
    feed.title += " (" + KindLabel(views_, request, *selection->query.kind) + ")";
  }
  feed.lang = views_.Language(request);
  feed.updated = changes->empty() ? NowUtc() : changes->front().created_at;
  // The topic feed's own address names its topic in the path, not in the query.
  feed.self_url =
      base + (topic_slug.empty() ? selection->Url("/feed.atom")
                                 : "/t/" + selection->topic_slug + "/feed.atom" +
                                       (selection->kind.empty() ? "" : "?kind=" + selection->kind));
  feed.alternate_url = base + selection->Url("/recent");
  feed.author = "Kring";
  feed.generator_version = KRING_VERSION;
  for (const RecentChange& change : changes.value()) {
    AtomEntry entry;
    entry.id = tag + "revision:" + std::to_string(change.id);
    entry.title = change.title;
    entry.updated = change.created_at;
    entry.link = base + ChangeUrl(change);
    entry.author = change.author;
    entry.summary = change.comment.empty() ? change.excerpt : change.comment;
    nlohmann::json view = {{"title", change.title},
                           {"page_url", base + "/p/" + change.slug},
                           {"change_url", entry.link},
                           {"created", change.revision == 1},
                           {"revision", change.revision},
                           {"author", change.author},
                           {"comment", change.comment},
                           {"kind_label", KindLabel(views_, request, change.kind)},
                           {"size_change", SignedBytes(change.size_change)},
                           {"excerpt", change.excerpt}};
    Result<std::string> content = views_.Fragment(request, "feed-entry", std::move(view));
    if (!content.ok()) return views_.FromError(request, content.error());
    entry.content_html = std::move(content.value());
    feed.entries.push_back(std::move(entry));
  }
  Response response;
  response.content_type = "application/atom+xml; charset=utf-8";
  response.body = WriteAtomFeed(feed);
  return response;
}

}  // namespace kring::http
