// RecentSelection: which recent changes a request asks for (?kind=, ?topic= or a topic in the
// path, ?before=), read and checked once for /recent and the Atom feeds, and the links that
// keep the selection.
#pragma once

#include <string>

#include "core/RecentChanges.h"
#include "core/Result.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

struct RecentSelection {
  RecentQuery query;
  std::string kind;        // as asked ("minutes"), "" for every kind
  std::string topic_slug;  // "" for every topic
  std::string topic_name;  // the topic's name, when one is selected

  // "kind=minutes&topic=crm" (only what is selected; "" for everything), percent-encoded.
  std::string Filters() const;
  // `path` with the filters and `extra` ("before=12") as its query string.
  std::string Url(const std::string& path, const std::string& extra = "") const;
};

// Reads the selection; `topic_slug` from the path wins over ?topic=. Errors, with a message
// in the request's language: kInvalidInput (an unknown kind, a cursor that is not a positive
// number), kNotFound (no such topic), or the store's error.
Result<RecentSelection> ReadRecentSelection(const Request& request, Services& services,
                                            const Views& views, int limit,
                                            const std::string& topic_slug = "");

// The page that shows what a revision changed: its diff with the one before, or the revision
// itself when it is the first.
std::string ChangeUrl(const RecentChange& change);

}  // namespace kring::http
