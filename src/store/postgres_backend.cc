// PostgreSQL 15 through libpq: text-format results; parameters typed BIGINT, DOUBLE
// PRECISION or TEXT by their C++ type (NULL: inferred); '?' placeholders numbered as $1…$n;
// cached statements prepared server-side once per parameter-type signature. Statements run
// for their effect inside a transaction are pipelined (Statement::Run) and their outcomes read
// at the next statement that needs a result.
#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>
#include <vector>

#include "store/backends.h"
#include "util/strings.h"

namespace chokepoint::store {
namespace {

constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kFloat8 = 701;
constexpr Oid kInfer = 0;  // NULL: the server infers the type from the context

// libpq's error text on one line ("FATAL:  terminating connection …\nserver closed …\n\t…").
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : Trim(text)) {
    bool space = c == '\n' || c == '\t' || c == ' ';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  return out;
}
std::string ErrorText(PGconn* conn) { return OneLine(PQerrorMessage(conn)); }

Status ErrorFor(const char* sqlstate, const std::string& msg) {
  std::string code = sqlstate ? sqlstate : "";
  if (code.starts_with("23")) return Status::FailedPrecondition(msg, "db_constraint");
  if (code == "40001" || code == "40P01" || code == "55P03") return Status::IOError(msg, "db_busy");
  if (code.empty() || code.starts_with("08") || code.starts_with("53") || code.starts_with("57"))
    return Status::IOError(msg, "db_io");
  return Status::Internal(msg, "db_error");
}

Status ResultError(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg =
      "postgresql: " + std::string(what) + ": " + (primary ? OneLine(primary) : ErrorText(conn));
  return ErrorFor(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr, msg);
}

// '?' → $k (k = one more than the highest so far) and '?N' → $N, as SQLite numbers them;
// string literals, quoted identifiers and comments are copied as they are.
std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      size_t end = sql.find(c, i + 1);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (c == '?') {
      size_t j = i + 1;
      int n = 0;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
      if (j == i + 1) n = highest + 1;
      highest = std::max(highest, n);
      out += '$' + std::to_string(n);
      i = j - 1;
    } else {
      out += c;
    }
  }
  *count = highest;
  return out;
}

class PostgresConnection;

class PostgresStatement final : public StatementImpl {
 public:
  PostgresStatement(PostgresConnection* c, std::string sql, int nparams, bool keep)
      : c_(c), sql_(std::move(sql)), keep_(keep), params_(static_cast<size_t>(nparams)) {}
  ~PostgresStatement() override { PQclear(res_); }

