// The access module's tables in the shared database file, created by idempotent migrations.
//
// Tables (all owned here; the orders store keeps its own): orgs, users, api_tokens,
// audit_log, audit_head, order_reviews (analyst dispositions) and access_schema (this module's migration version, separate from
// any other module's so the two evolve independently).
#pragma once

#include "access/sqlite_db.h"

namespace chokepoint::access {

// Brings the schema to the current version. Safe to call on every open, from several
// processes at once (each step runs in one IMMEDIATE transaction and re-checks the version).
Status Migrate(Db& db);
int SchemaVersion();

}  // namespace chokepoint::access

namespace chokepoint::access {

// The embedded database file inside a chokepoint home directory (cli::DefaultHomeDir()).
std::string DefaultDatabaseFile(const std::string& home_dir);

// Opens `path` (creating its directory and the file when missing) and migrates the access
// tables: what every command and the server call before touching the database.
Result<std::unique_ptr<Db>> OpenDatabase(const std::string& path);

}  // namespace chokepoint::access
