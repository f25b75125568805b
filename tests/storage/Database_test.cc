// Database, Statement and Transaction: the RAII layer over SQLite.
#include "storage/Database.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring::sqlite {
namespace {

std::unique_ptr<Database> OpenDatabase(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  REQUIRE_MESSAGE(db.ok(), storage_testing::ErrorOf(db));
  return std::move(db).value();
}

struct DatabaseFixture {
  storage_testing::TempDir dir;
  std::string path = dir.File("test.db");
  std::unique_ptr<Database> db = OpenDatabase(path);

  int64_t Number(std::string_view sql) {
    Result<std::optional<int64_t>> n =
        db->QueryOne(sql, [](const Statement& r) { return r.Int64(0); });
    REQUIRE_MESSAGE(n.ok(), storage_testing::ErrorOf(n));
    REQUIRE(n.value().has_value());
    return *n.value();
  }
};

TEST_CASE("every connection is opened for durability and concurrency") {
  DatabaseFixture f;
  struct Case {
    const char* pragma;
    const char* value;
  };
  const Case cases[] = {
      {"PRAGMA journal_mode", "wal"},
      {"PRAGMA synchronous", "2"},  // FULL
      {"PRAGMA foreign_keys", "1"},
      {"PRAGMA busy_timeout", "5000"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pragma);
    auto value = f.db->QueryOne(c.pragma, [](const Statement& r) { return r.Text(0); });
    REQUIRE(value.ok());
    CHECK(value.value() == std::optional<std::string>(c.value));
  }
}

TEST_CASE("values bound by index read back as written") {
  DatabaseFixture f;
  REQUIRE(f.db->Execute("CREATE TABLE t (text TEXT, number INTEGER)").ok());
  struct Case {
    const char* name;
    std::optional<std::string> text;
    int64_t number;
  };
  const Case cases[] = {
      {"accents", "één € — ✓", 1},
      {"empty text", "", 0},
      {"embedded NUL", std::string("a\0b", 3), -1},
      {"null text", std::nullopt, std::numeric_limits<int64_t>::max()},
      {"smallest number", "x", std::numeric_limits<int64_t>::min()},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    REQUIRE(f.db->Execute("DELETE FROM t").ok());
    Result<Statement> insert = f.db->Prepare("INSERT INTO t (text, number) VALUES (?, ?)");
    REQUIRE(insert.ok());
    if (c.text) {
      insert->BindText(1, *c.text);
    } else {
      insert->BindNull(1);
    }
    insert->BindInt64(2, c.number);
    REQUIRE(insert->Run().ok());

    Result<Statement> select = f.db->Prepare("SELECT text, number FROM t");
    REQUIRE(select.ok());
    REQUIRE(select->Step().value());
    CHECK(select->IsNull(0) == !c.text.has_value());
    CHECK(select->Text(0) == c.text.value_or(""));
    CHECK(select->Int64(1) == c.number);
    CHECK_FALSE(select->Step().value());
  }
}

TEST_CASE("a cached statement comes back clean, and a nested use gets its own") {
  DatabaseFixture f;
  constexpr std::string_view kEcho = "SELECT ?";
  {
    Result<Statement> outer = f.db->Prepare(kEcho);
    REQUIRE(outer.ok());
    REQUIRE(outer->Bind("buiten").Step().value());
    // The same SQL while the first is mid-row: must not disturb it.
    auto inner = f.db->QueryOne(
        kEcho, [](const Statement& r) { return r.Text(0); }, "binnen");
    REQUIRE(inner.ok());
    CHECK(inner.value() == std::optional<std::string>("binnen"));
    CHECK(outer->Text(0) == "buiten");
  }
  // The binding made above is gone: an unbound parameter is NULL.
  Result<Statement> again = f.db->Prepare(kEcho);
  REQUIRE(again.ok());
  REQUIRE(again->Step().value());
  CHECK(again->IsNull(0));
}

TEST_CASE("SQL errors become kring errors") {
  DatabaseFixture f;
  Result<Statement> bad = f.db->Prepare("SELEKT 1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInternal);
  CHECK(bad.error().message.find("SELEKT") != std::string::npos);

  Result<Statement> one = f.db->Prepare("SELECT ?");
  REQUIRE(one.ok());
  one->BindText(2, "no such parameter");
  Result<bool> step = one->Step();
  REQUIRE_FALSE(step.ok());
  CHECK(step.error().code == ErrorCode::kInternal);

  REQUIRE(f.db->Execute("CREATE TABLE u (x TEXT UNIQUE)").ok());
  REQUIRE(f.db->Execute("INSERT INTO u VALUES (?)", "a").ok());
  Status duplicate = f.db->Execute("INSERT INTO u VALUES (?)", "a");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().message.find("UNIQUE") != std::string::npos);
}

TEST_CASE("a transaction rolls back unless it was committed") {
  DatabaseFixture f;
  REQUIRE(f.db->Execute("CREATE TABLE t (x INTEGER)").ok());
  {
    Result<Transaction> abandoned = Transaction::Begin(*f.db);
    REQUIRE(abandoned.ok());
    REQUIRE(f.db->Execute("INSERT INTO t VALUES (1)").ok());
  }
  CHECK(f.db->InAutocommit());
  CHECK(f.Number("SELECT COUNT(*) FROM t") == 0);
  {
    Result<Transaction> kept = Transaction::Begin(*f.db);
    REQUIRE(kept.ok());
    REQUIRE(f.db->Execute("INSERT INTO t VALUES (2)").ok());
    CHECK(kept->Commit().ok());
  }
  CHECK(f.Number("SELECT COUNT(*) FROM t") == 1);
}

TEST_CASE("a database locked by another writer answers kUnavailable") {
  DatabaseFixture f;
  std::unique_ptr<Database> other = OpenDatabase(f.path);
  REQUIRE(other->Execute("PRAGMA busy_timeout = 0").ok());  // fail at once, not in 5 s
  Result<Transaction> holding = Transaction::Begin(*f.db);
  REQUIRE(holding.ok());
  Result<Transaction> waiting = Transaction::Begin(*other);
  REQUIRE_FALSE(waiting.ok());
  CHECK(waiting.error().code == ErrorCode::kUnavailable);
}

TEST_CASE("migrations run once each, in order, and later ones when they appear") {
  DatabaseFixture f;
  // Without IF NOT EXISTS: running a migration twice fails.
  const std::string_view first = "CREATE TABLE a (x)";
  const std::string_view second = "CREATE TABLE b (y); INSERT INTO b VALUES (1)";
  CHECK(f.db->SchemaVersion().value() == 0);
  REQUIRE(f.db->Migrate({first}).ok());
  CHECK(f.db->SchemaVersion().value() == 1);
  REQUIRE(f.db->Migrate({first}).ok());
  REQUIRE(f.db->Migrate({first, second}).ok());
  CHECK(f.db->SchemaVersion().value() == 2);
  CHECK(f.Number("SELECT COUNT(*) FROM b") == 1);

  SUBCASE("a database newer than the build is refused") {
    Status older = f.db->Migrate({first});
    REQUIRE_FALSE(older.ok());
    CHECK(older.error().code == ErrorCode::kUnavailable);
    CHECK(older.error().message.find("schema version 2") != std::string::npos);
  }
  SUBCASE("a failing migration leaves the database as it was") {
    Status failed = f.db->Migrate({first, second, "CREATE TABLE c (z); CREATE TABLE a (x)"});
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::kInternal);
    CHECK(f.db->SchemaVersion().value() == 2);
    CHECK(f.Number("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'c'") == 0);
  }
}

}  // namespace
}  // namespace kring::sqlite
