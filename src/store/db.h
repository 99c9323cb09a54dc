// A thin SQLite layer: one database file in WAL mode, versioned migrations, prepared
// statements and transactions, all returning Status (no exceptions).
//
// One Database is used from one thread at a time (SQLite "multi-thread" mode: each thread
// that needs the database opens its own connection).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace chokepoint::store {

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& o) noexcept : stmt_(o.stmt_), db_(o.db_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int i, std::string_view text);
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, double v);
  Statement& BindNull(int i);

  // Steps once: true when a row is available, false when done. Errors are in *status.
  bool Step(Status* status);
  // Runs to completion (for INSERT/UPDATE/DELETE) and resets.
  Status Run();
  void Reset();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* s, sqlite3* db) : stmt_(s), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

struct Migration {
  int version;       //!< 1, 2, 3 … applied in order, each exactly once
  const char* name;  //!< "orders and decisions"
  const char* sql;   //!< one or more statements
};

class Database {
 public:
  // Opens (creating when missing) `path` in WAL mode with synchronous=NORMAL, foreign keys on
  // and a busy timeout, so a reader (the server) and a writer (a batch) can share it.
  // ":memory:" gives a private in-memory database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();

  // Applies the migrations whose version is above PRAGMA user_version, each in its own
  // transaction. Fails (FailedPrecondition) when the file is newer than `migrations`.
  Status Migrate(const std::vector<Migration>& migrations);
  int user_version();

  Status Exec(const std::string& sql);
  Result<Statement> Prepare(const std::string& sql);

  Status Begin();   //!< BEGIN IMMEDIATE: takes the write lock now, not at the first write
  Status Commit();
  Status Rollback();

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

}  // namespace chokepoint::store
