// A small RAII adapter over SQLite for the access module: one connection, prepared statements,
// transactions. SQLite errors become Status values here and nowhere else.
//
// Thread-safety: a Db is one connection, opened without SQLite's own mutex. Every user that
// may share a Db across threads holds Db::mutex() around each operation, transactions
// included (Directory and AuditLog do); separate connections to one file are independent.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "util/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace chokepoint::access {

class Stmt;
class StmtLease;

class Db {
 public:
  // Opens (creating if needed) the file in WAL mode with a 5 s busy timeout and foreign keys on.
  // ":memory:" gives a private in-memory database (tests).
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  Result<Stmt> Prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's lifetime, for
  // hot paths (token checks, audit appends). REQUIRES: mutex() held for the lease's lifetime.
  Result<StmtLease> PrepareCached(const std::string& sql);
  int64_t LastInsertId() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }
  std::mutex& mutex() { return mu_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cached_;  // GUARDED_BY(mu_)
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Stmt {
 public:
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindNull(int i);
  Stmt& Bind(int i, const std::optional<std::string>& v) { return v ? Bind(i, *v) : BindNull(i); }

  // Advances: true with a row, false when done; error status on failure.
  Result<bool> Step();
  // Runs to completion (statements without rows).
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  friend class Db;
  Stmt(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
  sqlite3* db_;
  sqlite3_stmt* st_;
};

// One use of a cached statement (Db::PrepareCached): reset when the lease ends, so a read never
// holds its snapshot past the call and the next user starts from clean bindings.
class StmtLease {
 public:
  explicit StmtLease(Stmt* st) : st_(st) {}
  StmtLease(StmtLease&& o) noexcept : st_(std::exchange(o.st_, nullptr)) {}
  StmtLease& operator=(StmtLease&&) = delete;
  ~StmtLease();
  Stmt* operator->() const { return st_; }
  Stmt& operator*() const { return *st_; }

 private:
  Stmt* st_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back unless Commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> Begin(Db& db);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Db& db) : db_(db) {}
  Db& db_;
  bool done_ = false;
};

// UTC now as "YYYY-MM-DDTHH:MM:SS.mmmZ" (sorts as text).
std::string NowIso();

}  // namespace chokepoint::access
