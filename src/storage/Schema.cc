// The schema of kring.db, one migration per schema version.
#include "storage/Schema.h"

#include <string>

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

// Version 2: files attached to pages, their extracted text, the pages linking them, and
// outbox rows naming a file. The content itself is not in the database: it lives once per
// distinct content under files/ beside it, named by its sha256 (see Blobs.h).
constexpr std::string_view kFiles = R"sql(
CREATE TABLE files (
  id               INTEGER PRIMARY KEY,
  page_id          INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  name_lower       TEXT NOT NULL,  -- kring::ToLower(name): [[file:name]] lookups
  media_type       TEXT NOT NULL,
  size             INTEGER NOT NULL,
  sha256           TEXT NOT NULL,  -- lowercase hex: the content's address in files/
  author           TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  extraction       TEXT NOT NULL DEFAULT 'pending'
                   CHECK (extraction IN ('pending', 'done', 'failed')),
  extraction_error TEXT NOT NULL DEFAULT '',
  title            TEXT NOT NULL DEFAULT '',
  section_kind     TEXT NOT NULL DEFAULT ''
);
-- Unique: uploading the same name with the same content to a page again answers the first row.
CREATE UNIQUE INDEX files_by_page ON files (page_id, name, sha256);
CREATE INDEX files_by_name_lower ON files (name_lower, id);
-- Partial: only the few files waiting for the extractor are in it.
CREATE INDEX files_pending_extraction ON files (id) WHERE extraction = 'pending';

-- A rowid table although keyed by (file_id, number): a section's text may fill many pages of
-- the B-tree, which WITHOUT ROWID tables handle badly.
CREATE TABLE file_sections (
  file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  number  INTEGER NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (file_id, number)
);

-- The files linked by each page's current revision, rebuilt on every save like `links`. A
-- table of its own rather than a nullable column in `links`, whose key is (from_page_id,
-- to_slug): a file link always names an existing file, so it can be a foreign key.
CREATE TABLE file_links (
  from_page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  file_id      INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  PRIMARY KEY (from_page_id, file_id)
) WITHOUT ROWID;
CREATE INDEX file_links_by_file ON file_links (file_id);

-- 0: the row names the page itself; otherwise the file to (re)index, slug naming its page.
ALTER TABLE index_queue ADD COLUMN file_id INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 3: the organisation a page belongs to (the municipality, city or OCMW that made or
// hosted it), as written, per revision like the date and kind, and on the page row with its key
// (kring::Slugify of the name) so that the pages of an organisation can be listed (the coming
// register, /o/{slug}). The key is stored from the start because a later migration, being SQL,
// could not compute Slugify for rows already written. Existing rows get none ('').
constexpr std::string_view kOrganisation = R"sql(
ALTER TABLE revisions ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN organisation_slug TEXT NOT NULL DEFAULT '';
-- Partial: most pages (topic pages, how-tos) belong to no organisation.
CREATE INDEX pages_by_organisation ON pages (organisation_slug, title_lower)
  WHERE organisation_slug <> '';
)sql";

// Version 4: where a meeting took place, as written, per revision like the organisation (read
// through the current revision, so the page row needs no copy), and the minutes by meeting date
// for the meetings list, the calendar feed and the home page. Existing rows get none ('').
constexpr std::string_view kPlaceAndMeetings = R"sql(
ALTER TABLE revisions ADD COLUMN place TEXT NOT NULL DEFAULT '';
-- Partial: only minutes are meetings.
CREATE INDEX pages_minutes_by_date ON pages (date) WHERE kind = 'minutes';
)sql";

// Version 5: trash and renames: a page moved to the trash keeps its row, revisions and files,
// marked with when and by whom ('' while it is not in the trash); every query for live pages asks
// deleted_at = ''. A rename leaves its old slug (and the title the page had under it) in
// `redirects`, so that old URLs and [[Old title]] links reach the page under its new slug.
constexpr std::string_view kTrashAndRedirects = R"sql(
ALTER TABLE pages ADD COLUMN deleted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
-- Partial: the trash is small, the pages out of it are not in this index at all.
CREATE INDEX pages_in_trash ON pages (deleted_at) WHERE deleted_at <> '';

