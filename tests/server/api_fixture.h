// Shared harness of the HTTP API tests: a real server::Server on a loopback port in this
// process (its own temporary database, or the one it is given, the bundled rulebooks and
// policy, the example blocklist), organizations and tokens made with access::Directory as
// `chokepoint admin` does, and a cpp-httplib client speaking real HTTP to it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "access/directory.h"
#include "cli/engine_setup.h"
#include "server/server.h"
#include "store/schema.h"
#include "store/testing.h"

namespace chokepoint::server::testing {

using Json = nlohmann::json;

inline std::string SourcePath(const std::string& rel) {
  return std::string(CHOKEPOINT_SOURCE_DIR) + "/" + rel;
}

// The engine is loaded once per test process.
inline std::shared_ptr<const classify::Engine> TestEngine() {
  static std::shared_ptr<const classify::Engine> engine = [] {
    auto e = cli::LoadEngine(SourcePath("data/rulebooks"));
    if (!e.ok()) {
      ADD_FAILURE() << "cannot load rulebooks: " << e.status().message();
      return std::shared_ptr<const classify::Engine>();
    }
    return *e;
  }();
  return engine;
}

// The example orders (data/examples/orders.jsonl), raw JSON lines by id.
inline const std::map<std::string, std::string>& ExampleOrders() {
  static const std::map<std::string, std::string> k = [] {
    std::map<std::string, std::string> m;
    std::ifstream in(SourcePath("data/examples/orders.jsonl"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] != '{') continue;
      m[Json::parse(line).at("id").get<std::string>()] = line;
    }
    return m;
  }();
  return k;
}

struct Response {
  int status = -1;  //!< -1: no HTTP response (connection error)
  std::string body;
  std::string content_type;
  httplib::Headers headers;
  Json parsed;  //!< the body as JSON (discarded when it is not JSON)
  // A reference into this response, so `for (x : r.json().at("k"))` is safe.
  const Json& json() const { return parsed; }
  std::string header(const std::string& k) const {
    auto it = headers.find(k);
    return it == headers.end() ? "" : it->second;
  }
};

// Percent-encodes a query value.
inline std::string Q(const std::string& v) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : v) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class TestServer {
 public:
  struct Config {
    size_t max_body_bytes = 64 * 1024;
    double rate_limit = 0;  // unlimited unless a token sets its own
    std::chrono::microseconds request_budget{2'000'000};
    std::string db;  // --db; empty: a SQLite file of its own
  };

  TestServer() : TestServer(Config{}) {}
  explicit TestServer(Config cfg) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->name()) : "x";
    std::replace(name.begin(), name.end(), '/', '_');  // parameterized: "Test/postgres"
    dir_ = std::filesystem::temp_directory_path() /
           ("cp_api_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "lists");
    db_path_ = cfg.db.empty() ? (dir_ / "api.db").string() : cfg.db;
    auto db = store::OpenDatabase(db_path_);
    if (!db.ok()) throw std::runtime_error(db.status().message());
    db_ = std::move(*db);
    directory_ = std::make_unique<access::Directory>(*db_);

    ServerOptions o;
    o.db_path = db_path_;
    o.host = "127.0.0.1";
    o.port = 0;
    o.rulebook_dir = SourcePath("data/rulebooks");
    o.policy_path = SourcePath("data/policy/default.yaml");
    o.lists = {SourcePath("data/examples/blocklist.jsonl")};
    o.lists_dir = (dir_ / "lists").string();
    o.max_body_bytes = cfg.max_body_bytes;
    o.rate_limit = cfg.rate_limit;
    o.request_budget = cfg.request_budget;
    o.threads = 4;
    auto engine = TestEngine();
    if (!engine) throw std::runtime_error("no engine");
    auto s = Server::Create(o, engine);
    if (!s.ok()) throw std::runtime_error("Server::Create: " + s.status().message());
    server_ = std::move(*s);
    Status b = server_->Bind();
    if (!b.ok()) throw std::runtime_error("Bind: " + b.message());
    port_ = server_->port();
    thread_ = std::thread([this] { (void)server_->Serve(); });
    // The socket listens since Bind(); this request is answered once the accept loop runs,
    // so Stop() afterwards cannot race the start of Serve().
    Response h = Get("/healthz");
    if (h.status != 200)
      throw std::runtime_error("server did not answer /healthz: " + std::to_string(h.status));
  }

  ~TestServer() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    directory_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  int port() const { return port_; }
  store::Connection& db() { return *db_; }
  access::Directory& directory() { return *directory_; }

  void CreateOrg(const std::string& name) {
    auto o = directory_->CreateOrg(name);
    if (!o.ok()) throw std::runtime_error(o.status().message());
  }
  access::IssuedToken CreateToken(const std::string& org, access::Role role,
                                  std::optional<double> rate_limit = std::nullopt,
                                  std::optional<std::string> expires_at = std::nullopt) {
    access::NewTokenOptions n;
    n.org = org;
    n.role = role;
    n.label = "test";
    n.rate_limit = rate_limit;
    n.expires_at = expires_at;
    auto t = directory_->CreateToken(n);
    if (!t.ok()) throw std::runtime_error(t.status().message());
    return *t;
  }

  Response Send(const std::string& method, const std::string& path, const std::string& token = "",
                const std::string& body = "", const std::string& content_type = "application/json",
                const httplib::Headers& extra = {}) {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(60, 0);
    cli.set_write_timeout(60, 0);
    httplib::Headers h = extra;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    httplib::Result r = method == "GET" ? cli.Get(path, h) : cli.Post(path, h, body, content_type);
    Response out;
    if (!r) return out;
    out.status = r->status;
    out.body = r->body;
    out.headers = r->headers;
    out.content_type = r->get_header_value("Content-Type");
    out.parsed = Json::parse(out.body, nullptr, false);
    return out;
  }
  Response Get(const std::string& path, const std::string& token = "") {
    return Send("GET", path, token);
  }
  Response Post(const std::string& path, const std::string& body, const std::string& token = "") {
    return Send("POST", path, token, body);
  }

 private:
  std::filesystem::path dir_;
  std::string db_path_;
  std::unique_ptr<store::Connection> db_;
  std::unique_ptr<access::Directory> directory_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// gtest output for a response: status and body, for failure messages.
inline std::string Show(const Response& r) {
  return std::to_string(r.status) + " " + r.body.substr(0, 2000);
}

// A fixture whose tests run once per backend, each on a fresh database:
//   class Api : public BackendTest {};  TEST_P(Api, …) { … srv_ … }
//   INSTANTIATE_TEST_SUITE_P(Backends, Api, store::testing::AllBackends(),
//   store::testing::BackendName);
class BackendTest : public store::testing::OnEachBackend {
 protected:
  // Starts srv_ on this test's database; false (and the test skipped) without one.
  bool StartServer(TestServer::Config cfg = {}) {
    OnEachBackend::SetUp();
    if (IsSkipped()) return false;
    cfg.db = db_->target();
    srv_ = std::make_unique<TestServer>(cfg);
    return true;
  }
  void TearDown() override {
    srv_.reset();  // before the database goes
    db_.reset();
  }
  std::unique_ptr<TestServer> srv_;
};

// In SetUp(): starts the server, or returns when the test is skipped (no database).
#define CP_START_SERVER_OR_SKIP(...)       \
  do {                                     \
    if (!StartServer(__VA_ARGS__)) return; \
  } while (0)

}  // namespace chokepoint::server::testing
