// BrowseHandler: the home page, topics and the search page.
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
  Response Search(const Request& request);  // GET /search?q=&topic=&kind=&page=

 private:
  nlohmann::json TopicList() const;

  Services& services_;
  const Views& views_;
};

// Reads q, topic, kind and page from the query string (page clamped to 1..1000).
SearchQuery SearchQueryFrom(const Request& request);

}  // namespace kring::http
