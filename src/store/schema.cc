#include "store/schema.h"

#include <filesystem>

namespace chokepoint::store {

// The SQL of each migration is what earlier releases applied to SQLite files, byte for byte
// (with their triggers). PostgreSQL reads it with SQLite's type names translated (migrate.h)
// and gets its own triggers.

const Schema& OrdersSchema() {
  static const Schema k{
      "orders",
      {
          {1, "orders, decisions, parties, customers and history facts", R"sql(
CREATE TABLE orders (
  org       TEXT NOT NULL DEFAULT 'default',  -- owning organization
  id        TEXT NOT NULL,                    -- the order's own id
  seq       INTEGER NOT NULL,                 -- recording order
  date      TEXT NOT NULL,                    -- YYYY-MM-DD
  customer  TEXT NOT NULL,                    -- PartyKey of the buyer
  raw       TEXT NOT NULL,                    -- the order as received (JSON)
  PRIMARY KEY (org, id)
);
CREATE INDEX orders_by_customer ON orders (org, customer, date);
CREATE TABLE decisions (
  org        TEXT NOT NULL DEFAULT 'default',
  order_id   TEXT NOT NULL,
  decision   TEXT NOT NULL,                   -- clear | review | hold | block
  score      REAL NOT NULL,
  policy     TEXT NOT NULL,                   -- policy version that decided
  output     TEXT NOT NULL,                   -- the decision record as emitted (JSON)
  decided_at TEXT NOT NULL,                   -- UTC timestamp
  PRIMARY KEY (org, order_id),
  FOREIGN KEY (org, order_id) REFERENCES orders (org, id) ON DELETE CASCADE
);
CREATE INDEX decisions_by_decision ON decisions (org, decision);
CREATE TABLE parties (
  org        TEXT NOT NULL DEFAULT 'default',
  key        TEXT NOT NULL,                   -- PartyKey
  name       TEXT NOT NULL,
  country    TEXT NOT NULL,
  data       TEXT NOT NULL,                   -- latest party record seen (JSON)
  first_date TEXT NOT NULL,
  last_date  TEXT NOT NULL,
  PRIMARY KEY (org, key)
);
CREATE TABLE customers (
  org        TEXT NOT NULL DEFAULT 'default',
  key        TEXT NOT NULL,                   -- PartyKey of the buyer
  name       TEXT NOT NULL,
  country    TEXT NOT NULL,
  industry   TEXT NOT NULL,
  first_date TEXT NOT NULL,
  last_date  TEXT NOT NULL,
  orders     INTEGER NOT NULL,
  regulated_kg REAL NOT NULL,                 -- kg of regulated or flagged chemicals ordered
  PRIMARY KEY (org, key)
);
CREATE TABLE history_facts (
  org        TEXT NOT NULL DEFAULT 'default',
  order_id   TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  customer   TEXT NOT NULL,
  day        INTEGER NOT NULL,                -- days since 1970-01-01
  peer_group TEXT NOT NULL,
  destination TEXT NOT NULL,
  seller     TEXT NOT NULL,
  seller_country TEXT NOT NULL,
  payer      TEXT NOT NULL,
  payer_type TEXT NOT NULL,
  PRIMARY KEY (org, order_id),
  FOREIGN KEY (org, order_id) REFERENCES orders (org, id) ON DELETE CASCADE
);
CREATE TABLE history_lines (
  org        TEXT NOT NULL DEFAULT 'default',
  order_id   TEXT NOT NULL,
  n          INTEGER NOT NULL,
  substance  TEXT NOT NULL,
  kg         REAL NOT NULL,
  regulated  INTEGER NOT NULL,
  PRIMARY KEY (org, order_id, n),
  FOREIGN KEY (org, order_id) REFERENCES orders (org, id) ON DELETE CASCADE
);
CREATE TABLE history_contacts (
  org        TEXT NOT NULL DEFAULT 'default',
  order_id   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (org, order_id, kind, value),
  FOREIGN KEY (org, order_id) REFERENCES orders (org, id) ON DELETE CASCADE
);
)sql"},
          // Catching up with other writers' decisions (OrderStore::Sync) reads by seq.
          {2, "history facts by recording order",
           "CREATE INDEX history_facts_by_seq ON history_facts (org, seq);"},
      },
      // Releases before schema_versions kept this version in the file header.
      "PRAGMA user_version",
  };
  return k;
}

const Schema& AccessSchema() {
  static const Schema k{
      "access",
      {
          {1, "organizations, users, tokens and the audit log", R"sql(
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
)sql",
           // SQLite and PostgreSQL triggers differ in kind.
           R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql",
           R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- TRUNCATE fires no row triggers.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql"},
          {2, "analyst dispositions of screened orders", R"sql(
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
)sql"},
          // Per-token request budgets when several nodes share the database
          // (server/rate_limiter.h). Losing them in a crash costs nothing, so PostgreSQL keeps them
          // out of its WAL and a request's budget update never waits for a disk flush.
          {3, "shared rate limits", R"sql(
CREATE TABLE rate_buckets(
  token_id BIGINT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,  -- requests left in the bucket
  at DOUBLE PRECISION NOT NULL);     -- when it was last updated, seconds since 1970 (UTC)
)sql",
           nullptr, "ALTER TABLE rate_buckets SET UNLOGGED;"},
      },
      // Releases before schema_versions kept this version in a table of its own.
      "SELECT version FROM access_schema",
  };
  return k;
}

std::string DefaultDatabase(const std::string& home_dir) { return home_dir + "/chokepoint.db"; }

Result<std::unique_ptr<Connection>> OpenDatabase(const std::string& target) {
  if (!IsPostgresUrl(target) && target != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec)
      return Status::IOError("cannot create directory " + parent.string() + ": " + ec.message(),
                             "db_io");
  }
  CP_ASSIGN_OR_RETURN(auto c, Connection::Open(target));
  CP_RETURN_IF_ERROR(Migrate(*c, OrdersSchema()));
  CP_RETURN_IF_ERROR(Migrate(*c, AccessSchema()));
  return c;
}

}  // namespace chokepoint::store
