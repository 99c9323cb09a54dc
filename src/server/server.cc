#include "server/server.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <regex>

#include "orders/screener_party_check.h"
#include "parties/loaders.h"
#include "parties/store.h"
#include "server/server_impl.h"
#include "store/schema.h"
#include "util/date.h"
#include "util/json.h"

namespace chokepoint::server {

using access::Action;
namespace {

struct RouteDef {
  RouteInfo info;
  Reply (Server::Impl::*fn)(const Call&);
};

// The route table. Order matters only for the OpenAPI document's readability.
const std::vector<RouteDef>& RouteDefs() {
  using I = Server::Impl;
  static const std::vector<RouteDef> k = {
      {{"GET", "/healthz", "healthz", false}, &I::Healthz},
      {{"GET", "/metrics", "metrics", false}, &I::MetricsText},
      {{"GET", "/v1/openapi.json", "openapi", false}, &I::OpenApi},
      {{"GET", "/v1/me", "whoami", true, Action::kLookup}, &I::WhoAmI},
      {{"POST", "/v1/classify", "classify", true, Action::kLookup}, &I::Classify},
      {{"GET", "/v1/depict", "depict", true, Action::kLookup}, &I::Depict},
      {{"GET", "/v1/rulebooks", "rulebooks", true, Action::kLookup}, &I::Rulebooks},
      {{"GET", "/v1/lists", "lists", true, Action::kLookup}, &I::Lists},
      {{"POST", "/v1/parties/screen", "screenParties", true, Action::kScreenParty},
       &I::ScreenParties},
      {{"POST", "/v1/orders/screen", "screenOrder", true, Action::kScreenOrder, true},
       &I::ScreenOrder},
      {{"GET", "/v1/orders", "listOrders", true, Action::kReadOrders, true}, &I::ListOrders},
      {{"GET", "/v1/orders/{id}", "getOrder", true, Action::kReadOrders, true}, &I::GetOrder},
      {{"POST", "/v1/orders/{id}/review", "reviewOrder", true, Action::kReviewOrder, true},
       &I::ReviewOrder},
      {{"GET", "/v1/orders/{id}/report", "orderReport", true, Action::kReadOrders, true},
       &I::OrderReport},
      {{"GET", "/v1/stats", "stats", true, Action::kReadOrders, true}, &I::Stats},
      {{"GET", "/v1/audit", "auditLog", true, Action::kReadAudit, true}, &I::AuditEntries},
      {{"POST", "/v1/exchange/inbound", "exchangeInbound", false}, &I::ExchangeInbound},
      {{"POST", "/v1/exchange/records", "exchangeCreateRecord", true, Action::kWriteExchange, true},
       &I::ExchangeCreateRecord},
      {{"GET", "/v1/exchange/records", "exchangeListRecords", true, Action::kReadExchange, true},
       &I::ExchangeListRecords},
      {{"GET", "/v1/exchange/records/{id}", "exchangeGetRecord", true, Action::kReadExchange, true},
       &I::ExchangeGetRecord},
      {{"GET", "/v1/exchange/records/{id}/events", "exchangeRecordEvents", true,
        Action::kReadExchange, true},
       &I::ExchangeRecordEvents},
      {{"POST", "/v1/exchange/records/{id}/events", "exchangeAddEvent", true,
        Action::kWriteExchange, true},
       &I::ExchangeAddEvent},
      {{"GET", "/v1/exchange/indicators", "exchangeIndicators", true, Action::kReadExchange, true},
       &I::ExchangeIndicators},
      {{"GET", "/v1/exchange/outbox", "exchangeOutbox", true, Action::kReadExchange, true},
       &I::ExchangeOutbox},
      {{"GET", "/v1/exchange/peers", "exchangePeers", true, Action::kReadExchange, true},
       &I::ExchangePeers},
  };
  return k;
}

std::string PathRegex(const std::string& tmpl) {
  // "{name}" matches one or more characters, '/' included: cpp-httplib decodes %2F before
  // routing, and order ids such as "PO/2025/001" are common. InstallRoutes() registers the
  // routes with a literal tail ("/review", "/report") first, so those tails still route.
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c == '{') {
      i = tmpl.find('}', i);
      out += "(.+)";
    } else if (std::string_view(".+*?()[]^$|\\").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

// 50 → "50", 0.01 → "0.01" (a rate below one request per second must not read as 0).
std::string FormatRate(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", rate);
  return buf;
}

void SetProblem(httplib::Response& res, const Problem& p) {
  res.status = p.status;
  res.set_content(p.ToJson().dump(), "application/problem+json");
}

}  // namespace

Reply Reply::Json(const nlohmann::ordered_json& j, int status) {
  return {status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          "application/json"};
}

Reply Reply::Of(const Problem& p) {
  return {p.status, p.ToJson().dump(), "application/problem+json"};
}

const std::vector<RouteInfo>& Server::Routes() {
  static const std::vector<RouteInfo> k = [] {
    std::vector<RouteInfo> v;
    for (const auto& d : RouteDefs()) v.push_back(d.info);
    return v;
  }();
  return k;
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                               std::shared_ptr<const classify::Engine> engine) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->engine = std::move(engine);
  CP_RETURN_IF_ERROR(impl->Init());
  impl->InstallRoutes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Impl::Init() {
  CP_ASSIGN_OR_RETURN(audit_db, store::OpenDatabase(options.db_path));  // migrates
  CP_ASSIGN_OR_RETURN(auth_db, store::Connection::Open(options.db_path));
  CP_ASSIGN_OR_RETURN(read_db, store::Connection::Open(options.db_path));
  if (audit_db->shared()) {
    // Several nodes may serve this database: a token's budget must be one budget.
    CP_ASSIGN_OR_RETURN(auto rate_db, store::Connection::Open(options.db_path));
    shared_limiter = std::make_unique<SharedRateLimiter>(std::move(rate_db));
  }
  directory = std::make_unique<access::Directory>(*auth_db);
  audit = std::make_unique<access::AuditLog>(*audit_db);
  orders_repo = std::make_unique<OrderRepository>(*read_db);
  CP_ASSIGN_OR_RETURN(exchange, exchange::Exchange::Open(options.db_path));
  CP_ASSIGN_OR_RETURN(auto sender_exchange, exchange::Exchange::Open(options.db_path));
  exchange_sender =
      std::make_unique<exchange::Sender>(std::move(sender_exchange), exchange::Sender::Options{});

