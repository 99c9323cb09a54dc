// Internals of Server shared by its .cc files (the framework in server.cc, the route
// handlers in api_lookup.cc and api_orders.cc). Not part of the public surface.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "access/audit_log.h"
#include "access/directory.h"
#include "exchange/exchange.h"
#include "exchange/sender.h"
#include "orders/history.h"
#include "orders/order_screener.h"
#include "orders/policy.h"
#include "parties/list_set.h"
#include "parties/screener.h"
#include "server/metrics.h"
#include "server/order_ledger.h"
#include "server/order_repository.h"
#include "server/problem.h"
#include "server/rate_limiter.h"
#include "server/server.h"
#include "store/connection.h"

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
  std::string Param(size_t i) const {
    return i < req.matches.size() ? std::string(req.matches[i]) : "";
  }
};

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const classify::Engine> engine;
  httplib::Server http;
  bool bound = false;

  // Connections, each used under its own mutex: token lookups are not queued behind audit
  // appends, nor order reads behind either. Each organization's ledger has one more.
  std::unique_ptr<store::Connection> audit_db;  //!< the audit log
  std::unique_ptr<store::Connection> auth_db;   //!< token lookups
  std::unique_ptr<store::Connection> read_db;   //!< order reads and reviews
  std::unique_ptr<access::Directory> directory;
  std::unique_ptr<access::AuditLog> audit;
  std::unique_ptr<OrderRepository> orders_repo;
  std::unique_ptr<exchange::Exchange> exchange;       //!< the node's exchange (api_exchange.cc)
  std::unique_ptr<exchange::Sender> exchange_sender;  //!< delivers its outbox while serving
  RateLimiter inbound_rejections;  //!< per client address: bad envelopes answered 429 past a limit

  std::optional<parties::ListSet> lists;  //!< loaded screening lists (may be empty)
  std::unique_ptr<parties::Screener> party_screener;
  std::unique_ptr<orders::OrderScreener> order_screener;

  std::mutex ledgers_mu;
  std::map<std::string, std::unique_ptr<OrderLedger>> ledgers;  // GUARDED_BY(ledgers_mu)

  Metrics metrics;
  RateLimiter limiter;                                //!< this process's buckets (one node)
  std::unique_ptr<SharedRateLimiter> shared_limiter;  //!< the database's buckets (several nodes)

  Status Init();
  void InstallRoutes();
  using Handler = Reply (Impl::*)(const Call&);
  void Dispatch(const RouteInfo& route, Handler fn, const httplib::Request& req,
                httplib::Response& res);
  std::string ClientAddress(const httplib::Request& req) const;
  // Appends to the audit log; a failure is logged to stderr and turns the reply into a 500
  // (a decision that cannot be audited must not look successful).
  bool Audit(const Call& c, const std::string& action, const std::string& target,
             const nlohmann::ordered_json& detail);
  // Who did it, from where: the audit fields a call determines.
  static access::AuditEvent AuditEventOf(const Call& c);
  Result<OrderLedger*> Ledger(const std::string& org);

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
  Reply ExchangeInbound(const Call& c);
  Reply ExchangeCreateRecord(const Call& c);
  Reply ExchangeListRecords(const Call& c);
  Reply ExchangeGetRecord(const Call& c);
  Reply ExchangeRecordEvents(const Call& c);
  Reply ExchangeAddEvent(const Call& c);
  Reply ExchangeIndicators(const Call& c);
  Reply ExchangeOutbox(const Call& c);
  Reply ExchangePeers(const Call& c);
  // A reply (404) when the caller's organization is not the one the node's authority is bound
  // to, or the node has no exchange identity; fills `node` otherwise.
  std::optional<Reply> ExchangeGate(const Call& c, exchange::NodeInfo* node);
  nlohmann::ordered_json ClassifySubstances(const std::vector<std::string>& substances);
  nlohmann::ordered_json ScreenNames(const std::vector<std::string>& names);
};

}  // namespace chokepoint::server
