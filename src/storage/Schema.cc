// The schema of kring.db, one migration per schema version.
#include "storage/Schema.h"

namespace kring::sqlite {
namespace {

// Version 1: pages with their revisions, topics, links and the index outbox.
// Times are UTC text "YYYY-MM-DDTHH:MM:SSZ", which sorts as it reads.
constexpr std::string_view kPagesRevisionsTopicsLinksOutbox = R"sql(
CREATE TABLE pages (
  id                  INTEGER PRIMARY KEY,
  slug                TEXT NOT NULL UNIQUE,
  title               TEXT NOT NULL DEFAULT '',
  title_lower         TEXT NOT NULL DEFAULT '',  -- kring::ToLower(title): wiki-link targets
  kind                TEXT NOT NULL DEFAULT 'page',
  date                TEXT NOT NULL DEFAULT '',
  current_revision    INTEGER NOT NULL DEFAULT 0,
  current_revision_id INTEGER,  -- revisions.id: orders changes made within the same second
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pages_by_title_lower ON pages (title_lower, slug);  -- lookups and A-Z lists
CREATE INDEX pages_by_change ON pages (updated_at, current_revision_id);

CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  page_id    INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  number     INTEGER NOT NULL,
  title      TEXT NOT NULL,
  kind       TEXT NOT NULL,
  date       TEXT NOT NULL,
  topics     TEXT NOT NULL,  -- topic names as written, one per line: old revisions keep theirs
  body       TEXT NOT NULL,
  html       TEXT NOT NULL,
  text       TEXT NOT NULL,
  author     TEXT NOT NULL,
  comment    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  size       INTEGER NOT NULL,  -- bytes of Markdown
  UNIQUE (page_id, number)
);

CREATE TABLE topics (
  slug TEXT PRIMARY KEY,
  name TEXT NOT NULL  -- as first written
) WITHOUT ROWID;

-- The topics of each page's current revision.
CREATE TABLE page_topics (
  page_id    INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  topic_slug TEXT NOT NULL REFERENCES topics (slug),
  position   INTEGER NOT NULL,  -- the writer's order
  PRIMARY KEY (page_id, topic_slug)
) WITHOUT ROWID;
CREATE INDEX page_topics_by_topic ON page_topics (topic_slug);

-- The links of each page's current revision, rebuilt on every save. to_slug need not exist:
-- those are the red links.
CREATE TABLE links (
  from_page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  to_slug      TEXT NOT NULL,
  PRIMARY KEY (from_page_id, to_slug)
) WITHOUT ROWID;
CREATE INDEX links_by_to_slug ON links (to_slug);

-- The outbox: pages to (re)index. AUTOINCREMENT so that an id is never reused, even after the
-- indexer deleted the newest rows: the indexer may still hold ids from an earlier batch.
CREATE TABLE index_queue (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  slug        TEXT NOT NULL,
  enqueued_at TEXT NOT NULL
);
)sql";

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> migrations = {kPagesRevisionsTopicsLinksOutbox};
  return migrations;
}

}  // namespace kring::sqlite
