#include "access/directory.h"

#include <cctype>

#include "access/crypto.h"
#include "util/date.h"

namespace chokepoint::access {

namespace {
constexpr const char* kTokenColumns =
    "t.id, t.org_id, o.name, COALESCE(u.name, ''), t.role, t.label, t.created_at, t.expires_at, "
    "t.revoked_at, "
    "t.rate_limit FROM api_tokens t JOIN orgs o ON o.id = t.org_id LEFT JOIN users u ON u.id = "
    "t.user_id";

TokenInfo ReadToken(const store::Statement& st) {
  TokenInfo t;
  t.id = st.Int(0);
  t.org_id = st.Int(1);
  t.org = st.Text(2);
  t.user = st.Text(3);
  t.role = ParseRole(st.Text(4)).value_or(Role::kAuditor);  // unknown text: least privilege
  t.label = st.Text(5);
  t.created_at = st.Text(6);
  t.expires_at = st.OptText(7);
  t.revoked_at = st.OptText(8);
  if (!st.IsNull(9)) t.rate_limit = st.Real(9);
  return t;
}

Status CheckName(const std::string& what, const std::string& name) {
  if (name.empty() || name.size() > 100)
    return Status::InvalidArgument(what + " name must be 1 to 100 characters", "bad_name");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f)
      return Status::InvalidArgument(what + " name contains a control character", "bad_name");
  return Status::OK();
}
}  // namespace

std::string Principal::Actor() const {
  std::string t = "token:" + std::to_string(token_id);
  return user.empty() ? t : user + " (" + t + ")";
}

Result<Org> Directory::CreateOrg(const std::string& name) {
  CP_RETURN_IF_ERROR(CheckName("organization", name));
  std::lock_guard lock(db_.mutex());
  Org org{0, name, NowIso()};
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare("INSERT INTO orgs(name, created_at) VALUES (?, ?) RETURNING id"));
  st.Bind(1, name).Bind(2, org.created_at);
  auto row = st.Step();
  if (!row.ok()) {
    if (row.status().tag() == "db_constraint")
      return Status::FailedPrecondition("organization '" + name + "' already exists", "org_exists");
    return row.status();
  }
  org.id = st.Int(0);
  return org;
}

Result<Org> Directory::FindOrg(const std::string& name) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare("SELECT id, name, created_at FROM orgs WHERE name = ?"));
  st.Bind(1, name);
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no organization named '" + name + "'", "unknown_org");
  return Org{st.Int(0), st.Text(1), st.Text(2)};
}

Result<std::vector<Org>> Directory::ListOrgs() {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare("SELECT id, name, created_at FROM orgs ORDER BY id"));
  std::vector<Org> out;
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(Org{st.Int(0), st.Text(1), st.Text(2)});
  }
  return out;
}

Result<User> Directory::CreateUser(const std::string& org_name, const std::string& name,
                                   Role role) {
  CP_RETURN_IF_ERROR(CheckName("user", name));
  CP_ASSIGN_OR_RETURN(Org org, FindOrg(org_name));
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare("INSERT INTO users(org_id, name, role, created_at) "
                                  "VALUES (?, ?, ?, ?) RETURNING id"));
  st.Bind(1, org.id).Bind(2, name).Bind(3, RoleName(role)).Bind(4, NowIso());
  auto row = st.Step();
  if (!row.ok()) {
    if (row.status().tag() == "db_constraint")
      return Status::FailedPrecondition("user '" + name + "' already exists in '" + org_name + "'",
                                        "user_exists");
    return row.status();
  }
  return User{st.Int(0), org.id, name, role};
}

