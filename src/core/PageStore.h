// PageStore: where pages, revisions, topics and links live (SQLite in storage/).
// IndexQueue: the outbox the indexer drains (same database, see ARCHITECTURE.md "Data flow").
//
// Implementations are thread-safe: every method may be called from any thread at the same time
// (storage/ keeps one SQLite connection per thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Meetings.h"
#include "core/Page.h"
#include "core/Result.h"

namespace kring {

// A revision ready to be written: the input plus what PageService derived from it.
struct NewRevision {
  PageInput input;                      // input.slug is set and valid
  std::string html;                     // rendered body
  std::string text;                     // plain text of the body
  std::vector<std::string> link_slugs;  // slugs the body links to (existing or not), deduplicated
  std::vector<int64_t> file_ids;        // stored files the body links to, deduplicated
};

class PageStore {
 public:
  virtual ~PageStore() = default;

  // Writes one revision in one transaction: the revision row, the page row (created on the
  // first save), its topics, its links, and an outbox row naming the page.
  // Fails with kConflict when input.base_revision is set and differs from the current revision
  // (a base_revision on a page that does not exist yet is a conflict too, unless it is 0).
  virtual Result<SaveOutcome> SaveRevision(const NewRevision& revision) = 0;

  // Runs `work` on the calling thread as one transaction, for bulk writes (an import): what it
  // writes through this store on the calling thread commits at once when it answers Ok, and is
  // rolled back when it fails (answers an error or throws). Inside, each write still succeeds
  // or fails on its own (a refused save changes nothing) and reads see the writes made so far,
  // but nothing is durable, or seen by other threads, before the batch commits; meanwhile
  // writers on other threads wait, so keep a batch to a few seconds. Batches may nest.
  // Errors: `work`'s error; kUnavailable when the store is busy past its timeout or the disk
  // fails (nothing of the batch is kept then).
  virtual Status RunBatch(const std::function<Status()>& work) = 0;

  // The current revision of a page; kNotFound when there is none.
  virtual Result<Page> Get(std::string_view slug) = 0;

  // A given revision of a page (body, html, text, author, date); kNotFound when absent.
  virtual Result<Page> GetRevision(std::string_view slug, int64_t number) = 0;

  // The slug of the page a wiki-link target names: an existing slug equal to Slugify(target),
  // else a page whose title equals the target case-insensitively. nullopt: a red link.
  virtual std::optional<std::string> ResolveTarget(std::string_view target) = 0;

  // Replaces the stored HTML of a page's current revision (after a link target appeared).
  virtual Status UpdateRenderedHtml(std::string_view slug, int64_t revision,
                                    const std::string& html) = 0;

  // Slugs of pages whose current revision links to `slug`.
  virtual std::vector<std::string> LinkingSlugs(std::string_view slug) = 0;
  // The same pages as summaries (with their kind and date), ordered by title; only those
  // `audience` may read (here and in every list below that takes an audience).
  virtual std::vector<PageSummary> Backlinks(std::string_view slug, Audience audience) = 0;
  // Link targets that are not pages, most referenced first, at most `limit`, each with the
  // pages linking to it; links from pages `audience` may not read do not count.
  virtual std::vector<WantedPage> WantedPages(int limit, Audience audience) = 0;

  // Minutes dated `today` ("YYYY-MM-DD") or later, soonest first, at most `limit`.
  virtual std::vector<Meeting> UpcomingMeetings(std::string_view today, int limit,
                                                Audience audience) = 0;
  // Minutes dated before `today`, newest first, at most `limit`. Minutes without a date are in
  // neither list.
  virtual std::vector<Meeting> PastMeetings(std::string_view today, int limit,
                                            Audience audience) = 0;

  // Most recently changed pages first.
  virtual std::vector<PageSummary> RecentChanges(int limit, Audience audience) = 0;
  // Every page ordered by title (for imports, checks and the sitemap).
  virtual std::vector<PageSummary> AllPages(Audience audience) = 0;
  // Topics with the number of pages in each that `audience` may read (topics without any are
  // left out), ordered by name.
  virtual std::vector<std::pair<Topic, int64_t>> Topics(Audience audience) = 0;
  virtual Result<Topic> GetTopic(std::string_view topic_slug) = 0;
  // Pages filed under a topic, ordered by title.
  virtual std::vector<PageSummary> PagesInTopic(std::string_view topic_slug, Audience audience) = 0;
  // Revisions of a page, newest first.
  virtual std::vector<RevisionInfo> History(std::string_view slug) = 0;
  virtual int64_t PageCount() = 0;

  // A number that moves on with every committed change to what pages show (pages, revisions,
  // topics, links, files, renames, the register, synonyms), by any writer, this process or
  // another: a page rendered after reading version v shows every change up to v at least.
  // Errors: kUnavailable when the database cannot be read.
  virtual Result<int64_t> ContentVersion() = 0;
};

// One outbox row: "(re)index this page", or this file when file_id is set.
struct IndexWork {
  int64_t id = 0;
  std::string slug;     // the page; for a file, the page it is attached to
  int64_t file_id = 0;  // 0: the page itself
};

class IndexQueue {
 public:
  virtual ~IndexQueue() = default;
  // Oldest first, at most `limit`.
  virtual std::vector<IndexWork> Pending(int limit) = 0;
  // Deletes the rows once the index has committed them.
  virtual Status MarkIndexed(const std::vector<int64_t>& ids) = 0;
  // Rows not yet indexed.
  virtual int64_t Lag() = 0;
  // Adds a row for every page, in one transaction: the index is rebuilt in place as the indexer
  // drains them (it indexes each page's files with the page). For an index written by an older
  // build (see XapianIndexWriter::Outdated).
  virtual Status EnqueueAllPages() = 0;
};

}  // namespace kring
