#include "store/connection.h"

#include "store/backends.h"
#include "util/hash.h"

namespace chokepoint::store {

bool IsPostgresUrl(std::string_view t) {
  return t.starts_with("postgresql://") || t.starts_with("postgres://");
}

std::string Redacted(std::string_view target) {
  std::string t(target);
  if (!IsPostgresUrl(t)) return t;
  // scheme://user:password@host… → scheme://user:***@host…
  size_t start = t.find("://") + 3;
  size_t at = t.find('@', start);
  size_t slash = t.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return t;
  size_t colon = t.find(':', start);
  if (colon == std::string::npos || colon > at) return t;
  return t.substr(0, colon + 1) + "***" + t.substr(at);
}

Status StatementImpl::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) {
      Reset();
      return r.status();
    }
    if (!*r) break;
  }
  Reset();
  return Status::OK();
}

Status Statement::ForEachRow(const std::function<void(const Statement&)>& row) {
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool more, Step());
    if (!more) return Status::OK();
    row(*this);
  }
}

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& target) {
  if (IsPostgresUrl(target)) return OpenPostgres(target);
  return OpenSqlite(target);
}

Connection::~Connection() = default;

Result<StatementLease> Connection::PrepareCached(const std::string& sql) {
  auto it = cached_.find(sql);
  if (it == cached_.end()) {
    CP_ASSIGN_OR_RETURN(Statement st, PrepareImpl(sql, true));
    it = cached_.emplace(sql, std::make_unique<Statement>(std::move(st))).first;
  }
  return StatementLease(it->second.get());
}

Result<Transaction> Transaction::Begin(Connection& c, Mode mode) {
  CP_RETURN_IF_ERROR(mode == Mode::kWrite ? c.BeginWrite() : c.BeginRead());
  return Transaction(&c);
}

Transaction::~Transaction() {
  if (c_) (void)c_->Rollback();
}

Status Transaction::Lock(std::string_view name) {
  // A key every node computes the same for the name.
  return c_->Lock(static_cast<int64_t>(Fnv1a(name)));
}

Status Transaction::Commit() {
  Status s = c_->Commit();
  if (s.ok()) c_ = nullptr;  // on failure the destructor rolls back what is left
  return s;
}

}  // namespace chokepoint::store