CREATE TABLE redirects (
  old_slug        TEXT PRIMARY KEY,
  old_title       TEXT NOT NULL,  -- the title the page had under old_slug
  old_title_lower TEXT NOT NULL,  -- kring::ToLower(old_title): [[Old title]] links
  page_id         INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  created_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX redirects_by_title ON redirects (old_title_lower);
CREATE INDEX redirects_by_page ON redirects (page_id);
)sql";

// Page visibility: 'public' (everyone) or 'members' (members only, and so are the page's files),
// per revision like the kind, and on the page row for the lists and searches that must leave out
// what a reader may not see (every list query joins pages). Existing pages stay public.
constexpr std::string_view kPageVisibility = R"sql(
ALTER TABLE revisions ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
  CHECK (visibility IN ('public', 'members'));
ALTER TABLE pages ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
  CHECK (visibility IN ('public', 'members'));
)sql";

// Accounts: members with their role and state, their sessions and API tokens (only the tokens'
// hashes are stored), and the audit log. Names and e-mail addresses are unique regardless of
// ASCII case; an account made on the command line may have no e-mail address (''), so the
// e-mail index leaves those out. Roles and states are stored by name (kring::RoleName,
// StatusName).
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email         TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  display_name  TEXT NOT NULL DEFAULT '',
  organisation  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('member', 'editor', 'admin')),
  status        TEXT NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
  password_hash TEXT NOT NULL,  -- crypto_pwhash_str: "$argon2id$..."
  created_at    TEXT NOT NULL,
  last_login_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX users_by_email ON users (email) WHERE email <> '';

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,  -- hex BLAKE2b of the cookie's token
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label        TEXT NOT NULL DEFAULT '',
  token_hash   TEXT NOT NULL UNIQUE,  -- hex BLAKE2b of the token
  created_at   TEXT NOT NULL,
  last_used_at TEXT NOT NULL DEFAULT '',
  revoked_at   TEXT NOT NULL DEFAULT ''  -- '' while the token is valid
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,  -- login name; '' for anonymous or the system
  action  TEXT NOT NULL,
  target  TEXT NOT NULL,
  detail  TEXT NOT NULL,
  address TEXT NOT NULL
);
)sql";

// The synonym table as admins edit it: every saved table is a version, the newest is in use
// (none: the table embedded in the binary). Versions are never changed or deleted, so a change
// can be seen and undone by saving an older version again.
constexpr std::string_view kSynonyms = R"sql(
CREATE TABLE synonym_versions (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL,  -- the format of index/synonyms.txt, "\n" line ends
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

// Searches that found nothing, counted per normalised query (http/ZeroResultLog.h), kept to the
// most frequent few hundred.
constexpr std::string_view kZeroResults = R"sql(
CREATE TABLE zero_result_queries (
  query   TEXT PRIMARY KEY,
  count   INTEGER NOT NULL,
  last_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX zero_result_queries_by_count ON zero_result_queries (count DESC, last_at DESC);
)sql";

// The register: organisations, applications, which organisation uses which application (with
// its experience), and every change to them with author and time (never updated or deleted).
constexpr std::string_view kRegister = R"sql(
CREATE TABLE organisations (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,
  region     TEXT NOT NULL DEFAULT '',
  website    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE applications (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  supplier    TEXT NOT NULL DEFAULT '',
  domain      TEXT NOT NULL DEFAULT '',
  website     TEXT NOT NULL DEFAULT '',
  topics      TEXT NOT NULL DEFAULT '',  -- one per line, as written
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX applications_by_domain ON applications (domain);

CREATE TABLE usages (
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  since           TEXT NOT NULL DEFAULT '',  -- "YYYY" or "YYYY-MM-DD"
  module          TEXT NOT NULL DEFAULT '',
  satisfaction    INTEGER CHECK (satisfaction BETWEEN 1 AND 5),  -- NULL: not given
  note            TEXT NOT NULL DEFAULT '',
  contact         TEXT NOT NULL DEFAULT '',
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (organisation_id, application_id)
) WITHOUT ROWID;
CREATE INDEX usages_by_application ON usages (application_id);

CREATE TABLE register_changes (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('organisation', 'application', 'usage')),
  organisation TEXT NOT NULL DEFAULT '',  -- slug
  application  TEXT NOT NULL DEFAULT '',  -- slug
  author       TEXT NOT NULL,
  at           TEXT NOT NULL,
  summary      TEXT NOT NULL
);
CREATE INDEX register_changes_by_organisation ON register_changes (organisation, id);
CREATE INDEX register_changes_by_application ON register_changes (application, id);
)sql";

// The applications a page is about ("Recreatex", "Agility"), as written, one per line, per
// revision like its topics; and for each page's current revision, rebuilt on every save, the
// applications with their key (kring::Slugify of the name) so that the pages about an
// application can be listed (the register's /a/{slug}). Existing revisions get none ('').
constexpr std::string_view kPageApplications = R"sql(
ALTER TABLE revisions ADD COLUMN applications TEXT NOT NULL DEFAULT '';
CREATE TABLE page_applications (
  page_id          INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  application_slug TEXT NOT NULL,
  name             TEXT NOT NULL,     -- as written in the page's current revision
  position         INTEGER NOT NULL,  -- the writer's order
  PRIMARY KEY (page_id, application_slug)
) WITHOUT ROWID;
CREATE INDEX page_applications_by_application ON page_applications (application_slug);
)sql";