Result<IssuedToken> Directory::CreateToken(const NewTokenOptions& o) {
  CP_ASSIGN_OR_RETURN(Org org, FindOrg(o.org));
  if (o.rate_limit && !(*o.rate_limit > 0))
    return Status::InvalidArgument("rate limit must be a positive number of requests per second",
                                   "bad_rate_limit");
  std::lock_guard lock(db_.mutex());
  std::optional<int64_t> user_id;
  if (!o.user.empty()) {
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_.Prepare("SELECT id FROM users WHERE org_id = ? AND name = ?"));
    st.Bind(1, org.id).Bind(2, o.user);
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row)
      return Status::NotFound("no user '" + o.user + "' in organization '" + o.org + "'",
                              "unknown_user");
    user_id = st.Int(0);
  }
  IssuedToken out;
  out.token = NewToken();
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare("INSERT INTO api_tokens(org_id, user_id, role, label, token_hash, created_at, "
                  "expires_at, rate_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, org.id);
  if (user_id)
    st.Bind(2, *user_id);
  else
    st.BindNull(2);
  st.Bind(3, RoleName(o.role))
      .Bind(4, o.label)
      .Bind(5, Sha256Hex(out.token))
      .Bind(6, NowIso())
      .Bind(7, o.expires_at);
  if (o.rate_limit)
    st.Bind(8, *o.rate_limit);
  else
    st.BindNull(8);
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("inserting a token returned no id", "db_error");
  int64_t id = st.Int(0);
  st.Reset();
  CP_ASSIGN_OR_RETURN(out.info, GetTokenLocked(id));
  return out;
}

Result<TokenInfo> Directory::GetTokenLocked(int64_t id) {
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare(std::string("SELECT ") + kTokenColumns + " WHERE t.id = ?"));
  st.Bind(1, id);
  CP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no token with id " + std::to_string(id), "unknown_token");
  return ReadToken(st);
}

Result<TokenInfo> Directory::GetToken(int64_t id) {
  std::lock_guard lock(db_.mutex());
  return GetTokenLocked(id);
}

Result<TokenInfo> Directory::RevokeToken(int64_t id) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(TokenInfo t, GetTokenLocked(id));
  if (t.revoked_at)
    return Status::FailedPrecondition(
        "token " + std::to_string(id) + " was already revoked at " + *t.revoked_at,
        "already_revoked");
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_.Prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"));
  st.Bind(1, NowIso()).Bind(2, id);
  CP_RETURN_IF_ERROR(st.Run());
  return GetTokenLocked(id);
}

Result<std::vector<TokenInfo>> Directory::ListTokens(const std::string& org) {
  std::lock_guard lock(db_.mutex());
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_.Prepare(std::string("SELECT ") + kTokenColumns +
                                  " WHERE (? = '' OR o.name = ?) ORDER BY t.id"));
  st.Bind(1, org).Bind(2, org);
  std::vector<TokenInfo> out;
  for (;;) {
    CP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadToken(st));
  }
  return out;
}

Result<Principal> Directory::Authenticate(const std::string& token, const std::string& now_iso) {
  Status invalid =
      Status::NotFound("the bearer token is unknown, revoked or expired", "invalid_token");
  if (token.size() != 67 || token.compare(0, 3, "cp_") != 0) return invalid;
  std::string hash = Sha256Hex(token);
  std::lock_guard lock(db_.mutex());
  // Parsing the join was a tenth of a cached classify request's CPU: the statement is kept.
  TokenInfo t;
  {
    CP_ASSIGN_OR_RETURN(
        store::StatementLease st,
        db_.PrepareCached(std::string("SELECT ") + kTokenColumns + " WHERE t.token_hash = ?"));
    st->Bind(1, hash);
    CP_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return invalid;
    t = ReadToken(*st);
  }
  if (t.revoked_at) return invalid;
  // Dates ("2027-01-01") and timestamps compare as text: both are ISO 8601 UTC.
  if (t.expires_at && *t.expires_at <= now_iso) return invalid;
  Principal p;
  p.token_id = t.id;
  p.org_id = t.org_id;
  p.org = t.org;
  p.user = t.user;
  p.role = t.role;
  p.rate_limit = t.rate_limit;
  return p;
}

}  // namespace chokepoint::access
