// Services: what the handlers use, wired in app/. Everything here is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "accounts/AccountService.h"
#include "core/FileService.h"
#include "core/FileStore.h"
#include "core/PageLifecycle.h"
#include "core/PageService.h"
#include "core/PageStore.h"
#include "core/RecentChanges.h"
#include "core/RegisterService.h"
#include "core/Result.h"
#include "core/SearchIndex.h"
#include "core/SynonymService.h"
#include "core/ZeroResultStore.h"

namespace kring::http {

// The data folder whose free disk space /healthz and /metrics report, and the least free space
// at which the server is ready: below it /healthz answers 503 (writes would soon fail).
struct DiskCheck {
  std::string path;
  uint64_t min_free_bytes = 0;
};

struct Services {
  PageService& pages;
  PageStore& store;
  IndexQueue& queue;
  SearchIndex& search;
  FileService& files;
  FileStore& file_store;
  std::function<Status()> ping_database;  // for /healthz
  PageLifecycle& lifecycle;               // trash and renames
  RecentChangesStore& recent;             // /recent and the feeds
  // The public base URL for absolute links (feeds), "https://kring.example.be"; empty: taken
  // from each request's Host header.
  std::string public_url;
  SynonymService& synonyms;             // /admin/synonyms
  ZeroResultStore& zero_result_counts;  // /admin/zero-results across restarts
  accounts::AccountService& accounts;   // sessions, API tokens, login, the audit log
  RegisterService& registry;            // organisations, applications and who uses what
  DiskCheck disk;                       // /healthz and /metrics
  // Bytes of public pages kept for readers who are not signed in (PublicPageCache); 0: none.
  size_t response_cache_bytes = 0;
};

}  // namespace kring::http
