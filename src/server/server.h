// The HTTP JSON API and the web console: `chokepoint serve`.
//
// Every /v1 route except the OpenAPI document requires a bearer token (access/directory.h);
// each route declares the Action it performs and the role table (access/role.h) decides.
// Record routes are confined to the caller's organization in their SQL. Errors are
// application/problem+json. The route table (Routes()) is the single list the router, the
// OpenAPI document and the tests are built from.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "classify/engine.h"
#include "util/status.h"

namespace chokepoint::server {

struct ServerOptions {
  std::string db_path;  //!< SQLite file or postgresql:// URL, shared with `chokepoint screen`
  std::string host = "127.0.0.1";
  int port = 8080;      //!< 0: any free port (tests); see Server::port()
  std::string web_dir;  //!< built console (index.html …); empty or missing: no console
  std::string rulebook_dir;
  std::string policy_path;          //!< order decision policy (YAML)
  std::vector<std::string> lists;   //!< screening list files or folders; empty: the imported lists
  std::string lists_dir;            //!< imported lists (parties::DefaultStoreDir() when empty)
  size_t max_body_bytes = 1 << 20;  //!< larger bodies get 413
  double rate_limit = 50;  //!< default requests/s per token (a token may set its own); 0: none
  // HTTP worker threads. httplib serves one keep-alive connection per worker until the client
  // goes quiet for keep_alive_s or has sent keep_alive_requests requests; connections beyond
  // the workers wait in a queue. Idle workers cost only memory, so there are many.
  int threads = 32;
  int keep_alive_s = 2;           //!< an idle keep-alive connection frees its worker after this
  int keep_alive_requests = 100;  //!< then the server closes it and the client reconnects,
                                  //!< so queued connections get a turn
  size_t classify_cache =
      4096;  //!< classify results remembered (Engine::SetResultCacheCapacity); 0: off
  // Time one classify request may take (all its substances). A substance still unfinished then
  // is "too_complex"; a request with substances left over gets 503, so no input holds a worker.
  std::chrono::microseconds request_budget{2'000'000};  //!< 0: no limit
  bool trust_proxy = false;  //!< take the client address from X-Forwarded-For (behind a proxy)
};

// One row of the route table.
struct RouteInfo {
  std::string method;  //!< "GET" or "POST"
  std::string path;    //!< OpenAPI template: "/v1/orders/{id}"
  std::string name;    //!< operationId
  bool authenticated = true;
  access::Action action = access::Action::kLookup;  //!< meaningful when authenticated
  bool org_records = false;  //!< reads or writes records of the caller's organization
};

class Server {
 public:
  // Loads nothing itself: the caller gives the engine (cli::LoadEngine). Opens and migrates
  // the database, loads the screening lists and the policy.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                std::shared_ptr<const classify::Engine> engine);
  ~Server();

  // Binds the listening socket (port 0 picks a free one).
  Status Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Serve();
  void Stop();
  int port() const;

  static const std::vector<RouteInfo>& Routes();
  // The OpenAPI 3.0 document of Routes().
  static std::string OpenApiJson();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chokepoint::server
