// The Chokepoint database: its schemas and how a command opens it.
//
//   orders  orders, decisions, parties, customers, history facts (store/order_store.h)
//   access  organizations, users, API tokens, the audit log, analyst reviews, shared rate
//           limits (src/access, src/server)
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"
#include "store/migrate.h"

namespace chokepoint::store {

const Schema& OrdersSchema();
const Schema& AccessSchema();

// The SQLite file inside a chokepoint home directory, used when a command gets no --db.
std::string DefaultDatabase(const std::string& home_dir);

// Opens the database `target` names (a SQLite file path, created with its directory when
// missing, or a postgresql:// URL) and applies the pending migrations of every schema: what
// every command and the server call before touching the database.
Result<std::unique_ptr<Connection>> OpenDatabase(const std::string& target);

}  // namespace chokepoint::store
