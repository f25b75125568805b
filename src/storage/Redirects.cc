// Redirects left by renames, and the rename (see Redirects.h).
#include "storage/Redirects.h"

#include <utility>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/Revisions.h"

namespace kring::sqlite {
namespace {

// ---- SQL -------------------------------------------------------------------------------------

// Redirects to a page in the trash lead nowhere until it is restored.
constexpr std::string_view kRedirectBySlug =
    "SELECT p.slug FROM redirects d JOIN pages p ON p.id = d.page_id AND p.deleted_at = '' "
    "WHERE d.old_slug = ?";
constexpr std::string_view kRedirectByTitle =
    "SELECT p.slug FROM redirects d JOIN pages p ON p.id = d.page_id AND p.deleted_at = '' "
    "WHERE d.old_title_lower = ? ORDER BY d.created_at DESC, d.old_slug LIMIT 1";
constexpr std::string_view kAliases =
    "SELECT d.old_slug, d.old_title, d.created_at FROM redirects d "
    "JOIN pages p ON p.id = d.page_id AND p.deleted_at = '' WHERE p.slug = ? "
    "ORDER BY d.created_at DESC, d.old_slug";

constexpr std::string_view kFindLivePage =
    "SELECT id, title FROM pages WHERE slug = ? AND deleted_at = ''";
constexpr std::string_view kPageAtSlug = "SELECT title, deleted_at <> '' FROM pages WHERE slug = ?";
constexpr std::string_view kRedirectOwner =
    "SELECT d.page_id, p.title FROM redirects d JOIN pages p ON p.id = d.page_id "
    "WHERE d.old_slug = ?";
constexpr std::string_view kInsertRedirect =
    "INSERT INTO redirects (old_slug, old_title, old_title_lower, page_id, created_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (old_slug) DO UPDATE SET old_title = excluded.old_title, "
    "old_title_lower = excluded.old_title_lower, page_id = excluded.page_id, "
    "created_at = excluded.created_at";
constexpr std::string_view kMoveSlug = "UPDATE pages SET slug = ? WHERE id = ?";
// The links rows follow the page, as rendering the linking pages again would make them (their
// links now resolve through the redirect); a page linking both names keeps one row.
constexpr std::string_view kMoveLinks = "UPDATE OR IGNORE links SET to_slug = ? WHERE to_slug = ?";
constexpr std::string_view kDropLinks = "DELETE FROM links WHERE to_slug = ?";
constexpr std::string_view kDropRedirect = "DELETE FROM redirects WHERE old_slug = ?";

std::string ReadSlug(const Statement& row) { return row.Text(0); }

struct LivePage {
  int64_t id = 0;
  std::string title;
};

// kConflict when `new_slug` may not become the slug of page `page_id`.
Status CheckSlugIsFree(Database& db, const std::string& new_slug, int64_t page_id) {
  Result<std::optional<std::pair<std::string, bool>>> taken = db.QueryOne(
      kPageAtSlug,
      [](const Statement& row) {
        return std::pair<std::string, bool>{row.Text(0), row.Int64(1)};
      },
      new_slug);
  if (!taken.ok()) return taken.error();
  if (taken.value()) {
    const auto& [title, in_trash] = *taken.value();
    return Error{ErrorCode::kConflict, "The slug " + new_slug + " is taken by the page \"" + title +
                                           "\"" + (in_trash ? " (in the trash)" : "") +
                                           ". Choose another slug."};
  }
  Result<std::optional<std::pair<int64_t, std::string>>> owner = db.QueryOne(
      kRedirectOwner,
      [](const Statement& row) {
        return std::pair<int64_t, std::string>{row.Int64(0), row.Text(1)};
      },
      new_slug);
  if (!owner.ok()) return owner.error();
  if (owner.value() && owner.value()->first != page_id) {
    return Error{ErrorCode::kConflict, "The slug " + new_slug +
                                           " is an earlier name of the page \"" +
                                           owner.value()->second +
                                           "\": links by that name lead there. Choose another "
                                           "slug."};
  }
  return Ok();
}

}  // namespace

Result<std::optional<std::string>> FindRedirect(Database& db, std::string_view slug,
                                                std::string_view title_lower) {
  if (!slug.empty()) {
    Result<std::optional<std::string>> by_slug = db.QueryOne(kRedirectBySlug, ReadSlug, slug);
    if (!by_slug.ok() || by_slug.value() || title_lower.empty()) return by_slug;
  }
  if (title_lower.empty()) return std::optional<std::string>();
  return db.QueryOne(kRedirectByTitle, ReadSlug, title_lower);
}

Result<std::vector<PageAlias>> ReadAliases(Database& db, std::string_view slug) {
  return db.QueryAll(
      kAliases,
      [](const Statement& row) {
        return PageAlias{row.Text(0), row.Text(1), row.Text(2)};
      },
      slug);
}

Status DropRedirect(Database& db, std::string_view slug) { return db.Execute(kDropRedirect, slug); }

Result<SaveOutcome> WriteRename(Database& db, std::string_view slug, const NewRevision& revision) {
  Result<std::optional<LivePage>> found = db.QueryOne(
      kFindLivePage,
      [](const Statement& row) {
        return LivePage{row.Int64(0), row.Text(1)};
      },
      slug);
  if (!found.ok()) return found.error();
  if (!found.value()) return Error{ErrorCode::kNotFound, "No page " + std::string(slug) + "."};
  const LivePage page = *found.value();
  const std::string& new_slug = revision.input.slug;
  if (new_slug == slug) return WriteRevision(db, revision);

  if (Status free = CheckSlugIsFree(db, new_slug, page.id); !free.ok()) return free.error();
  Status moved =
      db.Execute(kInsertRedirect, slug, page.title, ToLower(page.title), page.id, NowUtc());
  // The page takes back a name it had before.
  if (moved.ok()) moved = DropRedirect(db, new_slug);
  if (moved.ok()) moved = db.Execute(kMoveSlug, new_slug, page.id);
  // The indexer finds no page at the old slug and removes its document.
  if (moved.ok()) moved = EnqueuePage(db, slug);
  if (!moved.ok()) return moved.error();
  Result<SaveOutcome> saved = WriteRevision(db, revision);
  if (!saved.ok()) return saved;
  // After the revision, whose own links (rendered before the rename) may name the old slug.
  moved = db.Execute(kMoveLinks, new_slug, slug);
  if (moved.ok()) moved = db.Execute(kDropLinks, slug);
  if (!moved.ok()) return moved.error();
  return saved;
}

}  // namespace kring::sqlite
