// RecentHandler: recent changes, as a page (/recent) and as Atom feeds (/feed.atom, and
// /t/{topic}/feed.atom for one topic). Every revision of every page out of the trash, newest
// first, filtered by ?kind= and ?topic=; the page is paged with ?before= (a revision id).
#pragma once

#include <string>

#include "http/RecentSelection.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class RecentHandler {
 public:
  RecentHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response Page(const Request& request);       // GET /recent
  Response Feed(const Request& request);       // GET /feed.atom
  Response TopicFeed(const Request& request);  // GET /t/{topic}/feed.atom

  static constexpr int kPageSize = 50;
  static constexpr int kFeedEntries = 50;

 private:
  // The feed of `topic_slug` ("" for every topic).
  Response AtomFeed(const Request& request, const std::string& topic_slug);

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