  // Screening lists: the given files, else the imported ones. None is a valid state: party
  // screening then answers 503 and order decisions say parties were not screened.
  parties::ListSet set;
  if (options.lists.empty()) {
    parties::ListStore ls(options.lists_dir.empty() ? parties::DefaultStoreDir()
                                                    : options.lists_dir);
    auto all = ls.LoadAll();
    if (all.ok()) set = std::move(*all);
  } else {
    for (const auto& p : options.lists) {
      CP_ASSIGN_OR_RETURN(auto l, parties::LoadList(p));
      CP_RETURN_IF_ERROR(set.Add(std::move(l)));
    }
  }
  if (!set.lists().empty()) party_screener = parties::Screener::Build(set);
  lists = std::move(set);

  orders::PartyListOptions lopts;
  lopts.lists = options.lists;
  lopts.store_dir = options.lists_dir;
  std::vector<std::string> problems;
  CP_ASSIGN_OR_RETURN(auto checker, orders::LoadPartyChecker(lopts, &problems));
  CP_ASSIGN_OR_RETURN(orders::Policy policy, orders::Policy::Load(options.policy_path));
  order_screener = std::make_unique<orders::OrderScreener>(engine, checker, std::move(policy));
  engine->SetResultCacheCapacity(options.classify_cache);
  metrics.SetExtra([e = engine] {
    auto st = e->ResultCacheStats();
    return "# HELP chokepoint_classify_cache_hits_total Classify results answered from the result "
           "cache.\n"
           "# TYPE chokepoint_classify_cache_hits_total counter\n"
           "chokepoint_classify_cache_hits_total " +
           std::to_string(st.hits) +
           "\n"
           "# HELP chokepoint_classify_cache_misses_total Classify results computed (cache on, not "
           "found).\n"
           "# TYPE chokepoint_classify_cache_misses_total counter\n"
           "chokepoint_classify_cache_misses_total " +
           std::to_string(st.misses) +
           "\n"
           "# HELP chokepoint_classify_cache_entries Classify results held (capacity " +
           std::to_string(st.capacity) +
           ").\n"
           "# TYPE chokepoint_classify_cache_entries gauge\n"
           "chokepoint_classify_cache_entries " +
           std::to_string(st.entries) + "\n";
  });
  return Status::OK();
}

std::string Server::Impl::ClientAddress(const httplib::Request& req) const {
  if (options.trust_proxy && req.has_header("X-Forwarded-For")) {
    std::string v = req.get_header_value("X-Forwarded-For");
    auto comma = v.find(',');
    v = v.substr(0, comma);
    v.erase(0, v.find_first_not_of(' '));
    if (!v.empty() && v.size() < 64) return v;
  }
  return req.remote_addr;
}

access::AuditEvent Server::Impl::AuditEventOf(const Call& c) {
  access::AuditEvent e;
  if (c.who) {
    e.org_id = c.who->org_id;
    e.actor = c.who->Actor();
    e.role = access::RoleName(c.who->role);
  }
  e.source = c.source;
  return e;
}

bool Server::Impl::Audit(const Call& c, const std::string& action, const std::string& target,
                         const Json& detail) {
  access::AuditEvent e = AuditEventOf(c);
  e.action = action;
  e.target = target;
  e.detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto r = audit->Append(e);
  if (!r.ok())
    std::cerr << "chokepoint serve: audit append failed: " << r.status().message() << "\n";
  return r.ok();
}

void Server::Impl::Dispatch(const RouteInfo& route, Handler fn, const httplib::Request& req,
                            httplib::Response& res) {
  auto start = std::chrono::steady_clock::now();
  Reply reply;
  std::optional<access::Principal> who;
  std::string source = ClientAddress(req);
  [&] {
    if (route.authenticated) {
      std::string auth = req.get_header_value("Authorization");
      if (auth.empty()) {
        reply = Reply::Of(
            {401, "missing_token", "this route needs 'Authorization: Bearer <token>'", ""});
        return;
      }
      if (auth.size() < 7 || strncasecmp(auth.c_str(), "Bearer ", 7) != 0) {
        reply = Reply::Of(
            {401, "invalid_token", "the Authorization header must be 'Bearer <token>'", ""});
        return;
      }
      auto p = directory->Authenticate(auth.substr(7), NowIso());
      if (!p.ok()) {
        reply = p.status().tag() == "invalid_token"
                    ? Reply::Of({401, "invalid_token", p.status().message(), ""})
                    : Reply::Of(Problem::FromStatus(p.status()));
        return;
      }
      who = std::move(*p);
      double rate = who->rate_limit.value_or(options.rate_limit);
      double retry = 1;
      bool allowed = true;
      if (shared_limiter) {
        double now =
            std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        auto a = shared_limiter->Allow(who->token_id, rate, now, &retry);
        if (!a.ok()) {
          reply = Reply::Of(Problem::FromStatus(a.status()));
          return;
        }
        allowed = *a;
      } else {
        allowed = limiter.Allow(who->token_id, rate, std::chrono::steady_clock::now(), &retry);
      }
      if (!allowed) {
        reply = Reply::Of({429, "rate_limited",
                           "this token is limited to " + FormatRate(rate) +
                               " requests per second; retry after the Retry-After delay",
                           ""});
        res.set_header("Retry-After", std::to_string(static_cast<int>(std::ceil(retry))));
        return;
      }
      if (!access::Allowed(who->role, route.action)) {
        reply = Reply::Of({403, "forbidden",
                           std::string("the ") + access::RoleName(who->role) + " role may not " +
                               access::ActionName(route.action),
                           ""});
        return;
      }
    }
    Call call{req, route, who ? &*who : nullptr, source};
    try {
      reply = (this->*fn)(call);
    } catch (const std::exception& e) {
      std::cerr << "chokepoint serve: " << route.method << " " << route.path << ": " << e.what()
                << "\n";
      reply = Reply::Of({500, "internal", "internal error", ""});
    }
  }();
  res.status = reply.status;
  res.set_content(std::move(reply.body), reply.content_type);
  if (reply.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"chokepoint\"");
  if (reply.status == 503) res.set_header("Retry-After", "1");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics.ObserveRequest(route.method, route.path, reply.status, secs);
}

void Server::Impl::InstallRoutes() {
  // cpp-httplib tries handlers in registration order: the longest templates first, so that
  // "/v1/orders/{id}/report" is tried before "/v1/orders/{id}" would swallow it.
  std::vector<const RouteDef*> defs;
  for (const auto& d : RouteDefs()) defs.push_back(&d);
  std::stable_sort(defs.begin(), defs.end(), [](const RouteDef* a, const RouteDef* b) {
    return a->info.path.size() > b->info.path.size();
  });
  for (const RouteDef* dp : defs) {
    const RouteDef& d = *dp;
    const RouteInfo* info = &d.info;
    Handler fn = d.fn;
    auto handler = [this, info, fn](const httplib::Request& req, httplib::Response& res) {
      Dispatch(*info, fn, req, res);
    };
    std::string re = PathRegex(info->path);
    if (info->method == "GET")
      http.Get(re, handler);
    else
      http.Post(re, handler);
  }
  http.set_payload_max_length(options.max_body_bytes);
  // cpp-httplib 0.11 applies that limit only to bodies with a Content-Length; chunked and
  // length-less bodies would be read whole, however large. They are refused before reading.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    bool body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
                req.method == "DELETE";
    if (!body || (req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")))
      return httplib::Server::HandlerResponse::Unhandled;
    SetProblem(res, {411, "length_required",
                     "send the request body with a Content-Length (at most " +
                         std::to_string(options.max_body_bytes) +
                         " bytes); chunked bodies are not accepted",
                     ""});
    res.set_header("Connection", "close");
    metrics.ObserveRequest(req.method, "(rejected)", 411, 0);
    return httplib::Server::HandlerResponse::Handled;
  });
  // Responses go out as two writes (headers, body): without TCP_NODELAY the body waits for the
  // client's delayed ACK of the headers (Nagle), about 40 ms on Linux, on every keep-alive
  // request. That was the whole latency of a classify call (48 ms at 3 ms of CPU).
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(static_cast<size_t>(std::max(1, options.keep_alive_requests)));
  http.set_keep_alive_timeout(std::max(1, options.keep_alive_s));
  http.set_read_timeout(30, 0);
  int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  if (!options.web_dir.empty() && std::filesystem::exists(options.web_dir + "/index.html"))
    http.set_mount_point("/", options.web_dir);
  http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  // Errors httplib produces itself (no route, body too large) become problem+json too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Problem p{res.status, "error", ReasonPhrase(res.status), ""};
        if (res.status == 404) {
          if (req.path == "/" || req.path == "/index.html") {
            res.status = 200;
            res.set_content(
                "<!doctype html><title>Chokepoint</title><p>The web console is not built. Run "
                "<code>make build</code> (needs npm) or pass <code>--web DIR</code>.</p>",
                "text/html");
            return httplib::Server::HandlerResponse::Handled;
          }
          p = {404, "no_route",
               "no route " + req.method + " " + req.path + " (see /v1/openapi.json)", ""};
        } else if (res.status == 413) {
          p = {413, "body_too_large",
               "the request body exceeds " + std::to_string(options.max_body_bytes) + " bytes", ""};
        } else if (res.status == 400) {
          p = {400, "bad_request", "the HTTP request is malformed", ""};
        }
        SetProblem(res, p);
        metrics.ObserveRequest(req.method, res.status == 404 ? "(no route)" : "(rejected)",
                               res.status, 0);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (req.path.rfind("/v1/", 0) == 0) {
      res.set_header("Cache-Control", "no-store");
    } else {
      res.set_header(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; "
          "frame-ancestors 'none'; base-uri 'none'");
      res.set_header("X-Frame-Options", "DENY");
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SetProblem(res, {500, "internal", "internal error", ""});
      });
}

Status Server::Bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    int port = s.http.bind_to_any_port(s.options.host);
    if (port < 0)
      return Status::IOError("cannot listen on " + s.options.host + " (any port)", "listen_failed");
    s.options.port = port;
  } else if (!s.http.bind_to_port(s.options.host, s.options.port)) {
    return Status::IOError("cannot listen on " + s.options.host + ":" +
                               std::to_string(s.options.port) + " (in use, or not a local address)",
                           "listen_failed");
  }
  s.bound = true;
  return Status::OK();
}

Status Server::Serve() {
  if (!impl_->bound) return Status::FailedPrecondition("Serve() before Bind()");
  if (impl_->exchange_sender) impl_->exchange_sender->Start();
  if (!impl_->http.listen_after_bind())
    return Status::IOError("the server stopped with an error", "serve_failed");
  return Status::OK();
}

void Server::Stop() {
  if (!impl_) return;
  impl_->http.stop();
  // Safe from the signal handler that calls Stop(): only a flag; the thread is joined when
  // the server is destroyed.
  if (impl_->exchange_sender) impl_->exchange_sender->RequestStop();
}

int Server::port() const { return impl_->options.port; }

Result<OrderLedger*> Server::Impl::Ledger(const std::string& org) {
  std::lock_guard lock(ledgers_mu);
  auto it = ledgers.find(org);
  if (it != ledgers.end()) return it->second.get();
  CP_ASSIGN_OR_RETURN(auto l, OrderLedger::Open(options.db_path, org, order_screener.get()));
  OrderLedger* raw = l.get();
  ledgers.emplace(org, std::move(l));
  return raw;
}

}  // namespace chokepoint::server
