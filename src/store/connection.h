// The one storage layer: connections, statements and transactions over SQLite (one file, WAL;
// the embedded default) or PostgreSQL (several nodes sharing one database), returning Status
// values. No other module talks to a database driver.
//
// SQL given to Prepare() uses '?' (or '?N') placeholders and the dialect both backends
// share; the PostgreSQL backend numbers the placeholders itself. Values are bound with their
// C++ type and read back by column index.
//
// Thread-safety: a Connection is used by one thread at a time. Users that share one across
// threads hold Connection::mutex() around each operation, transactions included. SQLite write
// transactions of one process on one file are serialized in-process, so connections of the
// same process never spin on SQLite's busy handler; other processes still wait on the
// file lock (busy timeout 10 s).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "util/status.h"

namespace chokepoint::store {

enum class Backend { kSqlite, kPostgres };

// True for "postgresql://…" and "postgres://…": such a --db names a PostgreSQL database;
// anything else is a SQLite file path (":memory:" for a private in-memory database).
bool IsPostgresUrl(std::string_view target);
// `target` fit for messages and logs: a URL's password replaced by "***".
std::string Redacted(std::string_view target);

// A backend's statement (sqlite_backend.cc, postgres_backend.cc).
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindReal(int i, double v) = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindNull(int i) = 0;
  virtual Result<bool> Step() = 0;
  // Runs to completion, rows discarded, then resets (see Statement::Run).
  virtual Status Run();
  virtual void Reset() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string Text(int col) const = 0;
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Statement {
 public:
  Statement() = default;
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

  Statement& Bind(int i, int64_t v) { return impl_->BindInt(i, v), *this; }
  Statement& Bind(int i, double v) { return impl_->BindReal(i, v), *this; }
  Statement& Bind(int i, std::string_view v) { return impl_->BindText(i, v), *this; }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::optional<std::string>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }
  Statement& BindNull(int i) { return impl_->BindNull(i), *this; }

  // Advances: true with a row, false when done.
  Result<bool> Step() { return impl_->Step(); }
  // Runs to completion (statements without rows) and resets. Inside a transaction on
  // PostgreSQL the statement is sent without waiting for its outcome (libpq pipeline mode):
  // writes of a transaction cost no round trip each. A failure then surfaces at the
  // transaction's next statement that returns rows, or at its Commit(), which fails.
  Status Run() { return impl_->Run(); }
  // Steps through every row, calling `row` with the statement on it.
  Status ForEachRow(const std::function<void(const Statement&)>& row);
  // Ready to run again, bindings cleared.
  void Reset() { impl_->Reset(); }

  bool IsNull(int col) const { return impl_->IsNull(col); }
  int64_t Int(int col) const { return impl_->Int(col); }
  double Real(int col) const { return impl_->Real(col); }
  std::string Text(int col) const { return impl_->Text(col); }
  std::optional<std::string> OptText(int col) const;

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// One use of a cached statement (Connection::PrepareCached): reset when the lease ends, so a
// read never holds its snapshot past the call and the next user starts from clean bindings.
class StatementLease {
 public:
  explicit StatementLease(Statement* st) : st_(st) {}
  StatementLease(StatementLease&& o) noexcept : st_(std::exchange(o.st_, nullptr)) {}
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease() {
    if (st_) st_->Reset();
  }
  Statement* operator->() const { return st_; }
  Statement& operator*() const { return *st_; }

 private:
  Statement* st_;
};

class Connection {
 public:
  // Opens `target` (see IsPostgresUrl). SQLite: creates the file when missing, WAL,
  // synchronous=NORMAL, foreign keys on. PostgreSQL: connects; the database must exist.
  static Result<std::unique_ptr<Connection>> Open(const std::string& target);
  virtual ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Backend backend() const = 0;
  // True when processes on other machines may share this database (PostgreSQL): state that
  // must be the same on every node (rate limits) then lives in the database.
  bool shared() const { return backend() == Backend::kPostgres; }
  // The target as given, password redacted.
  const std::string& target() const { return target_; }

  // Runs one or more statements without parameters or rows (schema changes).
  virtual Status Exec(std::string_view sql) = 0;
  Result<Statement> Prepare(std::string_view sql) { return PrepareImpl(sql, false); }
  // The statement for `sql`, prepared on first use and kept for the connection's lifetime,
  // for hot paths (token checks, audit appends, order records).
  // REQUIRES: the caller serializes use of this connection for the lease's lifetime.
  Result<StatementLease> PrepareCached(const std::string& sql);

  std::mutex& mutex() { return mu_; }

 protected:
  explicit Connection(std::string target) : target_(Redacted(target)) {}
  // `keep`: the statement is cached and run many times (PostgreSQL prepares it server-side).
  virtual Result<Statement> PrepareImpl(std::string_view sql, bool keep) = 0;
  // Backends call this first in their destructor: cached statements go before the handle.
  void DropCachedStatements() { cached_.clear(); }

 private:
  friend class Transaction;
  virtual Status BeginWrite() = 0;
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual Status Lock(int64_t key) = 0;

  std::string target_;
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cached_;
};

// A transaction; rolls back unless Commit() succeeded.
class Transaction {
 public:
  enum class Mode {
    kWrite,  //!< SQLite BEGIN IMMEDIATE (takes the file's write lock now); PostgreSQL READ
             //!< COMMITTED
    kRead,   //!< one consistent snapshot for several reads (PostgreSQL REPEATABLE READ READ ONLY)
  };
  static Result<Transaction> Begin(Connection& c, Mode mode = Mode::kWrite);
  Transaction(Transaction&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Serializes this transaction, until it ends, with every other transaction that takes the
  // lock of the same name, in any process using the database. PostgreSQL: a transaction-level
  // advisory lock; SQLite: nothing to do (a write transaction already excludes all writers).
  // Take locks in one global order (the audit lock last) so transactions cannot deadlock.
  Status Lock(std::string_view name);
  Status Commit();

 private:
  explicit Transaction(Connection* c) : c_(c) {}
  Connection* c_;
};

}  // namespace chokepoint::store
