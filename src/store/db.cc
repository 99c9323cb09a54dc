#include "store/db.h"

#include <sqlite3.h>

namespace chokepoint::store {

namespace {
Status SqlError(sqlite3* db, const std::string& what) {
  return Status::IOError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"), "sqlite");
}
}  // namespace

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    db_ = o.db_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *status = SqlError(db_, "sqlite step");
  return false;
}

Status Statement::Run() {
  Status s;
  while (Step(&s)) {
  }
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Real(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s = Status::IOError("cannot open database '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory"),
                               "sqlite");
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Database> d(new Database(db, path));
  sqlite3_busy_timeout(db, 10000);
  // WAL: readers never block the writer; synchronous=NORMAL keeps every committed
  // transaction across a process crash (kill -9); only an OS crash can lose the last ones.
  CP_RETURN_IF_ERROR(d->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  return d;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::IOError("sqlite: " + msg, "sqlite");
  }
  return Status::OK();
}

Result<Statement> Database::Prepare(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK)
    return SqlError(db_, "sqlite prepare '" + sql.substr(0, 60) + "'");
  return Statement(s, db_);
}

int Database::user_version() {
  auto st = Prepare("PRAGMA user_version");
  if (!st.ok()) return -1;
  Status s;
  return st->Step(&s) ? static_cast<int>(st->Int(0)) : -1;
}

Status Database::Migrate(const std::vector<Migration>& migrations) {
  int have = user_version();
  if (have < 0) return Status::IOError("cannot read the schema version of '" + path_ + "'", "sqlite");
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (have > newest)
    return Status::FailedPrecondition("database '" + path_ + "' has schema version " + std::to_string(have) +
                                      ", newer than this program knows (" + std::to_string(newest) +
                                      "): upgrade chokepoint");
  for (const Migration& m : migrations) {
    if (m.version <= have) continue;
    CP_RETURN_IF_ERROR(Begin());
    Status s = Exec(m.sql);
    if (s.ok()) s = Exec("PRAGMA user_version = " + std::to_string(m.version));
    if (!s.ok()) {
      (void)Rollback();
      return s.WithContext("migration " + std::to_string(m.version) + " (" + m.name + ")");
    }
    CP_RETURN_IF_ERROR(Commit());
  }
  return Status::OK();
}

Status Database::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status Database::Commit() { return Exec("COMMIT"); }
Status Database::Rollback() { return Exec("ROLLBACK"); }

}  // namespace chokepoint::store
