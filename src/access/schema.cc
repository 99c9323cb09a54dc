#include "access/schema.h"

#include <array>

namespace chokepoint::access {

namespace {
// Each entry is one migration; never edit a shipped one, append a new one.
const std::array<const char*, 2> kMigrations = {
    R"sql(
CREATE TABLE orgs(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL);
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE(org_id, name));
CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  user_id INTEGER REFERENCES users(id),
  role TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,   -- SHA-256 hex of the token; the token itself is never stored
  created_at TEXT NOT NULL,
  expires_at TEXT,                   -- NULL: no expiry
  revoked_at TEXT,
  rate_limit REAL);                  -- requests/s; NULL: the server default
CREATE TABLE audit_log(
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  org_id INTEGER,                    -- NULL for installation-level events
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  source TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE INDEX audit_log_org ON audit_log(org_id, seq);
-- The chain head, written in the same transaction as each entry: truncating the log's tail
-- no longer yields a valid chain.
CREATE TABLE audit_head(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql",
    // 2: analyst dispositions of screened orders (the orders store keeps the decisions).
    R"sql(
CREATE TABLE order_reviews(
  id INTEGER PRIMARY KEY,
  org TEXT NOT NULL,                 -- organization name, as the orders store keys its rows
  order_id TEXT NOT NULL,
  disposition TEXT NOT NULL,         -- release | confirm_hold | block | report
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX order_reviews_by_order ON order_reviews(org, order_id, id);
CREATE INDEX audit_log_target ON audit_log(org_id, target, seq);
)sql",
};

Result<int> CurrentVersion(Db& db) {
  CP_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT version FROM access_schema"));
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? static_cast<int>(st.Int(0)) : 0;
}
}  // namespace

int SchemaVersion() { return static_cast<int>(kMigrations.size()); }

Status Migrate(Db& db) {
  CP_RETURN_IF_ERROR(db.Exec("CREATE TABLE IF NOT EXISTS access_schema(version INTEGER NOT NULL)"));
  for (;;) {
    CP_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
    CP_ASSIGN_OR_RETURN(int v, CurrentVersion(db));
    if (v > SchemaVersion())
      return Status::FailedPrecondition("database access schema version " + std::to_string(v) +
                                            " is newer than this chokepoint (" + std::to_string(SchemaVersion()) + ")",
                                        "schema_too_new");
    if (v == SchemaVersion()) return tx->Commit();
    CP_RETURN_IF_ERROR(db.Exec(kMigrations[v]));
    CP_RETURN_IF_ERROR(db.Exec("DELETE FROM access_schema"));
    CP_RETURN_IF_ERROR(db.Exec("INSERT INTO access_schema(version) VALUES (" + std::to_string(v + 1) + ")"));
    CP_RETURN_IF_ERROR(tx->Commit());
  }
}

}  // namespace chokepoint::access

#include <filesystem>

namespace chokepoint::access {

std::string DefaultDatabaseFile(const std::string& home_dir) { return home_dir + "/chokepoint.db"; }

Result<std::unique_ptr<Db>> OpenDatabase(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Status::IOError("cannot create directory " + parent.string() + ": " + ec.message(), "db_io");
  }
  CP_ASSIGN_OR_RETURN(auto db, Db::Open(path));
  CP_RETURN_IF_ERROR(Migrate(*db));
  return db;
}

}  // namespace chokepoint::access
