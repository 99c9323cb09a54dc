// Order screening throughput of `chokepoint screen`'s pipeline: orders/s on 1 and 2 threads,
// without storage, with a SQLite file (WAL, batch commits) and with every --db given (a
// postgresql:// URL), over N generated orders (default 100,000, ~3 items each).
//
//   build/bench/orders/orders_bench [--orders N] [--list PATH ...] [--no-lists] [--db TARGET ...]
//
// Each run starts cold: a new screener (empty classification and party caches), a new
// History and, with storage, a new database file, or on a --db an organization of its own
// (removed afterwards). Output is serialized as in `screen`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/engine_setup.h"
#include "order_gen.h"
#include "orders/pipeline.h"
#include "orders/screener_party_check.h"
#include "store/order_store.h"
#include "store/schema.h"

using namespace chokepoint;

int main(int argc, char** argv) {
  size_t n = 100000;
  std::vector<std::string> lists;
  bool no_lists = false;
  // "": no storage; then a SQLite file of each run's own; then the --db targets.
  std::vector<std::string> targets = {"", "sqlite"};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--orders") && i + 1 < argc)
      n = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--list") && i + 1 < argc)
      lists.push_back(argv[++i]);
    else if (!std::strcmp(argv[i], "--no-lists"))
      no_lists = true;
    else if (!std::strcmp(argv[i], "--db") && i + 1 < argc)
      targets.push_back(argv[++i]);
    else {
      std::fprintf(
          stderr,
          "usage: orders_bench [--orders N] [--list PATH ...] [--no-lists] [--db TARGET ...]\n");
      return 2;
    }
  }
  std::string src = CHOKEPOINT_SOURCE_DIR;
  if (lists.empty() && !no_lists) {
    for (const char* p :
         {"/../shared/data/sanctions/ofac-sdn-2021", "/data/examples/blocklist.jsonl"})
      if (std::filesystem::exists(src + p)) lists.push_back(src + p);
  }
  std::ostringstream gen;
  bench::OrderGenOptions go;
  go.orders = n;
  auto t0 = std::chrono::steady_clock::now();
  bench::GenerateOrders(go, gen);
  std::string input = gen.str();
  double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  size_t items = 0;
  for (size_t p = 0; (p = input.find("\"substance\"", p)) != std::string::npos; ++p) ++items;
  std::printf(
      "orders_bench: %zu generated orders, %zu chemical items (%.2f per order), %.1f MB, generated "
      "in %.1f s\n",
      n, items, static_cast<double>(items) / static_cast<double>(n), input.size() / 1e6, gen_s);

  auto engine = cli::LoadEngine(src + "/data/rulebooks");
  if (!engine.ok()) {
    std::fprintf(stderr, "rulebooks: %s\n", engine.status().message().c_str());
    return 1;
  }
  auto policy = orders::Policy::Load(src + "/data/policy/default.yaml");
  if (!policy.ok()) {
    std::fprintf(stderr, "policy: %s\n", policy.status().message().c_str());
    return 1;
  }
  orders::PartyListOptions lo;
  lo.lists = lists;
  lo.store_dir = "/nonexistent";
  std::vector<std::string> problems;
  auto checker = lists.empty() ? Result<std::shared_ptr<const orders::PartyChecker>>(
                                     std::shared_ptr<const orders::PartyChecker>())
                               : orders::LoadPartyChecker(lo, &problems);
  if (!checker.ok()) {
    std::fprintf(stderr, "lists: %s\n", checker.status().message().c_str());
    return 1;
  }
  std::printf("party lists: %s\n", *checker ? (*checker)->Describe().c_str() : "none");
  std::printf("%-8s %-9s %10s %10s %12s   %s\n", "threads", "storage", "seconds", "orders/s",
              "decisions", "clear/review/hold/block");
  for (const std::string& target : targets) {
    for (int threads : {1, 2}) {
      std::string path = std::filesystem::temp_directory_path() /
                         ("orders_bench_" + std::to_string(::getpid()) + ".db");
      bool own_file = target == "sqlite";
      std::string org = "bench-" + std::to_string(::getpid()) + "-" + std::to_string(threads);
      if (own_file) std::filesystem::remove(path);
      std::unique_ptr<store::Connection> database;
      std::unique_ptr<store::OrderStore> ledger;
      auto start = std::chrono::steady_clock::now();
      if (!target.empty()) {
        auto d = store::OpenDatabase(own_file ? path : target);
        if (!d.ok()) return std::fprintf(stderr, "%s\n", d.status().message().c_str()), 1;
        database = std::move(*d);
        auto l = store::OrderStore::Create(database.get(), org);
        if (!l.ok()) return 1;
        ledger = std::move(*l);
      }
      orders::OrderScreener screener(*engine, *checker, *policy);
      orders::History history;
      orders::PipelineOptions po;
      po.threads = threads;
      std::istringstream in(input);
      size_t bytes = 0;
      auto stats = orders::RunPipeline(in, screener, history, ledger.get(), po,
                                       [&](const std::string& line) { bytes += line.size() + 1; });
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!stats.ok()) return std::fprintf(stderr, "%s\n", stats.status().message().c_str()), 1;
      auto c = [&](const char* k) {
        return stats->by_decision.count(k) ? stats->by_decision.at(k) : 0;
      };
      const char* label = target.empty()                 ? "none"
                          : store::IsPostgresUrl(target) ? "postgres"
                                                         : "sqlite";
      std::printf("%-8d %-9s %10.2f %10.0f %12zu   %zu/%zu/%zu/%zu\n", threads, label, secs,
                  static_cast<double>(stats->orders) / secs, stats->decided, c("clear"),
                  c("review"), c("hold"), c("block"));
      std::fflush(stdout);
      ledger.reset();
      if (database && !own_file) {
        // The run's organization goes (orders cascade to decisions and history).
        for (const char* table : {"orders", "parties", "customers"})
          (void)database->Prepare(std::string("DELETE FROM ") + table + " WHERE org = ?")
              ->Bind(1, org)
              .Run();
      }
      database.reset();
      if (own_file)
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
  }
  return 0;
}
