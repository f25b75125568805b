// BrowseHandler: the home page and the topics (the search page is SearchHandler's).
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

 private:
  nlohmann::json TopicList() const;

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
