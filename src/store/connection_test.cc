#include "store/connection.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include "store/schema.h"
#include "store/testing.h"

namespace chokepoint::store {
namespace {

class Storage : public testing::OnEachBackend {
 protected:
  std::unique_ptr<Connection> Open() {
    auto c = Connection::Open(db_->target());
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(*c) : nullptr;
  }
};

TEST_P(Storage, MigratesOnceAndRefusesNewerDatabases) {
  auto db = OpenDatabase(db_->target());
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ((*db)->backend(), GetParam());
  EXPECT_EQ(*SchemaVersion(**db, "orders"), OrdersSchema().migrations.back().version);
  EXPECT_EQ(*SchemaVersion(**db, "access"), AccessSchema().migrations.back().version);
  EXPECT_TRUE(OpenDatabase(db_->target()).ok());  // nothing left to apply
  ASSERT_TRUE((*db)->Exec("UPDATE schema_versions SET version = 99 WHERE name = 'orders'").ok());
  Status s = Migrate(**db, OrdersSchema());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.tag(), "schema_too_new");
  EXPECT_NE(s.message().find("orders schema version 99"), std::string::npos) << s.message();
}

TEST_P(Storage, FailedMigrationRollsBack) {
  auto db = Open();
  ASSERT_TRUE(db);
  Schema schema{
      "t",
      {{1, "ok", "CREATE TABLE a (x TEXT);"}, {2, "bad", "CREATE TABLE b (y TEXT); NOT SQL;"}}};
  Status s = Migrate(*db, schema);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("t migration 2 (bad)"), std::string::npos) << s.message();
  EXPECT_EQ(*SchemaVersion(*db, "t"), 1);
  EXPECT_TRUE(db->Exec("SELECT * FROM a").ok());
  EXPECT_FALSE(db->Exec("SELECT * FROM b").ok());
}

TEST_P(Storage, ValuesRoundTripWithTheirTypes) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(
      db->Exec("CREATE TABLE t (id BIGINT PRIMARY KEY, s TEXT, r DOUBLE PRECISION, o TEXT)").ok());
  const int64_t big = (int64_t{1} << 53) + 1;  // not representable as a double
  const double tenth = 0.1;
  const std::string text = "O'Brien ? \"quoted\" 可卡因 -- not a comment";
  auto ins = db->Prepare("INSERT INTO t (id, s, r, o) VALUES (?, ?, ?, ?)");
  ASSERT_TRUE(ins.ok()) << ins.status().message();
  ASSERT_TRUE(ins->Bind(1, big).Bind(2, text).Bind(3, tenth).BindNull(4).Run().ok());
  ASSERT_TRUE(ins->Bind(1, std::numeric_limits<int64_t>::min())
                  .Bind(2, "")
                  .Bind(3, -1e300)
                  .Bind(4, "x")
                  .Run()
                  .ok());
  auto sel = db->Prepare("SELECT id, s, r, o FROM t WHERE id = ?");
  ASSERT_TRUE(sel.ok());
  sel->Bind(1, big);
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->Int(0), big);
  EXPECT_EQ(sel->Text(1), text);
  EXPECT_EQ(sel->Real(2), tenth);  // exactly
  EXPECT_TRUE(sel->IsNull(3));
  EXPECT_EQ(sel->OptText(3), std::nullopt);
  EXPECT_FALSE(*sel->Step());
  sel->Reset();
  sel->Bind(1, std::numeric_limits<int64_t>::min());
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->Real(2), -1e300);
  EXPECT_EQ(sel->OptText(3), "x");
}

TEST_P(Storage, PlaceholdersAreNumberedAsInSqlite) {
  auto db = Open();
  ASSERT_TRUE(db);
  // '?N' reuses a parameter; a bare '?' after it is the next one; '?' in a literal is text.
  auto st = db->Prepare("SELECT ?2, ?1, ?, '?', ?1 || 'a?'");
  ASSERT_TRUE(st.ok());
  st->Bind(1, "one").Bind(2, "two").Bind(3, "three");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "two");
  EXPECT_EQ(st->Text(1), "one");
  EXPECT_EQ(st->Text(2), "three");
  EXPECT_EQ(st->Text(3), "?");
  EXPECT_EQ(st->Text(4), "onea?");
}

TEST_P(Storage, ConstraintViolationsAreTagged) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE u (k TEXT PRIMARY KEY)").ok());
  auto ins = db->Prepare("INSERT INTO u (k) VALUES (?)");
  ASSERT_TRUE(ins->Bind(1, "a").Run().ok());
  Status s = ins->Bind(1, "a").Run();
  EXPECT_EQ(s.tag(), "db_constraint") << s.message();
  EXPECT_TRUE(ins->Bind(1, "b").Run().ok());  // the statement is usable after the error
}

