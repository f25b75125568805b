// Site: every handler and the one route table of Kring (see ARCHITECTURE.md "URL map").
#pragma once

#include <memory>

#include "http/AccountHandler.h"
#include "http/AdminHandler.h"
#include "http/ApiHandler.h"
#include "http/AuthGate.h"
#include "http/BrowseHandler.h"
#include "http/FileHandler.h"
#include "http/HistoryHandler.h"
#include "http/MeetingHandler.h"
#include "http/MetricsHandler.h"
#include "http/PageHandler.h"
#include "http/PublicPageCache.h"
#include "http/RecentHandler.h"
#include "http/RegisterApi.h"
#include "http/RegisterHandler.h"
#include "http/RenameHandler.h"
#include "http/RequestMetrics.h"
#include "http/Router.h"
#include "http/SearchHandler.h"
#include "http/Services.h"
#include "http/SynonymsHandler.h"
#include "http/SystemHandler.h"
#include "http/TrashHandler.h"
#include "http/UsersHandler.h"
#include "http/Views.h"
#include "http/ZeroResultLog.h"

namespace kring::http {

class Site {
 public:
  // `services` and `views` must outlive the site.
  Site(Services& services, const Views& views);

  const Router& router() const { return router_; }
  // The requests and searches counted for /metrics (the server records into it).
  RequestMetrics& metrics() { return metrics_; }
  // The searches with words that found nothing.
  const ZeroResultLog& zero_results() const { return zero_results_; }
  // The error page of a status with its standard message (the server's 400 and 500).
  Response ErrorPage(const Request& request, int status) const;

 private:
  const Views& views_;
  ZeroResultLog zero_results_;  // before the handlers that keep a reference to it
  RequestMetrics metrics_;      // likewise
  PublicPageCache page_cache_;  // likewise
  PageHandler pages_;
  HistoryHandler history_;
  BrowseHandler browse_;
  MeetingHandler meetings_;
  SearchHandler search_;
  AdminHandler admin_;
  ApiHandler api_;
  FileHandler files_;
  SystemHandler system_;
  RecentHandler recent_;
  TrashHandler trash_;
  RenameHandler rename_;
  AuthGate gate_;
  AccountHandler account_;
  UsersHandler users_;
  SynonymsHandler synonyms_;
  RegisterHandler register_;
  RegisterApi register_api_;
  MetricsHandler metrics_handler_;
  Router router_;
};

}  // namespace kring::http
