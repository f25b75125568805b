// Recent changes: every saved revision of every page, newest first, filtered by kind and topic
// and paged by a cursor. Read by /recent and the Atom feeds. Implemented in storage/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Page.h"
#include "core/Result.h"

namespace kring {

// One revision as the list of recent changes shows it.
struct RecentChange {
  int64_t id = 0;                   // unique per revision, growing with time: the paging cursor
  std::string slug;                 // the page's current slug (a renamed page's old revisions too)
  std::string title;                // the page's current title
  PageKind kind = PageKind::kPage;  // the page's current kind
  int64_t revision = 0;             // the revision's number within its page
  std::string author;
  std::string comment;
  std::string created_at;   // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  int64_t size = 0;         // bytes of Markdown
  int64_t size_change = 0;  // size minus the previous revision's (the whole size for the first)
  // The start of the revision's plain text: at most kExcerptChars characters, and "…" after
  // them when the text goes on.
  std::string excerpt;
  static constexpr int kExcerptChars = 280;
};

struct RecentQuery {
  std::optional<PageKind> kind;  // only pages of this kind
  std::string topic_slug;        // only pages filed under this topic; empty: every page
  int64_t before = 0;            // only revisions with an id below this; 0: from the newest
  int limit = 50;                // at most this many (the store caps it at 500)
  // Only revisions this audience may read: for the public, members-only revisions of public
  // pages are left out too (an old text may be why the page was members-only).
  Audience audience = Audience::kPublic;
};

class RecentChangesStore {
 public:
  virtual ~RecentChangesStore() = default;
  // Revisions of pages that are not in the trash, newest first. Thread-safe.
  // Errors: kUnavailable when the database is busy or failing, kInternal otherwise.
  virtual Result<std::vector<RecentChange>> RecentRevisions(const RecentQuery& query) = 0;
};

}  // namespace kring
