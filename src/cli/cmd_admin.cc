// `chokepoint admin …`: organizations, users and API tokens. Every change is audited.
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "access/audit_log.h"
#include "access/directory.h"
#include "cli/command.h"
#include "store/schema.h"
#include "util/date.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string db;
  std::string org;
  std::string name;
  std::string role = "screener";
  std::string user;
  std::string label;
  std::string expires;
  double rate_limit = 0;
  int64_t id = 0;
  std::string format = "text";
};

// The operating-system account that ran the command: the audit log's actor for CLI changes.
std::string CliActor() {
  if (const passwd* pw = getpwuid(getuid())) return std::string("cli:") + pw->pw_name;
  const char* u = std::getenv("USER");
  return std::string("cli:") + (u && *u ? u : "uid" + std::to_string(getuid()));
}

// Opens the database or prints why not. `cmd` names the subcommand in the message.
std::unique_ptr<store::Connection> Open(const Options& o, const char* cmd) {
  auto db = store::OpenDatabase(DatabaseTarget(o.db));
  if (!db.ok()) {
    std::cerr << "chokepoint admin " << cmd << ": " << db.status().message() << "\n";
    return nullptr;
  }
  return std::move(db).value();
}

int Fail(const char* cmd, const Status& s) {
  std::cerr << "chokepoint admin " << cmd << ": " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

Status Audit(store::Connection& db, std::optional<int64_t> org, const std::string& action,
             const std::string& target, const nlohmann::ordered_json& detail) {
  access::AuditLog log(db);
  return log
      .Append({.org_id = org,
               .actor = CliActor(),
               .role = "cli",
               .action = action,
               .target = target,
               .detail = detail.dump(),
               .source = "cli"})
      .status();
}

nlohmann::ordered_json TokenJson(const access::TokenInfo& t) {
  nlohmann::ordered_json j;
  j["id"] = t.id;
  j["org"] = t.org;
  j["user"] = t.user;
  j["role"] = access::RoleName(t.role);
  j["label"] = t.label;
  j["created_at"] = t.created_at;
  j["expires_at"] = t.expires_at ? nlohmann::ordered_json(*t.expires_at) : nullptr;
  j["revoked_at"] = t.revoked_at ? nlohmann::ordered_json(*t.revoked_at) : nullptr;
  j["rate_limit"] = t.rate_limit ? nlohmann::ordered_json(*t.rate_limit) : nullptr;
  return j;
}

int CreateOrg(const Options& o) {
  auto db = Open(o, "create-org");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto org = dir.CreateOrg(o.name);
  if (!org.ok()) return Fail("create-org", org.status());
  Status s =
      Audit(*db, org->id, "org.create", "org:" + std::to_string(org->id), {{"name", org->name}});
  if (!s.ok()) return Fail("create-org", s);
  std::printf("created organization %s (id %lld)\n", org->name.c_str(),
              static_cast<long long>(org->id));
  return kExitOk;
}

int CreateUser(const Options& o) {
  auto role = access::ParseRole(o.role);
  if (!role)
    return Fail("create-user", Status::InvalidArgument("unknown role '" + o.role +
                                                       "' (admin, analyst, screener, auditor)"));
  auto db = Open(o, "create-user");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto user = dir.CreateUser(o.org, o.name, *role);
  if (!user.ok()) return Fail("create-user", user.status());
  Status s = Audit(*db, user->org_id, "user.create", "user:" + std::to_string(user->id),
                   {{"name", user->name}, {"role", o.role}});
  if (!s.ok()) return Fail("create-user", s);
  std::printf("created user %s (id %lld) in %s as %s\n", user->name.c_str(),
              static_cast<long long>(user->id), o.org.c_str(), o.role.c_str());
  return kExitOk;
}

int CreateToken(const Options& o) {
  auto role = access::ParseRole(o.role);
  if (!role)
    return Fail("create-token", Status::InvalidArgument("unknown role '" + o.role +
                                                        "' (admin, analyst, screener, auditor)"));
  access::NewTokenOptions opt{.org = o.org,
                              .role = *role,
                              .user = o.user,
                              .label = o.label,
                              .expires_at = std::nullopt,
                              .rate_limit = std::nullopt};
  if (!o.expires.empty()) {
    if (!Date::Parse(o.expires).ok())
      return Fail("create-token",
                  Status::InvalidArgument("--expires: '" + o.expires +
                                          "' is not a date YYYY-MM-DD (the token stops working at "
                                          "the start of that day, UTC)"));
    opt.expires_at = o.expires;
  }
  if (o.rate_limit != 0) opt.rate_limit = o.rate_limit;
  auto db = Open(o, "create-token");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto t = dir.CreateToken(opt);
  if (!t.ok()) return Fail("create-token", t.status());
  auto detail = TokenJson(t->info);
  Status s =
      Audit(*db, t->info.org_id, "token.create", "token:" + std::to_string(t->info.id), detail);
  if (!s.ok()) return Fail("create-token", s);
  if (o.format == "json") {
    detail["token"] = t->token;
    std::cout << detail.dump() << "\n";
  } else {
    std::cerr << "created token " << t->info.id << " for " << t->info.org << " (" << o.role
              << "); it is shown only this once:\n";
    std::cout << t->token << "\n";
  }
  return kExitOk;
}

int RevokeToken(const Options& o) {
  auto db = Open(o, "revoke-token");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto t = dir.RevokeToken(o.id);
  if (!t.ok()) return Fail("revoke-token", t.status());
  Status s = Audit(*db, t->org_id, "token.revoke", "token:" + std::to_string(t->id), TokenJson(*t));
  if (!s.ok()) return Fail("revoke-token", s);
  std::printf("revoked token %lld (%s, %s)\n", static_cast<long long>(t->id), t->org.c_str(),
              access::RoleName(t->role));
  return kExitOk;
}

int ListTokens(const Options& o) {
  auto db = Open(o, "list-tokens");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto tokens = dir.ListTokens(o.org);
  if (!tokens.ok()) return Fail("list-tokens", tokens.status());
  if (o.format == "json") {
    for (const auto& t : *tokens) std::cout << TokenJson(t).dump() << "\n";
    return kExitOk;
  }
  std::printf("%-5s %-20s %-9s %-12s %-10s %-24s %s\n", "ID", "ORG", "ROLE", "USER", "EXPIRES",
              "REVOKED", "LABEL");
  for (const auto& t : *tokens)
    std::printf("%-5lld %-20s %-9s %-12s %-10s %-24s %s\n", static_cast<long long>(t.id),
                t.org.c_str(), access::RoleName(t.role), t.user.c_str(),
                t.expires_at.value_or("-").c_str(), t.revoked_at.value_or("-").c_str(),
                t.label.c_str());
  return kExitOk;
}

int ListOrgs(const Options& o) {
  auto db = Open(o, "list-orgs");
  if (!db) return kExitFailure;
  access::Directory dir(*db);
  auto orgs = dir.ListOrgs();
  if (!orgs.ok()) return Fail("list-orgs", orgs.status());
  for (const auto& org : *orgs)
    std::printf("%lld\t%s\t%s\n", static_cast<long long>(org.id), org.name.c_str(),
                org.created_at.c_str());
  return kExitOk;
}

}  // namespace

