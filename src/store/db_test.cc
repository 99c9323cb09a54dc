#include "store/db.h"

#include <gtest/gtest.h>

#include "store/schema.h"

namespace chokepoint::store {
namespace {

TEST(Database, MigratesOnceAndRefusesNewerFiles) {
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ((*db)->user_version(), static_cast<int>(Migrations().size()));
  EXPECT_TRUE((*db)->Migrate(Migrations()).ok());  // nothing left to apply
  ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 99").ok());
  Status s = (*db)->Migrate(Migrations());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("schema version 99"), std::string::npos);
}

TEST(Database, FailedMigrationRollsBack) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  std::vector<Migration> m = {{1, "ok", "CREATE TABLE a (x);"}, {2, "bad", "CREATE TABLE b (y); NOT SQL;"}};
  Status s = (*db)->Migrate(m);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("migration 2 (bad)"), std::string::npos);
  EXPECT_EQ((*db)->user_version(), 1);
  EXPECT_FALSE((*db)->Exec("SELECT * FROM b").ok());
}

TEST(Database, StatementsBindAndStep) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (s TEXT, i INTEGER, r REAL)").ok());
  auto ins = (*db)->Prepare("INSERT INTO t VALUES (?, ?, ?)");
  ASSERT_TRUE(ins.ok());
  ASSERT_TRUE(ins->Bind(1, std::string_view("a\0b", 3)).Bind(2, int64_t{7}).Bind(3, 1.5).Run().ok());
  auto sel = (*db)->Prepare("SELECT s, i, r FROM t");
  Status s;
  ASSERT_TRUE(sel->Step(&s));
  EXPECT_EQ(sel->Text(0), std::string("a\0b", 3));
  EXPECT_EQ(sel->Int(1), 7);
  EXPECT_EQ(sel->Real(2), 1.5);
  EXPECT_FALSE(sel->Step(&s));
  EXPECT_TRUE(s.ok());
}

}  // namespace
}  // namespace chokepoint::store
