// The SQLite schema of kring.db as a list of migrations (see Database::Migrate).
#pragma once

#include <string_view>
#include <vector>

namespace kring::sqlite {

// Migration i moves the schema from version i to i+1. Append only: a migration that has shipped
// is never edited, because databases in the field have already run it.
const std::vector<std::string_view>& Migrations();

}  // namespace kring::sqlite