TEST_P(Storage, TransactionsRollBackUnlessCommitted) {
  auto db = Open();
  auto other = Open();
  ASSERT_TRUE(db && other);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x BIGINT)").ok());
  auto count = [&](Connection& c) {
    auto st = c.Prepare("SELECT COUNT(*) FROM t");
    EXPECT_TRUE(*st->Step());
    return st->Int(0);
  };
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->Prepare("INSERT INTO t VALUES (1)")->Run().ok());
    EXPECT_EQ(count(*db), 1);     // its own writes
    EXPECT_EQ(count(*other), 0);  // nobody else's yet
  }                               // destroyed: rolled back
  EXPECT_EQ(count(*db), 0);
  auto tx = Transaction::Begin(*db);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(db->Prepare("INSERT INTO t VALUES (2)")->Run().ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(count(*other), 1);
}

// A failed write inside a transaction fails the transaction: on PostgreSQL writes are
// pipelined, so the failure may surface at Commit() instead of Run(); either way nothing of
// the transaction is kept.
TEST_P(Storage, AFailedWriteFailsItsTransaction) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE u (k TEXT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Prepare("INSERT INTO u VALUES ('taken')")->Run().ok());
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx.ok());
    auto ins = db->PrepareCached("INSERT INTO u (k) VALUES (?)");
    ASSERT_TRUE(ins.ok());
    Status first = (*ins)->Bind(1, "new").Run();
    Status dup = (*ins)->Bind(1, "taken").Run();
    Status after = (*ins)->Bind(1, "later").Run();
    Status commit = first.ok() && dup.ok() && after.ok() ? tx->Commit() : Status::OK();
    EXPECT_FALSE(first.ok() && dup.ok() && after.ok() && commit.ok())
        << "a duplicate key went through";
    if (!dup.ok()) {
      EXPECT_EQ(dup.tag(), "db_constraint") << dup.message();
    }
    if (!commit.ok()) {
      EXPECT_EQ(commit.tag(), "db_constraint") << commit.message();
    }
  }
  auto st = db->Prepare("SELECT COUNT(*) FROM u");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 1);
  // The connection and its cached statement work afterwards.
  auto tx = Transaction::Begin(*db);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*db->PrepareCached("INSERT INTO u (k) VALUES (?)"))->Bind(1, "again").Run().ok());
  ASSERT_TRUE(tx->Commit().ok());
}

// Read-modify-write under a named lock from several connections at once: no update is lost.
// (Under PostgreSQL's READ COMMITTED, without the lock two transactions read the same value.)
TEST_P(Storage, NamedLocksSerializeWritersAcrossConnections) {
  {
    auto db = Open();
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        db->Exec("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter VALUES (0);").ok());
  }
  constexpr int kThreads = 4, kRounds = 40;
  std::vector<std::thread> threads;
  std::vector<Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto c = Connection::Open(db_->target());
      if (!c.ok()) {
        failures[t] = c.status();
        return;
      }
      for (int i = 0; i < kRounds; ++i) {
        auto tx = Transaction::Begin(**c);
        Status s = tx.ok() ? tx->Lock("counter") : tx.status();
        int64_t n = 0;
        if (s.ok()) {
          auto r = (*c)->Prepare("SELECT n FROM counter");
          auto row = r.ok() ? r->Step() : Result<bool>(r.status());
          if (row.ok())
            n = r->Int(0);
          else
            s = row.status();
        }
        if (s.ok()) s = (*c)->Prepare("UPDATE counter SET n = ?")->Bind(1, n + 1).Run();
        if (s.ok()) s = tx->Commit();
        if (!s.ok()) {
          failures[t] = s;
          return;
        }
      }
    });
  for (auto& th : threads) th.join();
  for (const Status& s : failures) EXPECT_TRUE(s.ok()) << s.message();
  auto db = Open();
  auto st = db->Prepare("SELECT n FROM counter");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), kThreads * kRounds);
}