  void BindInt(int i, int64_t v) override { Set(i, kInt8, std::to_string(v)); }
  void BindReal(int i, double v) override {
    if (std::isnan(v)) return Set(i, kFloat8, "NaN");
    if (std::isinf(v)) return Set(i, kFloat8, v > 0 ? "Infinity" : "-Infinity");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, kFloat8, buf);
  }
  void BindText(int i, std::string_view v) override { Set(i, kText, std::string(v)); }
  void BindNull(int i) override {
    if (i >= 1 && static_cast<size_t>(i) <= params_.size())
      params_[static_cast<size_t>(i) - 1] = Param{};
  }
  Result<bool> Step() override;
  Status Run() override;
  void Reset() override {
    PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    for (auto& p : params_) p = Param{};
  }
  bool IsNull(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  int64_t Int(int col) const override {
    return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
  }
  double Real(int col) const override { return std::strtod(PQgetvalue(res_, row_, col), nullptr); }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(res_, row_, col),
                       static_cast<size_t>(PQgetlength(res_, row_, col)));
  }

 private:
  struct Param {
    Oid type = kInfer;
    bool null = true;
    std::string value;
  };
  void Set(int i, Oid type, std::string v) {
    if (i >= 1 && static_cast<size_t>(i) <= params_.size())
      params_[static_cast<size_t>(i) - 1] = Param{type, false, std::move(v)};
  }
  // Parameter types and values as libpq takes them; `signature` names the type pattern.
  void Marshal(std::string* signature, std::vector<Oid>* types,
               std::vector<const char*>* values) const;
  // The server-side name of this statement for `signature`, prepared (pipelined or not) when new.
  Result<std::string> PreparedName(const std::string& signature, const std::vector<Oid>& types,
                                   bool pipelined);
  Status Execute();

  PostgresConnection* c_;
  std::string sql_;
  bool keep_;
  std::vector<Param> params_;
  PGresult* res_ = nullptr;  // the whole result of the last execution
  int row_ = -1;
  // Server-side statement name per signature of parameter types, with the connection
  // generation it was prepared in (a reconnect forgets them).
  std::map<std::string, std::pair<std::string, uint64_t>> prepared_;
};

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* conn, const std::string& url) : Connection(url), conn_(conn) {}
  ~PostgresConnection() override {
    DropCachedStatements();
    PQfinish(conn_);
  }
  Backend backend() const override { return Backend::kPostgres; }

  Status Exec(std::string_view sql) override {
    CP_RETURN_IF_ERROR(Flush());
    CP_RETURN_IF_ERROR(Reconnect());
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    Status s = Check(res, "executing '" + std::string(sql.substr(0, 60)) + "'");
    PQclear(res);
    return s;
  }

  // Reconnects a dropped connection between transactions (a restarted server, a failover);
  // inside a transaction the loss is the caller's error, reported by the failing statement.
  Status Reconnect() {
    if (in_txn_ || PQstatus(conn_) == CONNECTION_OK) return Status::OK();
    PQreset(conn_);
    ++generation_;
    if (PQstatus(conn_) != CONNECTION_OK)
      return Status::IOError("postgresql: connection to " + target() + " lost: " + ErrorText(conn_),
                             "db_io");
    return Status::OK();
  }
  Status Check(PGresult* res, std::string_view what) {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::OK();
    return ResultError(conn_, res, what);
  }
  PGconn* conn() { return conn_; }
  uint64_t generation() const { return generation_; }
  std::string NextName() { return "cp" + std::to_string(++names_); }
  bool in_transaction() const { return in_txn_; }

  // Pipelined sends: queued without waiting; their outcomes are read by Flush().
  Status BeginSend() {
    if (pipeline_) return Status::OK();
    if (PQenterPipelineMode(conn_) != 1)
      return Status::Internal("postgresql: cannot enter pipeline mode: " + ErrorText(conn_),
                              "db_error");
    pipeline_ = true;
    return Status::OK();
  }
  Status Sent(int ok, std::string what) {
    if (ok != 1)
      return Status::IOError("postgresql: sending " + what + ": " + ErrorText(conn_), "db_io");
    sent_.push_back(std::move(what));
    // Reading outcomes now and then keeps the server's replies from filling the socket
    // while this side is still sending (a blocking connection would then wait forever).
    return sent_.size() >= 512 ? Flush() : Status::OK();
  }
  // Reads the outcome of every pipelined statement and leaves pipeline mode. Returns the first
  // failure; the statements after it were not run (the transaction is aborted).
  Status Flush() {
    if (!pipeline_) return Status::OK();
    Status first;
    auto fail = [&](Status s) {
      if (first.ok()) first = std::move(s);
    };
    if (PQpipelineSync(conn_) != 1)
      fail(Status::IOError("postgresql: " + ErrorText(conn_), "db_io"));
    for (const std::string& what : sent_) {
      PGresult* res = PQgetResult(conn_);
      if (!res) {
        fail(Status::IOError("postgresql: " + what + ": no reply: " + ErrorText(conn_), "db_io"));
        break;
      }
      ExecStatusType st = PQresultStatus(res);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_ABORTED) {
        fail(ResultError(conn_, res, what));
        if (what.starts_with("preparing")) ++generation_;  // its name was never created
      }
      PQclear(res);
      while ((res = PQgetResult(conn_)) != nullptr)
        PQclear(res);  // end of this statement's results
    }
    sent_.clear();
    if (PGresult* sync = PQgetResult(conn_)) PQclear(sync);  // PGRES_PIPELINE_SYNC
    if (PQexitPipelineMode(conn_) != 1)
      fail(Status::IOError("postgresql: " + ErrorText(conn_), "db_io"));
    pipeline_ = false;
    return first;
  }

 protected:
  Result<Statement> PrepareImpl(std::string_view sql, bool keep) override {
    int n = 0;
    std::string numbered = NumberPlaceholders(sql, &n);
    return Statement(std::make_unique<PostgresStatement>(this, std::move(numbered), n, keep));
  }

 private:
  Status BeginWrite() override { return Begin("BEGIN"); }
  Status BeginRead() override { return Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  Status Begin(const char* sql) {
    CP_RETURN_IF_ERROR(Exec(sql));
    in_txn_ = true;
    return Status::OK();
  }
  Status Commit() override {
    CP_RETURN_IF_ERROR(Flush());  // on failure the transaction stays open for Rollback()
    in_txn_ = false;
    PGresult* res = PQexec(conn_, "COMMIT");
    Status s = Check(res, "commit");
    // COMMIT of a transaction in which a statement failed answers "ROLLBACK", not an error.
    if (s.ok() && std::string_view(PQcmdStatus(res)) == "ROLLBACK")
      s = Status::IOError("postgresql: the transaction was rolled back (a statement in it failed)",
                          "db_error");
    PQclear(res);
    return s;
  }
  Status Rollback() override {
    (void)Flush();  // what failed is why the caller rolls back
    bool was = std::exchange(in_txn_, false);
    if (!was || PQstatus(conn_) != CONNECTION_OK)
      return Status::OK();  // a lost connection rolled it back
    return Exec("ROLLBACK");
  }
  Status Lock(int64_t key) override {
    CP_ASSIGN_OR_RETURN(StatementLease st, PrepareCached("SELECT pg_advisory_xact_lock(?)"));
    return st->Bind(1, key).Run();
  }

  PGconn* conn_;
  bool in_txn_ = false;
  bool pipeline_ = false;
  std::vector<std::string> sent_;  // pipelined statements whose outcome is unread, described
  uint64_t generation_ = 0;
  uint64_t names_ = 0;
};

