// Inbound envelopes per second on one node with SQLite: what a national authority's node can
// take from its peers. Prints figures; asserts nothing.
//
//   build/bench/exchange/inbound_bench [--envelopes N] [--clients K]
//
// A sender node (CN) signs N leads of realistic size; a recipient node (US) accepts them
// (1) through the library, one thread (verify, check, store record + envelope + signed
// receipt in one transaction), then (2) over HTTP: a real `chokepoint serve` process on
// loopback, K keep-alive clients POSTing to /v1/exchange/inbound, then (3) the same envelopes
// again, every one a replay answered with its stored receipt.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "../../tests/serve_process.h"
#include "access/directory.h"
#include "exchange/exchange.h"

using namespace chokepoint;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<exchange::Exchange> Node(const std::string& db, const std::string& code) {
  auto ex = exchange::Exchange::Open(db);
  if (!ex.ok()) {
    std::fprintf(stderr, "%s\n", ex.status().message().c_str());
    std::exit(1);
  }
  access::Directory dir((*ex)->db());
  auto org = dir.CreateOrg(code + " authority");
  if (!org.ok() || !(*ex)->Init(code, "", org->id).ok()) std::exit(1);
  return std::move(*ex);
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  int n = 5000, clients = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--envelopes")
      n = std::atoi(argv[i + 1]);
    else if (a == "--clients")
      clients = std::atoi(argv[i + 1]);
  }
  std::string dir =
      std::filesystem::temp_directory_path() / ("cp-exchange-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  auto cn = Node(dir + "/cn.db", "CN");
  std::string cn_key = cn->Node()->public_key;
  auto us_lib = Node(dir + "/us-lib.db", "US");
  auto us_http = Node(dir + "/us-http.db", "US");
  for (auto* us : {us_lib.get(), us_http.get()})
    if (!us->AddPeer({"CN", "", "http://cn.invalid", cn_key, ""}, false).ok()) return 1;
  if (!cn->AddPeer({"US", "", "http://us.invalid", us_lib->Node()->public_key, ""}, false).ok())
    return 1;

  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    exchange::RecordDraft d{
        "lead",
        {"US"},
        "amber",
        nullptr,
        {{"subjects",
          {{"parties", {"Example Trading Co " + std::to_string(i)}},
           {"emails", {"sales" + std::to_string(i) + "@example-trading.example"}},
           {"wallets", {"bc1qexamplewallet" + std::to_string(i)}}}},
         {"substances", {"4-anilinopiperidine", "N-phenethyl-4-piperidone"}},
         {"evidence_summary",
          "repeated orders of 4-AP and NPP paid in cryptocurrency, shipped "
          "through a freight forwarder to a residential address"}},
        {}};
    if (!cn->CreateRecord(d, nlohmann::ordered_json::array(), nlohmann::ordered_json::array()).ok())
      return 1;
  }
  double sign_s = Seconds(t0);
  auto lines = *cn->Export("US", false);
  size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  std::printf(
      "envelopes: %d leads, mean %zu bytes; signed and stored by the sender at %.0f records/s\n", n,
      bytes / lines.size(), n / sign_s);

  t0 = Clock::now();
  for (const auto& l : lines)
    if (us_lib->Accept(l).status != 201) return 1;
  double lib_s = Seconds(t0);
  std::printf("inbound, library, 1 thread, SQLite:            %8.0f envelopes/s (%.3f ms each)\n",
              n / lib_s, 1000 * lib_s / n);

  us_http.reset();  // the server opens the database itself
  testing::ServeProcess srv(dir + "/us-http.db", dir + "/serve.log",
                            "--lists-dir " + dir + "/lists");
  if (!srv.Start()) {
    std::fprintf(stderr, "serve did not start:\n%s\n", srv.log().c_str());
    return 1;
  }
  for (int pass = 0; pass < 2; ++pass) {
    int want = pass == 0 ? 201 : 200;
    std::vector<int> bad(clients, 0);
    t0 = Clock::now();
    std::vector<std::thread> ts;
    for (int c = 0; c < clients; ++c)
      ts.emplace_back([&, c] {
        httplib::Client cli("127.0.0.1", srv.port());
        cli.set_keep_alive(true);
        cli.set_tcp_nodelay(true);  // else the body waits for the headers' delayed ACK (Nagle)
        for (size_t i = c; i < lines.size(); i += clients) {
          auto r = cli.Post("/v1/exchange/inbound", lines[i], "application/json");
          if (!r || r->status != want) ++bad[c];
        }
      });
    for (auto& t : ts) t.join();
    double s = Seconds(t0);
    int failures = 0;
    for (int b : bad) failures += b;
    std::printf("inbound, HTTP, %d clients, one node, SQLite, %s %8.0f envelopes/s (%d not %d)\n",
                clients, pass == 0 ? "new:    " : "replays:", n / s, failures, want);
  }
  srv.Stop();
  std::filesystem::remove_all(dir);
  return 0;
}
