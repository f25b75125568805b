// Revisions: how one revision of a page is written (with the page row, its topics, its links to
// pages and files, and its outbox row) and read back. The part of SqlitePageStore that owns the
// `revisions` table's format, such as the topic names kept with each revision. Functions, not a
// class: each works on the connection it is given, on the caller's thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/Page.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring::sqlite {

class Database;

// Writes `revision` as the next revision of its page, following PageStore::SaveRevision
// (conflict rules included). REQUIRES: a write transaction is open on `db`; the caller commits
// it, or lets it roll back on an error.
Result<SaveOutcome> WriteRevision(Database& db, const NewRevision& revision);

// Adds an outbox row naming the page at `slug`: the indexer (re)indexes it, or removes it from
// the index when there is no such page (out of the trash) any more.
Status EnqueuePage(Database& db, std::string_view slug);

// The current revision of a page. Errors: kNotFound, or the database's error.
Result<Page> ReadCurrentRevision(Database& db, std::string_view slug);
// Revision `number` of a page, with the title, topics and body it had then; its updated_at is
// when that revision was saved. Errors: kNotFound, or the database's error.
Result<Page> ReadRevision(Database& db, std::string_view slug, int64_t number);

}  // namespace kring::sqlite
