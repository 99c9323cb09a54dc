// Organizations, users and API tokens.
//
// A token is 256 random bits shown once at creation ("cp_" + 64 hex digits); only its SHA-256
// is stored. A token belongs to exactly one organization and carries one role; it may name a
// user (the person it was issued to), expire, and be revoked. Authenticate() is what the
// server calls on every request.
//
// Thread-safe: every method holds the connection's mutex around its statements.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "store/connection.h"

namespace chokepoint::access {

struct Org {
  int64_t id = 0;
  std::string name;
  std::string created_at;
};

struct User {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name;
  Role role = Role::kAnalyst;
};

struct TokenInfo {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org;
  std::string user;  //!< empty when issued to a machine client
  Role role = Role::kScreener;
  std::string label;
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> revoked_at;
  std::optional<double> rate_limit;  //!< requests/s; unset: the server default
};

// Who is calling: the result of authenticating a bearer token.
struct Principal {
  int64_t token_id = 0;
  int64_t org_id = 0;
  std::string org;
  std::string user;
  Role role = Role::kScreener;
  std::optional<double> rate_limit;
  // "token:12" or "alice (token:12)": the audit log's actor.
  std::string Actor() const;
};

struct NewTokenOptions {
  std::string org;  //!< organization name (must exist)
  Role role = Role::kScreener;
  std::string user;                       //!< optional: a user of that organization
  std::string label;                      //!< free text, e.g. "checkout prod"
  std::optional<std::string> expires_at;  //!< ISO date or timestamp (UTC); unset: never
  std::optional<double> rate_limit;       //!< requests/s; unset: server default
};

struct IssuedToken {
  TokenInfo info;
  std::string token;  //!< the secret; shown once, never stored
};

class Directory {
 public:
  // Takes a migrated database (store::OpenDatabase).
  explicit Directory(store::Connection& db) : db_(db) {}

  Result<Org> CreateOrg(const std::string& name);
  Result<Org> FindOrg(const std::string& name);
  Result<std::vector<Org>> ListOrgs();

  Result<User> CreateUser(const std::string& org, const std::string& name, Role role);

  Result<IssuedToken> CreateToken(const NewTokenOptions& options);
  // NotFound when there is no such token; FailedPrecondition ("already_revoked") when revoked.
  Result<TokenInfo> RevokeToken(int64_t id);
  Result<TokenInfo> GetToken(int64_t id);
  // Tokens of one organization, or of all when org is empty.
  Result<std::vector<TokenInfo>> ListTokens(const std::string& org);

  // The principal for a bearer token, or NotFound ("invalid_token") when the token is unknown,
  // revoked or expired; the three are indistinguishable to the caller on purpose. Every call
  // reads the database: a revocation from any process counts from the next request.
  Result<Principal> Authenticate(const std::string& token, const std::string& now_iso);

 private:
  Result<TokenInfo> GetTokenLocked(int64_t id);
  store::Connection& db_;
};

}  // namespace chokepoint::access
