// SQLite: one file in WAL mode (readers never block the writer), synchronous=NORMAL (every
// committed transaction survives a process crash; only an OS crash can lose the last ones),
// foreign keys on.
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "store/backends.h"

namespace chokepoint::store {
namespace {

Status SqlError(sqlite3* db, std::string_view what) {
  std::string msg =
      "sqlite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
  int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
  if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL ||
      code == SQLITE_READONLY)
    return Status::IOError(msg, "db_io");
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(msg, "db_corrupt");
  if (code == SQLITE_CONSTRAINT) return Status::FailedPrecondition(msg, "db_constraint");
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Status::IOError(msg, "db_busy");
  return Status::Internal(msg, "db_error");
}

// One mutex per database file for the whole process: SQLite lets one connection write at a
// time and makes the others retry with sleeps (1, 2, 5 … 100 ms) in its busy handler, which
// is what a request waiting behind another request's commit would see as latency. Writers
// of this process queue on this mutex instead; other processes still meet the file lock.
std::shared_ptr<std::mutex> WriteMutexFor(const std::string& path) {
  static std::mutex registry_mu;
  static std::map<std::string, std::weak_ptr<std::mutex>> registry;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec || key.empty()) key = path;
  std::lock_guard lock(registry_mu);
  auto& weak = registry[key];
  auto m = weak.lock();
  if (!m) weak = m = std::make_shared<std::mutex>();
  return m;
}

class SqliteConnection;

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(SqliteConnection* c, sqlite3_stmt* st) : c_(c), st_(st) {}
  ~SqliteStatement() override;
  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(st_, i, v); }
  void BindReal(int i, double v) override { sqlite3_bind_double(st_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) override { sqlite3_bind_null(st_, i); }
  Result<bool> Step() override;
  void Reset() override;
  bool IsNull(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int64_t Int(int col) const override { return sqlite3_column_int64(st_, col); }
  double Real(int col) const override { return sqlite3_column_double(st_, col); }
  std::string Text(int col) const override {
    const unsigned char* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }

 private:
  SqliteConnection* c_;
  sqlite3_stmt* st_;
  std::unique_lock<std::mutex> autocommit_write_;  // held while a write outside a transaction runs
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, const std::string& path)
      : Connection(path),
        db_(db),
        write_mu_(path == ":memory:" || path.empty() ? std::make_shared<std::mutex>()
                                                     : WriteMutexFor(path)) {}
  ~SqliteConnection() override {
    DropCachedStatements();
    sqlite3_close_v2(db_);
  }
  Backend backend() const override { return Backend::kSqlite; }

  Status Exec(std::string_view sql) override {
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      return SqlError(db_, "executing '" + s.substr(0, 60) + "'");
    return Status::OK();
  }

  sqlite3* db() { return db_; }
  std::mutex& write_mutex() { return *write_mu_; }

 protected:
  Result<Statement> PrepareImpl(std::string_view sql, bool) override {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr) !=
        SQLITE_OK)
      return SqlError(db_, "preparing '" + std::string(sql.substr(0, 80)) + "'");
    return Statement(std::make_unique<SqliteStatement>(this, st));
  }

 private:
  Status BeginWrite() override {
    std::unique_lock lock(*write_mu_);
    CP_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    write_lock_ = std::move(lock);
    return Status::OK();
  }
  Status BeginRead() override { return Exec("BEGIN"); }
  Status Commit() override {
    CP_RETURN_IF_ERROR(Exec("COMMIT"));
    if (write_lock_.owns_lock()) write_lock_.unlock();
    return Status::OK();
  }
  Status Rollback() override {
    Status s = sqlite3_get_autocommit(db_) ? Status::OK() : Exec("ROLLBACK");
    if (write_lock_.owns_lock()) write_lock_.unlock();
    return s;
  }
  Status Lock(int64_t) override { return Status::OK(); }

  sqlite3* db_;
  std::shared_ptr<std::mutex> write_mu_;
  std::unique_lock<std::mutex> write_lock_;  // held from BEGIN IMMEDIATE to COMMIT/ROLLBACK
};

SqliteStatement::~SqliteStatement() { sqlite3_finalize(st_); }

Result<bool> SqliteStatement::Step() {
  // A write outside any transaction takes the file's write lock for its own implicit
  // transaction: queue on the process's write mutex first, as transactions do.
  if (!autocommit_write_.owns_lock() && !sqlite3_stmt_busy(st_) && !sqlite3_stmt_readonly(st_) &&
      sqlite3_get_autocommit(c_->db()))
    autocommit_write_ = std::unique_lock(c_->write_mutex());
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (autocommit_write_.owns_lock()) autocommit_write_.unlock();
  if (rc == SQLITE_DONE) return false;
  return SqlError(c_->db(), "step");
}

void SqliteStatement::Reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  if (autocommit_write_.owns_lock()) autocommit_write_.unlock();
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqlError(raw, "cannot open database '" + path + "'");
    sqlite3_close(raw);
    return s;
  }
  auto c = std::make_unique<SqliteConnection>(raw, path);
  sqlite3_busy_timeout(raw, 10000);
  if (path != ":memory:") CP_RETURN_IF_ERROR(c->Exec("PRAGMA journal_mode=WAL"));
  CP_RETURN_IF_ERROR(c->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"));
  return std::unique_ptr<Connection>(std::move(c));
}

}  // namespace chokepoint::store