// The generation of the search index that is live (0: the folder DIR/xapian of earlier versions,
// n: DIR/xapian-n), and what `kring reindex` needs to build the next one beside it while the
// server indexes (core/IndexGenerations.h): the generation being built with the outbox's
// high-water mark when it began, and the outbox rows above that mark which the indexer drained
// meanwhile, copied aside by a trigger so that the swap can queue them again for the new one.
constexpr std::string_view kIndexGeneration = R"sql(
CREATE TABLE index_generation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  current    INTEGER NOT NULL,
  rebuilding INTEGER,  -- the generation being built; NULL when none
  snapshot   INTEGER   -- the highest index_queue id when that rebuild began
);
INSERT INTO index_generation (id, current) VALUES (1, 0);
CREATE TABLE index_replay (
  id      INTEGER PRIMARY KEY,
  slug    TEXT NOT NULL,
  file_id INTEGER NOT NULL
);
CREATE TRIGGER index_queue_replay AFTER DELETE ON index_queue
WHEN OLD.id > (SELECT snapshot FROM index_generation WHERE id = 1 AND rebuilding IS NOT NULL)
BEGIN
  INSERT INTO index_replay (slug, file_id) VALUES (OLD.slug, OLD.file_id);
END;
)sql";

// Version 13: a number that every committed change to what a page view shows moves on, kept by
// triggers so that no writer can forget it, whichever process writes (the server, `kring
// import` beside it, the register's store). The server's response cache (http/ResponseCache.h)
// reads it once per request: one indexed row, where PRAGMA data_version would also move on
// sessions, the audit log and the indexer's outbox, and is per connection besides. Sessions,
// tokens, the outbox and the search tuning tables are left out on purpose.
std::string ContentVersionMigration() {
  static constexpr const char* kTables[] = {
      "pages",  "revisions",         "topics",          "page_topics",   "links",
      "files",  "file_links",        "redirects",       "organisations", "applications",
      "usages", "page_applications", "synonym_versions"};
  std::string sql =
      "CREATE TABLE content_version (\n"
      "  id      INTEGER PRIMARY KEY CHECK (id = 1),\n"
      "  version INTEGER NOT NULL\n"
      ");\n"
      "INSERT INTO content_version (id, version) VALUES (1, 0);\n";
  for (const char* table : kTables) {
    for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
      sql += std::string("CREATE TRIGGER content_version_") + table + "_" + event + " AFTER " +
             event + " ON " + table +
             " BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;\n";
    }
  }
  return sql;
}

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::string content_version = ContentVersionMigration();
  static const std::vector<std::string_view> migrations = {kPagesRevisionsTopicsLinksOutbox,
                                                           kFiles,
                                                           kOrganisation,
                                                           kPlaceAndMeetings,
                                                           kTrashAndRedirects,
                                                           kPageVisibility,
                                                           kAccounts,
                                                           kSynonyms,
                                                           kZeroResults,
                                                           kPageApplications,
                                                           kRegister,
                                                           kIndexGeneration,
                                                           content_version};
  return migrations;
}

}  // namespace kring::sqlite