void RegisterAdmin(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("admin", "Manage organizations, users and API tokens");
  app->require_subcommand(1);
  auto add = [&](const char* name, const char* help, int (*fn)(const Options&),
                 const std::function<void(CLI::App*, Options&)>& opts) {
    auto o = std::make_shared<Options>();
    auto* sub = app->add_subcommand(name, help);
    AddDbOption(sub, &o->db);
    opts(sub, *o);
    out.push_back({sub, [o, fn] { return fn(*o); }});
  };
  add("create-org", "Create an organization", CreateOrg, [](CLI::App* s, Options& o) {
    s->add_option("name", o.name, "Organization name")->required();
  });
  add("create-user", "Create a user in an organization", CreateUser, [](CLI::App* s, Options& o) {
    s->add_option("--org", o.org, "Organization name")->required();
    s->add_option("--name", o.name, "User name")->required();
    s->add_option("--role", o.role, "admin, analyst, screener or auditor")->required();
  });
  add("create-token", "Issue an API token (printed once; only its hash is stored)", CreateToken,
      [](CLI::App* s, Options& o) {
        s->add_option("--org", o.org, "Organization name")->required();
        s->add_option("--role", o.role, "admin, analyst, screener or auditor")->required();
        s->add_option("--user", o.user, "The user the token is issued to (optional)");
        s->add_option("--label", o.label, "Free text, e.g. 'checkout production'");
        s->add_option("--expires", o.expires,
                      "YYYY-MM-DD: the token stops working at the start of that day (UTC)");
        s->add_option("--rate-limit", o.rate_limit,
                      "Requests per second for this token (default: the server's)");
        AddFormatOption(s, &o.format, {"text", "json"})
            ->description("Output format: text (default: the token alone on stdout) or json");
      });
  add("revoke-token", "Revoke an API token by id", RevokeToken, [](CLI::App* s, Options& o) {
    s->add_option("id", o.id, "Token id (from create-token or list-tokens)")->required();
  });
  add("list-tokens", "List tokens (never their secrets)", ListTokens, [](CLI::App* s, Options& o) {
    s->add_option("--org", o.org, "Only this organization");
    AddFormatOption(s, &o.format, {"text", "json"});
  });
  add("list-orgs", "List organizations", ListOrgs, [](CLI::App*, Options&) {});
}

}  // namespace chokepoint::cli
