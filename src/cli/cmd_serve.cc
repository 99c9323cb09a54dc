// `chokepoint serve`: the JSON HTTP API and the web console over the same engine as the CLI.
#include <csignal>
#include <iostream>

#include "cli/command.h"
#include "cli/engine_setup.h"
#include "server/server.h"
#include "store/schema.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  std::string rulebooks;
  std::string policy;
  std::vector<std::string> lists;
  std::string lists_dir;
  size_t max_body = 1 << 20;
  double rate_limit = 50;
  int threads = 32;
  int keep_alive = 2;
  size_t classify_cache = 4096;
  int request_budget_ms = 2000;
  bool trust_proxy = false;
};

server::Server* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->Stop();
}

int Run(const Options& o) {
  const char* me = "chokepoint serve";
  server::ServerOptions so;
  auto colon = o.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    std::string p = o.listen.substr(colon + 1);
    if (!p.empty() && p.size() <= 5 && p.find_first_not_of("0123456789") == std::string::npos)
      port = std::stoi(p);
  }
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535) {
    std::cerr << me << ": --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return kExitUsage;
  }
  so.host = o.listen.substr(0, colon);
  if (so.host.size() > 2 && so.host.front() == '[' && so.host.back() == ']')
    so.host = so.host.substr(1, so.host.size() - 2);
  so.port = port;
  if (o.keep_alive < 1 || o.keep_alive > 3600) {
    std::cerr << me << ": --keep-alive must be 1 to 3600 seconds\n";
    return kExitUsage;
  }
  if (o.rate_limit < 0) {
    std::cerr << me << ": --rate-limit must be >= 0 (0: unlimited)\n";
    return kExitUsage;
  }
  so.db_path = DatabaseTarget(o.db);
  so.web_dir = o.web.empty() ? std::string(CHOKEPOINT_WEB_DIR) : o.web;
  so.rulebook_dir = o.rulebooks.empty() ? DefaultRulebookDir() : o.rulebooks;
  so.policy_path = o.policy.empty() ? DefaultDataDir() + "/policy/default.yaml" : o.policy;
  so.lists = o.lists;
  so.lists_dir = o.lists_dir;
  so.max_body_bytes = o.max_body;
  so.rate_limit = o.rate_limit;
  so.threads = o.threads;
  so.keep_alive_s = o.keep_alive;
  so.classify_cache = o.classify_cache;
  so.request_budget = std::chrono::milliseconds(o.request_budget_ms);
  so.trust_proxy = o.trust_proxy;

  auto engine = LoadEngine(so.rulebook_dir);
  if (!engine.ok()) {
    std::cerr << me << ": cannot load rulebooks: " << engine.status().message() << "\n";
    return kExitFailure;
  }
  // Creates a SQLite file's directory and migrates, so the server's errors are its own.
  {
    auto db = store::OpenDatabase(so.db_path);
    if (!db.ok()) {
      std::cerr << me << ": " << db.status().message() << "\n";
      return kExitFailure;
    }
  }
  auto srv = server::Server::Create(so, *engine);
  if (!srv.ok()) {
    std::cerr << me << ": " << srv.status().message() << "\n";
    return kExitFailure;
  }
  if (Status s = (*srv)->Bind(); !s.ok()) {
    std::cerr << me << ": " << s.message() << "\n";
    return kExitFailure;
  }
  g_server = srv->get();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cerr << me << ": listening on http://" << so.host << ":" << (*srv)->port() << "/ (database "
            << store::Redacted(so.db_path) << ")\n";
  Status s = (*srv)->Serve();
  g_server = nullptr;
  if (!s.ok()) {
    std::cerr << me << ": " << s.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& root, std::vector<Subcommand>& out) {
  auto o = std::make_shared<Options>();
  auto* app = root.add_subcommand("serve", "Serve the JSON HTTP API and the web console");
  AddDbOption(app, &o->db);
  app->add_option("--listen", o->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  app->add_option("--web", o->web,
                  "Directory of the built web console (default: the build's web/ output)");
  AddRulebooksOption(app, &o->rulebooks);
  app->add_option("--policy", o->policy,
                  "Order decision policy (default: data/policy/default.yaml)");
  AddListOption(app, &o->lists);
  AddListsDirOption(app, &o->lists_dir);
  app->add_option("--max-body", o->max_body,
                  "Largest request body in bytes (default 1048576); larger gets 413");
  app->add_option("--rate-limit", o->rate_limit,
                  "Default requests/s per token (default 50; 0: unlimited)");
  AddThreadsOption(
      app, &o->threads,
      "HTTP worker threads; each serves one keep-alive connection at a time (default 32)", 1, 256);
  app->add_option("--keep-alive", o->keep_alive,
                  "Seconds an idle keep-alive connection may hold a worker thread (default 2)");
  app->add_option("--classify-cache", o->classify_cache,
                  "Classify results kept in memory for repeated inputs (default 4096; 0: off)");
  app->add_option(
         "--request-budget-ms", o->request_budget_ms,
         "Time one classify request may take: a structure still unfinished is too_complex (422), "
         "a batch with substances left gets 503 (default 2000; 0: no limit)")
      ->check(CLI::Range(0, 3600000));
  app->add_flag("--trust-proxy", o->trust_proxy,
                "Take client addresses from X-Forwarded-For (behind a reverse proxy)");
  out.push_back({app, [o] { return Run(*o); }});
}

}  // namespace chokepoint::cli