TEST_P(Storage, CachedStatementsResetWhenTheLeaseEnds) {
  auto db = Open();
  ASSERT_TRUE(db);
  for (int i = 0; i < 3; ++i) {
    auto st = db->PrepareCached("SELECT ? + 1");
    ASSERT_TRUE(st.ok());
    (*st)->Bind(1, int64_t{i});
    ASSERT_TRUE(*(*st)->Step());
    EXPECT_EQ((*st)->Int(0), i + 1);
  }
  // A parameter bound as NULL, then as a number, on the same cached statement.
  for (bool null : {true, false, true}) {
    auto st = db->PrepareCached("SELECT COALESCE(?, 7)");
    if (null)
      (*st)->BindNull(1);
    else
      (*st)->Bind(1, int64_t{3});
    ASSERT_TRUE(*(*st)->Step());
    EXPECT_EQ((*st)->Int(0), null ? 7 : 3);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Storage, testing::AllBackends(), testing::BackendName);

// The server drops a connection while it is idle (as a restart or an idle timeout would): the
// next read reconnects by itself; a write fails clearly, and the call after it works.
TEST(Storage, PostgresConnectionsRecoverFromADroppedSession) {
  testing::TestDatabase db(Backend::kPostgres);
  if (!db.ok()) GTEST_SKIP() << db.skip_reason();
  auto victim = Connection::Open(db.target());
  auto killer = Connection::Open(db.target());
  ASSERT_TRUE(victim.ok() && killer.ok());
  ASSERT_TRUE((*victim)->Exec("CREATE TABLE t (x BIGINT)").ok());
  auto kill = [&] {
    auto pid = (*victim)->Prepare("SELECT pg_backend_pid()");
    auto row = pid->Step();
    ASSERT_TRUE(row.ok() && *row) << row.status().message();
    auto k = (*killer)->Prepare("SELECT pg_terminate_backend(CAST(? AS INTEGER))");
    k->Bind(1, pid->Int(0));
    row = k->Step();
    ASSERT_TRUE(row.ok() && *row) << row.status().message();
  };
  kill();
  auto read = (*victim)->PrepareCached("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(read.ok());
  auto row = (*read)->Step();
  ASSERT_TRUE(row.ok()) << row.status().message();
  EXPECT_TRUE(*row);
  EXPECT_EQ((*read)->Int(0), 0);
  (*read)->Reset();
  kill();
  Status w = (*victim)->Prepare("INSERT INTO t VALUES (1)")->Run();
  EXPECT_EQ(w.tag(), "db_io") << w.message();
  EXPECT_TRUE((*victim)->Prepare("INSERT INTO t VALUES (2)")->Run().ok());
}

TEST(Storage, SqliteFilesOfEarlierReleasesAreAdopted) {
  testing::TestDatabase db(Backend::kSqlite);
  {
    // What a file written by the release before schema_versions looks like.
    auto c = Connection::Open(db.target());
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec(OrdersSchema().migrations[0].sql).ok());
    ASSERT_TRUE((*c)->Exec("PRAGMA user_version = 1").ok());
    ASSERT_TRUE((*c)->Exec(AccessSchema().migrations[0].sql).ok());
    ASSERT_TRUE((*c)->Exec(AccessSchema().migrations[0].sqlite_only).ok());
    ASSERT_TRUE((*c)->Exec(AccessSchema().migrations[1].sql).ok());
    ASSERT_TRUE(
        (*c)->Exec(
                "CREATE TABLE access_schema(version INTEGER NOT NULL); INSERT INTO access_schema "
                "VALUES (2); INSERT INTO orgs(name, created_at) VALUES ('Acme', 'then');")
            .ok());
  }
  auto c = OpenDatabase(db.target());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(*SchemaVersion(**c, "orders"), OrdersSchema().migrations.back().version);
  EXPECT_EQ(*SchemaVersion(**c, "access"), AccessSchema().migrations.back().version);
  auto st = (*c)->Prepare("SELECT name FROM orgs");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "Acme");
}

TEST(Storage, UnreachablePostgresIsAClearError) {
  auto c = Connection::Open(
      "postgresql://nobody:secret@/nodb?host=/nonexistent-socket-dir&connect_timeout=2");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().tag(), "db_io");
  EXPECT_NE(
      c.status().message().find("cannot connect to PostgreSQL at postgresql://nobody:***@/nodb"),
      std::string::npos)
      << c.status().message();
  EXPECT_EQ(c.status().message().find("secret"), std::string::npos);
}

TEST(Storage, PostgresReadsSqliteTypeNames) {
  EXPECT_EQ(
      PostgresDdl("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER NOT NULL, r REAL, s TEXT);"),
      "CREATE TABLE t(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT NOT NULL, "
      "r DOUBLE PRECISION, s TEXT);");
  // Not inside words, literals or comments, and not in lower case.
  EXPECT_EQ(PostgresDdl("CREATE TABLE REALM(x INTEGERS DEFAULT 'REAL') -- INTEGER\n;"),
            "CREATE TABLE REALM(x INTEGERS DEFAULT 'REAL') -- INTEGER\n;");
  EXPECT_EQ(PostgresDdl("x integer, y real"), "x integer, y real");
}

TEST(Storage, TargetsAreFilesOrUrls) {
  EXPECT_TRUE(IsPostgresUrl("postgresql://db.example.org/chokepoint"));
  EXPECT_TRUE(IsPostgresUrl("postgres://u@h/d"));
  EXPECT_FALSE(IsPostgresUrl("/srv/chokepoint/chokepoint.db"));
  EXPECT_FALSE(IsPostgresUrl(":memory:"));
  EXPECT_EQ(Redacted("postgresql://u:pw@h:5432/d?sslmode=require"),
            "postgresql://u:***@h:5432/d?sslmode=require");
  EXPECT_EQ(Redacted("postgresql://u@h/d"), "postgresql://u@h/d");
  EXPECT_EQ(Redacted("/tmp/a:b@c.db"), "/tmp/a:b@c.db");
}

}  // namespace
}  // namespace chokepoint::store
