// Services: what the handlers use, wired in app/. Everything here is thread-safe.
#pragma once

#include <functional>

#include "core/FileService.h"
#include "core/FileStore.h"
#include "core/PageService.h"
#include "core/PageStore.h"
#include "core/Result.h"
#include "core/SearchIndex.h"

namespace kring::http {

struct Services {
  PageService& pages;
  PageStore& store;
  IndexQueue& queue;
  SearchIndex& search;
  FileService& files;
  FileStore& file_store;
  std::function<Status()> ping_database;  // for /healthz
};

}  // namespace kring::http
