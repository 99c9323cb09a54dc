// Internals of Server shared by its .cc files (the framework in server.cc, the route
// handlers in api_lookup.cc and api_orders.cc). Not part of the public surface.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "access/audit_log.h"
#include "access/directory.h"
#include "orders/history.h"
#include "orders/order_screener.h"
#include "orders/policy.h"
#include "parties/list_set.h"
#include "parties/screener.h"
#include "server/metrics.h"
#include "server/order_repository.h"
#include "server/problem.h"
#include "server/rate_limiter.h"
#include "server/server.h"
#include "store/db.h"
#include "store/order_store.h"

namespace chokepoint::server {

// A handler's answer.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";

  static Reply Json(const nlohmann::ordered_json& j, int status = 200);
  static Reply Of(const Problem& p);
};

// What a handler knows about the request.
struct Call {
  const httplib::Request& req;
  const RouteInfo& route;
  const access::Principal* who;  //!< null on public routes
  std::string source;            //!< client address
  std::string Param(size_t i) const { return i < req.matches.size() ? std::string(req.matches[i]) : ""; }
};

// One organization's screening state: its ledger connection and customer history.
struct OrgLedger {
  std::mutex mu;
  std::unique_ptr<store::Database> db;             // GUARDED_BY(mu)
  std::unique_ptr<store::OrderStore> store;        // GUARDED_BY(mu)
  orders::History history;                         // GUARDED_BY(mu)
  std::unordered_set<std::string> decided;         // GUARDED_BY(mu)
};

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const classify::Engine> engine;
  httplib::Server http;
  bool bound = false;

  std::unique_ptr<access::Db> access_db;  //!< the audit log
  std::unique_ptr<access::Db> auth_db;    //!< token lookups: not queued behind audit appends
  std::unique_ptr<access::Db> read_db;    //!< order reads and reviews
  std::unique_ptr<access::Directory> directory;
  std::unique_ptr<access::AuditLog> audit;
  std::unique_ptr<OrderRepository> orders_repo;

  std::optional<parties::ListSet> lists;          //!< loaded screening lists (may be empty)
  std::unique_ptr<parties::Screener> party_screener;
  std::unique_ptr<orders::OrderScreener> order_screener;

  std::mutex ledgers_mu;
  std::map<std::string, std::unique_ptr<OrgLedger>> ledgers;  // GUARDED_BY(ledgers_mu)

  Metrics metrics;
  RateLimiter limiter;

  Status Init();
  void InstallRoutes();
  using Handler = Reply (Impl::*)(const Call&);
  void Dispatch(const RouteInfo& route, Handler fn, const httplib::Request& req, httplib::Response& res);
  std::string ClientAddress(const httplib::Request& req) const;
  // Appends to the audit log; a failure is logged to stderr and turns the reply into a 500
  // (a decision that cannot be audited must not look successful).
  bool Audit(const Call& c, const std::string& action, const std::string& target, const nlohmann::ordered_json& detail);
  Result<OrgLedger*> Ledger(const std::string& org);

  // Route handlers (api_lookup.cc, api_orders.cc).
  Reply Healthz(const Call& c);
  Reply MetricsText(const Call& c);
  Reply OpenApi(const Call& c);
  Reply Classify(const Call& c);
  Reply Depict(const Call& c);
  Reply Rulebooks(const Call& c);
  Reply Lists(const Call& c);
  Reply ScreenParties(const Call& c);
  Reply ScreenOrder(const Call& c);
  Reply ListOrders(const Call& c);
  Reply GetOrder(const Call& c);
  Reply ReviewOrder(const Call& c);
  Reply OrderReport(const Call& c);
  Reply Stats(const Call& c);
  Reply AuditEntries(const Call& c);
  Reply WhoAmI(const Call& c);
};

}  // namespace chokepoint::server
