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

// A table t (x INTEGER) and transactions on it, for the nesting tests.
struct TransactionFixture : DatabaseFixture {
  TransactionFixture() { REQUIRE(db->Execute("CREATE TABLE t (x INTEGER)").ok()); }

  Transaction Begin() {
    Result<Transaction> transaction = Transaction::Begin(*db);
    REQUIRE_MESSAGE(transaction.ok(), storage_testing::ErrorOf(transaction));
    return std::move(transaction).value();
  }
  void Insert(int64_t x) { REQUIRE(db->Execute("INSERT INTO t (x) VALUES (?)", x).ok()); }
  int64_t Rows() { return Number("SELECT COUNT(*) FROM t"); }
};

// Rows of t as another connection sees them.
int64_t RowsSeenBy(Database& other) {
  auto n = other.QueryOne("SELECT COUNT(*) FROM t", [](const Statement& r) { return r.Int64(0); });
  REQUIRE_MESSAGE(n.ok(), storage_testing::ErrorOf(n));
  return n.value().value_or(-1);
}

TEST_CASE("a nested transaction commits or rolls back its own changes only") {
  struct Case {
    const char* name;
    bool commit_inner;
    bool commit_outer;
    int64_t rows;  // kept in the end, of the outer row and the inner row
  };
  const Case cases[] = {
      {"both committed", true, true, 2},
      {"inner rolled back, outer committed", false, true, 1},
      {"inner committed, outer rolled back", true, false, 0},
      {"both rolled back", false, false, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TransactionFixture f;
    {
      Transaction outer = f.Begin();
      f.Insert(1);
      {
        Transaction inner = f.Begin();
        f.Insert(2);
        if (c.commit_inner) CHECK(inner.Commit().ok());
      }
      CHECK_FALSE(f.db->InAutocommit());  // the inner end left the outer open
      CHECK(f.Rows() == (c.commit_inner ? 2 : 1));
      if (c.commit_outer) CHECK(outer.Commit().ok());
    }
    CHECK(f.db->InAutocommit());
    CHECK(f.Rows() == c.rows);
  }
}

TEST_CASE("transactions nest more than one level, and the connection is reusable after") {
  TransactionFixture f;
  {
    Transaction outer = f.Begin();
    {
      Transaction middle = f.Begin();
      f.Insert(1);
      {
        Transaction inner = f.Begin();
        f.Insert(2);
        CHECK(inner.Commit().ok());
      }
      // Rolling back the middle one takes the committed inner one with it.
    }
    f.Insert(3);
    CHECK(outer.Commit().ok());
  }
  CHECK(f.Rows() == 1);
  CHECK(f.Number("SELECT x FROM t") == 3);
  // A top-level transaction again, not a savepoint left over from the nesting.
  Transaction again = f.Begin();
  f.Insert(4);
  CHECK(again.Commit().ok());
  CHECK(f.db->InAutocommit());
  CHECK(f.Rows() == 2);
}

TEST_CASE("a nested transaction holds the write lock of the outer one, and takes no other") {
  TransactionFixture f;
  std::unique_ptr<Database> other = OpenDatabase(f.path);
  REQUIRE(other->Execute("PRAGMA busy_timeout = 0").ok());
  Transaction outer = f.Begin();
  Transaction inner = f.Begin();
  f.Insert(1);
  CHECK(inner.Commit().ok());
  // Released, but not committed: another connection sees nothing and cannot write.
  CHECK(RowsSeenBy(*other) == 0);
  Result<Transaction> blocked = Transaction::Begin(*other);
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().code == ErrorCode::kUnavailable);
  CHECK(outer.Commit().ok());
  CHECK(RowsSeenBy(*other) == 1);
}

TEST_CASE("after SQLite rolled back the outer transaction, a nested one refuses to begin") {
  TransactionFixture f;
  Transaction outer = f.Begin();
  f.Insert(1);
  REQUIRE(f.db->Execute("ROLLBACK").ok());  // as SQLite does itself after a full disk
  Result<Transaction> inner = Transaction::Begin(*f.db);
  REQUIRE_FALSE(inner.ok());
  CHECK(inner.error().code == ErrorCode::kUnavailable);
  CHECK_FALSE(outer.Commit().ok());
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
