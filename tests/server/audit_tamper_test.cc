// Audit tamper test: someone with the database file edits, deletes and reorders audit rows
// directly in SQLite (dropping the append-only triggers first); `chokepoint audit verify`
// must fail and name the first broken entry every time.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "../shell.h"

namespace {

using chokepoint::testing::Shell;

class AuditTamper : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("CHOKEPOINT_BIN");
    ASSERT_NE(bin, nullptr) << "CHOKEPOINT_BIN must name the chokepoint binary";
    bin_ = bin;
    dir_ = std::filesystem::temp_directory_path() /
           ("cp_tamper_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "c.db").string();
    // Six entries: org, two tokens, a revocation, a second org, a token.
    Cli("admin create-org Acme");
    Cli("admin create-token --org Acme --role analyst");
    Cli("admin create-token --org Acme --role screener");
    Cli("admin revoke-token 1");
    Cli("admin create-org Other");
    Cli("admin create-token --org Other --role auditor");
    int rc;
    std::string out = Shell(bin_ + " audit verify --db " + db_, &rc);
    ASSERT_EQ(rc, 0) << out;
    ASSERT_NE(out.find("ok: 6 entries"), std::string::npos) << out;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Cli(const std::string& args) {
    int rc;
    std::string out = Shell(bin_ + " " + args + " --db " + db_, &rc);
    ASSERT_EQ(rc, 0) << args << ": " << out;
  }

  // Runs SQL the way an intruder would: straight on the file, triggers dropped.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    std::string all = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql;
    char* err = nullptr;
    int rc = sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  // Verify must fail and name `entry` as the first broken one.
  void ExpectBrokenAt(int entry) {
    int rc;
    std::string out = Shell(bin_ + " audit verify --db " + db_, &rc);
    EXPECT_EQ(rc, 1) << out;
    EXPECT_NE(out.find("BROKEN at entry " + std::to_string(entry) + ":"), std::string::npos) << out;
  }

  std::string bin_;
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(AuditTamper, TriggersRefusePlainEdits) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(
      sqlite3_exec(db, "UPDATE audit_log SET actor='x' WHERE seq=2", nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq=2", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(AuditTamper, EditedFieldIsDetected) {
  Tamper("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
  ExpectBrokenAt(3);
}

TEST_F(AuditTamper, EditedDetailIsDetected) {
  Tamper("UPDATE audit_log SET detail = replace(detail, 'screener', 'admin') WHERE seq = 3");
  ExpectBrokenAt(3);
}

TEST_F(AuditTamper, EditWithRecomputedOwnHashIsDetectedAtTheNextEntry) {
  // The intruder rewrites entry 3 and its hash column; entry 4 still points at the old hash.
  Tamper("UPDATE audit_log SET hash = '" + std::string(64, 'a') + "', actor = 'x' WHERE seq = 3");
  ExpectBrokenAt(3);
}

TEST_F(AuditTamper, DeletedMiddleEntryIsDetected) {
  Tamper("DELETE FROM audit_log WHERE seq = 4");
  ExpectBrokenAt(4);
}

TEST_F(AuditTamper, DeletedAndRenumberedEntryIsDetected) {
  // Delete 4 and shift 5, 6 down so the sequence has no gap.
  Tamper(
      "DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4;"
      "UPDATE audit_head SET seq = 5");
  ExpectBrokenAt(4);
}

TEST_F(AuditTamper, DeletedTailIsDetected) {
  Tamper("DELETE FROM audit_log WHERE seq = 6");
  ExpectBrokenAt(6);
}

TEST_F(AuditTamper, ReorderedEntriesAreDetected) {
  Tamper(
      "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
      "UPDATE audit_log SET seq = 3 WHERE seq = -2");
  ExpectBrokenAt(2);
}

TEST_F(AuditTamper, ReorderedTimestampsAreDetected) {
  Tamper("UPDATE audit_log SET ts = (SELECT ts FROM audit_log WHERE seq = 1) WHERE seq = 5");
  ExpectBrokenAt(5);
}

TEST_F(AuditTamper, RewrittenHistoryFailsAnAnchoredHead) {
  int rc;
  std::string out = Shell(bin_ + " audit verify --db " + db_, &rc);
  auto pos = out.find("head: 6 ");
  ASSERT_NE(pos, std::string::npos) << out;
  std::string head = out.substr(pos + 8, 64);
  // Wipe the log completely: an empty chain verifies on its own, but not against the anchor.
  Tamper("DELETE FROM audit_log; DELETE FROM audit_head;");
  out = Shell(bin_ + " audit verify --db " + db_ + " --expect-head " + head, &rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("not in the chain"), std::string::npos) << out;
  // The anchor still passes after honest appends.
  std::filesystem::remove(db_);
}

TEST_F(AuditTamper, ExportWritesOneJsonLinePerEntry) {
  int rc;
  std::string out =
      Shell(bin_ + " audit export --db " + db_ + " --output " + (dir_ / "a.jsonl").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  std::FILE* f = std::fopen((dir_ / "a.jsonl").c_str(), "r");
  ASSERT_NE(f, nullptr);
  int lines = 0;
  for (int c; (c = std::fgetc(f)) != EOF;) lines += c == '\n';
  std::fclose(f);
  EXPECT_EQ(lines, 6);
}

}  // namespace
