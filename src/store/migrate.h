// Versioned schema migrations: one ordered list per schema ("orders", "access"), each step
// applied once, in its own transaction, recorded in the schema_versions table. Append new
// migrations; never edit a released one (a database records the last version it applied).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/connection.h"

namespace chokepoint::store {

// One step of a schema. `sql` is written for SQLite and runs on both backends: PostgreSQL
// reads it with SQLite's type names translated (PostgresDdl). What the dialects cannot share
// (triggers) goes in the *_only texts, run after `sql` in the same transaction.
struct Migration {
  int version;                          //!< 1, 2, 3 … applied in order, each exactly once
  const char* name;                     //!< "orders and decisions"
  const char* sql;                      //!< one or more statements
  const char* sqlite_only = nullptr;    //!< statements for SQLite only
  const char* postgres_only = nullptr;  //!< statements for PostgreSQL only
};

// SQLite DDL as PostgreSQL reads it: "INTEGER PRIMARY KEY" (SQLite's rowid, numbered when not
// given) becomes a 64-bit identity column, INTEGER becomes BIGINT (SQLite's integers are 64
// bits) and REAL becomes DOUBLE PRECISION (PostgreSQL's REAL has 4 bytes). Upper-case type
// names only, outside quotes and comments.
std::string PostgresDdl(std::string_view sqlite_ddl);

struct Schema {
  const char* name;                   //!< key in schema_versions
  std::vector<Migration> migrations;  //!< versions 1, 2, 3 … in order
  //! SQLite files of earlier releases recorded this schema's version elsewhere: a query whose
  //! single value is that version (an error counts as 0). Null: no such history.
  const char* sqlite_legacy_version = nullptr;
};

// Applies the migrations above the database's version of `schema`. Several processes may
// call it at once (each step takes the "migrate" lock and re-reads the version). Fails with
// FailedPrecondition ("schema_too_new") when the database is newer than `schema`.
Status Migrate(Connection& c, const Schema& schema);
// The applied version of `schema` (0: none).
Result<int> SchemaVersion(Connection& c, std::string_view schema);

}  // namespace chokepoint::store
