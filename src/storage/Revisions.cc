// Writing and reading revisions (see Revisions.h).
#include "storage/Revisions.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/Redirects.h"

namespace kring::sqlite {
namespace {

// ---- SQL -------------------------------------------------------------------------------------

constexpr std::string_view kFindPage =
    "SELECT id, current_revision, deleted_at <> '' FROM pages WHERE slug = ?";
constexpr std::string_view kInsertPage = "INSERT INTO pages (slug, created_at) VALUES (?, ?)";
constexpr std::string_view kInsertRevision =
    "INSERT INTO revisions (page_id, number, title, kind, date, organisation, place, topics, body, "
    "html, text, author, comment, created_at, size, visibility, applications) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdatePage =
    "UPDATE pages SET title = ?, title_lower = ?, kind = ?, date = ?, organisation = ?, "
    "organisation_slug = ?, current_revision = ?, current_revision_id = ?, updated_at = ?, "
    "visibility = ? WHERE id = ?";
constexpr std::string_view kDeletePageTopics = "DELETE FROM page_topics WHERE page_id = ?";
// The first name written for a topic stays its name.
constexpr std::string_view kInsertTopic =
    "INSERT INTO topics (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING";
constexpr std::string_view kInsertPageTopic =
    "INSERT OR IGNORE INTO page_topics (page_id, topic_slug, position) VALUES (?, ?, ?)";
constexpr std::string_view kDeletePageApplications =
    "DELETE FROM page_applications WHERE page_id = ?";
constexpr std::string_view kInsertPageApplication =
    "INSERT OR IGNORE INTO page_applications (page_id, application_slug, name, position) "
    "VALUES (?, ?, ?, ?)";
constexpr std::string_view kDeleteLinks = "DELETE FROM links WHERE from_page_id = ?";
constexpr std::string_view kInsertLink =
    "INSERT OR IGNORE INTO links (from_page_id, to_slug) VALUES (?, ?)";
constexpr std::string_view kDeleteFileLinks = "DELETE FROM file_links WHERE from_page_id = ?";
// Through a SELECT so that an id naming no file adds no row instead of failing the foreign key.
constexpr std::string_view kInsertFileLink =
    "INSERT OR IGNORE INTO file_links (from_page_id, file_id) SELECT ?, id FROM files WHERE id = ?";
constexpr std::string_view kEnqueue = "INSERT INTO index_queue (slug, enqueued_at) VALUES (?, ?)";

// Columns read by ReadRow.
const std::string kSelectRevision =
    "SELECT p.slug, r.title, r.kind, r.date, r.topics, r.number, r.body, r.html, r.text, "
    "r.author, p.created_at, r.created_at, r.organisation, r.place, r.visibility, r.applications "
    "FROM pages p "
    "JOIN revisions r ON r.page_id = p.id "
    "WHERE p.deleted_at = '' AND p.slug = ? AND r.number = ";
const std::string kCurrentRevision = kSelectRevision + "p.current_revision";
const std::string kGivenRevision = kSelectRevision + "?";
constexpr std::string_view kTopicName = "SELECT name FROM topics WHERE slug = ?";

// ---- Topic names kept with a revision --------------------------------------------------------

// The topics (or applications) a writer named, keyed by Slugify(name): names without a letter or
// digit and repeated slugs are dropped. The names are stored one per line, so a line break inside a
// name becomes a space.
std::vector<Topic> TopicsOf(const std::vector<std::string>& names) {
  std::vector<Topic> topics;
  for (std::string name : names) {
    for (char& c : name) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    name = Trim(name);
    std::string slug = Slugify(name);
    if (slug.empty()) continue;
    bool seen = false;
    for (const Topic& topic : topics) seen = seen || topic.slug == slug;
    if (!seen) topics.push_back(Topic{std::move(slug), std::move(name)});
  }
  return topics;
}

std::string JoinNames(const std::vector<Topic>& topics) {
  std::string joined;
  for (const Topic& topic : topics) {
    if (!joined.empty()) joined += '\n';
    joined += topic.name;
  }
  return joined;
}

std::vector<std::string> SplitNames(const std::string& joined) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    names.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

// ---- Writing ---------------------------------------------------------------------------------

struct PageRow {
  int64_t id = 0;  // 0: no such page yet
  int64_t current_revision = 0;
  bool in_trash = false;
};

Status ReplaceTopics(Database& db, int64_t page_id, const std::vector<Topic>& topics) {
  if (Status cleared = db.Execute(kDeletePageTopics, page_id); !cleared.ok()) return cleared;
  int64_t position = 0;
  for (const Topic& topic : topics) {
    if (Status added = db.Execute(kInsertTopic, topic.slug, topic.name); !added.ok()) return added;
    if (Status filed = db.Execute(kInsertPageTopic, page_id, topic.slug, position++); !filed.ok()) {
      return filed;
    }
  }
  return Ok();
}

// Applications are named as written in the page's current revision (no shared name table: the
// register of applications names them).
Status ReplaceApplications(Database& db, int64_t page_id, const std::vector<Topic>& applications) {
  if (Status cleared = db.Execute(kDeletePageApplications, page_id); !cleared.ok()) return cleared;
  int64_t position = 0;
  for (const Topic& application : applications) {
    if (Status filed = db.Execute(kInsertPageApplication, page_id, application.slug,
                                  application.name, position++);
        !filed.ok()) {
      return filed;
    }
  }
  return Ok();
}

Status ReplaceLinks(Database& db, int64_t page_id, const std::vector<std::string>& slugs) {
  if (Status cleared = db.Execute(kDeleteLinks, page_id); !cleared.ok()) return cleared;
  for (const std::string& slug : slugs) {
    if (slug.empty()) continue;
    if (Status added = db.Execute(kInsertLink, page_id, slug); !added.ok()) return added;
  }
  return Ok();
}

Status ReplaceFileLinks(Database& db, int64_t page_id, const std::vector<int64_t>& file_ids) {
  if (Status cleared = db.Execute(kDeleteFileLinks, page_id); !cleared.ok()) return cleared;
  for (int64_t file_id : file_ids) {
    if (Status added = db.Execute(kInsertFileLink, page_id, file_id); !added.ok()) return added;
  }
  return Ok();
}

Error Conflict(const std::string& slug, int64_t current, int64_t base) {
  return Error{ErrorCode::kConflict, "The page " + slug +
                                         " was changed while it was being edited: it is at "
                                         "revision " +
                                         std::to_string(current) +
                                         ", the edit started from revision " +
                                         std::to_string(base) + "."};
}

// ---- Reading ---------------------------------------------------------------------------------

struct StoredRevision {
  Page page;
  std::string topic_names;  // one per line, as written
};

StoredRevision ReadRow(const Statement& row) {
  StoredRevision stored;
  Page& page = stored.page;
  page.slug = row.Text(0);
  page.title = row.Text(1);
  page.kind = ParseKind(row.Text(2)).value_or(PageKind::kPage);
  page.date = row.Text(3);
  stored.topic_names = row.Text(4);
  page.revision = row.Int64(5);
  page.body = row.Text(6);
  page.html = row.Text(7);
  page.text = row.Text(8);
  page.author = row.Text(9);
  page.created_at = row.Text(10);
  page.updated_at = row.Text(11);  // when this revision was saved
  page.organisation = row.Text(12);
  page.place = row.Text(13);
  page.visibility = ParseVisibility(row.Text(14)).value_or(Visibility::kMembers);
  page.applications = SplitNames(row.Text(15));
  return stored;
}

// The page a query on kCurrentRevision or kGivenRevision answers, its topics named as the
// topics table names them (the first name written), in the writer's order.
template <typename... Values>
Result<Page> ReadPage(Database& db, std::string_view sql, std::string not_found,
                      const Values&... values) {
  Result<std::optional<StoredRevision>> found = db.QueryOne(sql, ReadRow, values...);
  if (!found.ok()) return found.error();
  if (!found.value()) return Error{ErrorCode::kNotFound, std::move(not_found)};
  Page page = std::move(found.value()->page);
  for (const std::string& name : SplitNames(found.value()->topic_names)) {
    std::string slug = Slugify(name);
    Result<std::optional<std::string>> canonical = db.QueryOne(
        kTopicName, [](const Statement& row) { return row.Text(0); }, slug);
    if (!canonical.ok()) return canonical.error();
    page.topics.push_back(Topic{std::move(slug), canonical.value().value_or(name)});
  }
  return page;
}

}  // namespace

Result<SaveOutcome> WriteRevision(Database& db, const NewRevision& revision) {
  const PageInput& input = revision.input;
  Result<std::optional<PageRow>> found = db.QueryOne(
      kFindPage,
      [](const Statement& row) {
        return PageRow{row.Int64(0), row.Int64(1), row.Int64(2) != 0};
      },
      input.slug);
  if (!found.ok()) return found.error();
  PageRow page = found.value().value_or(PageRow{});
  if (page.in_trash) {
    return Error{ErrorCode::kConflict,
                 "The page " + input.slug +
                     " is in the trash: restore it from the trash (/admin/trash), or choose "
                     "another title."};
  }
  if (input.base_revision && *input.base_revision != page.current_revision) {
    return Conflict(input.slug, page.current_revision, *input.base_revision);
  }

  const std::string now = NowUtc();
  const bool created = page.id == 0;
  if (created) {
    if (Status inserted = db.Execute(kInsertPage, input.slug, now); !inserted.ok()) {
      return inserted.error();
    }
    page.id = db.LastInsertId();
    // A page made at a slug that a rename left behind takes it over: links by that name
    // reach it.
    if (Status dropped = DropRedirect(db, input.slug); !dropped.ok()) {
      return dropped.error();
    }
  }
  const int64_t number = page.current_revision + 1;
  const std::vector<Topic> topics = TopicsOf(input.topics);
  const std::vector<Topic> applications = TopicsOf(input.applications);
  const std::string author = Trim(input.author).empty() ? "anonymous" : input.author;
  const std::string_view kind = KindName(input.kind);
  const std::string_view visibility = VisibilityName(input.visibility);
  if (Status inserted =
          db.Execute(kInsertRevision, page.id, number, input.title, kind, input.date,
                     input.organisation, input.place, JoinNames(topics), input.body, revision.html,
                     revision.text, author, input.comment, now,
                     static_cast<int64_t>(input.body.size()), visibility, JoinNames(applications));
      !inserted.ok()) {
    return inserted.error();
  }
  const int64_t revision_id = db.LastInsertId();
  if (Status updated = db.Execute(kUpdatePage, input.title, ToLower(input.title), kind, input.date,
                                  input.organisation, Slugify(input.organisation), number,
                                  revision_id, now, visibility, page.id);
      !updated.ok()) {
    return updated.error();
  }
  if (Status filed = ReplaceTopics(db, page.id, topics); !filed.ok()) return filed.error();
  if (Status filed = ReplaceApplications(db, page.id, applications); !filed.ok()) {
    return filed.error();
  }
  if (Status linked = ReplaceLinks(db, page.id, revision.link_slugs); !linked.ok()) {
    return linked.error();
  }
  if (Status linked = ReplaceFileLinks(db, page.id, revision.file_ids); !linked.ok()) {
    return linked.error();
  }
  if (Status queued = EnqueuePage(db, input.slug); !queued.ok()) return queued.error();
  return SaveOutcome{input.slug, number, created};
}

Status EnqueuePage(Database& db, std::string_view slug) {
  return db.Execute(kEnqueue, slug, NowUtc());
}

Result<Page> ReadCurrentRevision(Database& db, std::string_view slug) {
  return ReadPage(db, kCurrentRevision, "No page " + std::string(slug) + ".", slug);
}

Result<Page> ReadRevision(Database& db, std::string_view slug, int64_t number) {
  return ReadPage(
      db, kGivenRevision,
      "The page " + std::string(slug) + " has no revision " + std::to_string(number) + ".", slug,
      number);
}

}  // namespace kring::sqlite
