// Redirects: the slugs and titles a page had before a rename (the `redirects` table), and the
// rename itself. The part of SqlitePageStore that owns that table. Functions, not a class: each
// works on the connection it is given, on the caller's thread (like Revisions.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/PageLifecycle.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring::sqlite {

class Database;

// The current slug of the page (out of the trash) that had `slug` as its slug before a rename,
// else one that had a title whose kring::ToLower is `title_lower` (the latest rename wins).
// Either may be empty (not looked up).
Result<std::optional<std::string>> FindRedirect(Database& db, std::string_view slug,
                                                std::string_view title_lower);

// The earlier names of the page (out of the trash) now at `slug`, the most recent first.
Result<std::vector<PageAlias>> ReadAliases(Database& db, std::string_view slug);

// Forgets the redirect from `slug`, when a page takes that slug (a new page, or a rename).
Status DropRedirect(Database& db, std::string_view slug);

// Renames the page at `slug` and writes `revision` as its next revision, following
// PageLifecycleStore::RenamePage. REQUIRES: a write transaction is open on `db`; the caller
// commits it, or lets it roll back on an error.
Result<SaveOutcome> WriteRename(Database& db, std::string_view slug, const NewRevision& revision);

}  // namespace kring::sqlite