void PostgresStatement::Marshal(std::string* signature, std::vector<Oid>* types,
                                std::vector<const char*>* values) const {
  for (const Param& p : params_) {
    *signature += p.null ? 'n' : p.type == kInt8 ? 'i' : p.type == kFloat8 ? 'd' : 't';
    types->push_back(p.null ? kInfer : p.type);
    values->push_back(p.null ? nullptr : p.value.c_str());
  }
}

Result<std::string> PostgresStatement::PreparedName(const std::string& signature,
                                                    const std::vector<Oid>& types, bool pipelined) {
  auto& [name, generation] = prepared_[signature];
  if (!name.empty() && generation == c_->generation()) return name;
  std::string fresh = c_->NextName();
  int n = static_cast<int>(params_.size());
  std::string what = "preparing '" + sql_.substr(0, 80) + "'";
  if (pipelined) {
    CP_RETURN_IF_ERROR(
        c_->Sent(PQsendPrepare(c_->conn(), fresh.c_str(), sql_.c_str(), n, types.data()), what));
  } else {
    PGresult* prep = PQprepare(c_->conn(), fresh.c_str(), sql_.c_str(), n, types.data());
    Status s = c_->Check(prep, what);
    PQclear(prep);
    if (!s.ok()) {
      prepared_.erase(signature);
      return s;
    }
  }
  name = fresh;
  generation = c_->generation();
  return fresh;
}

Status PostgresStatement::Execute() {
  CP_RETURN_IF_ERROR(c_->Flush());
  std::string signature;
  std::vector<Oid> types;
  std::vector<const char*> values;
  Marshal(&signature, &types, &values);
  int n = static_cast<int>(params_.size());
  // A connection the server dropped while idle (a restart, an idle timeout) shows only when
  // used: a read outside a transaction is tried once more on a new connection. A write is not
  // (it may have run before the connection went); it fails, and the next call reconnects.
  const bool retry = !c_->in_transaction() && sql_.starts_with("SELECT ");
  for (int attempt = 0;; ++attempt) {
    CP_RETURN_IF_ERROR(c_->Reconnect());
    Status s;
    if (!keep_) {
      res_ = PQexecParams(c_->conn(), sql_.c_str(), n, types.data(), values.data(), nullptr,
                          nullptr, 0);
      s = c_->Check(res_, "'" + sql_.substr(0, 80) + "'");
    } else if (auto name = PreparedName(signature, types, false); name.ok()) {
      res_ = PQexecPrepared(c_->conn(), name->c_str(), n, values.data(), nullptr, nullptr, 0);
      s = c_->Check(res_, "'" + sql_.substr(0, 80) + "'");
    } else {
      s = name.status();
    }
    if (s.ok() || !retry || attempt > 0 || PQstatus(c_->conn()) == CONNECTION_OK) return s;
    PQclear(res_);
    res_ = nullptr;
  }
}

Status PostgresStatement::Run() {
  if (!c_->in_transaction()) return StatementImpl::Run();
  std::string signature;
  std::vector<Oid> types;
  std::vector<const char*> values;
  Marshal(&signature, &types, &values);
  int n = static_cast<int>(params_.size());
  Status s = c_->BeginSend();
  if (s.ok()) {
    std::string what = "'" + sql_.substr(0, 80) + "'";
    if (!keep_) {
      s = c_->Sent(PQsendQueryParams(c_->conn(), sql_.c_str(), n, types.data(), values.data(),
                                     nullptr, nullptr, 0),
                   what);
    } else {
      auto name = PreparedName(signature, types, true);
      s = name.ok() ? c_->Sent(PQsendQueryPrepared(c_->conn(), name->c_str(), n, values.data(),
                                                   nullptr, nullptr, 0),
                               what)
                    : name.status();
    }
  }
  Reset();
  return s;
}

Result<bool> PostgresStatement::Step() {
  if (!res_) {
    Status s = Execute();
    if (!s.ok()) {
      PQclear(res_);
      res_ = nullptr;
      return s;
    }
  }
  if (PQresultStatus(res_) != PGRES_TUPLES_OK) return false;
  if (row_ + 1 >= PQntuples(res_)) {
    row_ = PQntuples(res_);
    return false;
  }
  ++row_;
  return true;
}

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn)
    return Status::IOError("postgresql: out of memory connecting to " + Redacted(url), "db_io");
  if (PQstatus(conn) != CONNECTION_OK) {
    Status s = Status::IOError(
        "cannot connect to PostgreSQL at " + Redacted(url) + ": " + ErrorText(conn), "db_io");
    PQfinish(conn);
    return s;
  }
  // Notices ("relation already exists, skipping") are not errors and not for the terminal.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(std::make_unique<PostgresConnection>(conn, url));
}

}  // namespace chokepoint::store
