// BrowseHandler: the home page, the topics and the wanted pages (the search page is
// SearchHandler's, the meetings MeetingHandler's).
#pragma once

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class BrowseHandler {
 public:
  BrowseHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response Home(const Request& request);    // GET /
  Response Topics(const Request& request);  // GET /topics
  Response Topic(const Request& request);   // GET /t/{topic}
  // Link targets no page has yet, most wanted first, with the pages linking to them.
  Response Wanted(const Request& request);  // GET /wanted

  // The most targets /wanted lists.
  static constexpr int kMaxWanted = 500;

 private:
  nlohmann::json TopicList(Audience audience) const;

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
