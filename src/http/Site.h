// Site: every handler and the one route table of Kring (see ARCHITECTURE.md "URL map").
#pragma once

#include <memory>

#include "http/ApiHandler.h"
#include "http/BrowseHandler.h"
#include "http/FileHandler.h"
#include "http/PageHandler.h"
#include "http/Router.h"
#include "http/Services.h"
#include "http/SystemHandler.h"
#include "http/Views.h"

namespace kring::http {

class Site {
 public:
  // `services` and `views` must outlive the site.
  Site(Services& services, const Views& views);

  const Router& router() const { return router_; }
  // The error page of a status with its standard message (the server's 400 and 500).
  Response ErrorPage(const Request& request, int status) const;

 private:
  const Views& views_;
  PageHandler pages_;
  BrowseHandler browse_;
  ApiHandler api_;
  FileHandler files_;
  SystemHandler system_;
  Router router_;
};

}  // namespace kring::http
