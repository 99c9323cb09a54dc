#include "store/schema.h"

namespace chokepoint::store {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> k = {
      {1, "orders, decisions, parties, customers and history facts", R"sql(
CREATE TABLE orders (
  org       TEXT NOT NULL DEFAULT 'default',  -- owning organization (server issue)
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
  };
  return k;
}

Result<std::unique_ptr<Database>> OpenStore(const std::string& path) {
  auto db = Database::Open(path);
  if (!db.ok()) return db.status();
  CP_RETURN_IF_ERROR((*db)->Migrate(Migrations()));
  return std::move(*db);
}

}  // namespace chokepoint::store
