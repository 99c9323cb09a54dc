// `chokepoint screen`: orders in (JSONL), one decision per order out, with history in the
// store (SQLite or PostgreSQL). See docs/orders.md.
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/batch.h"
#include "cli/command.h"
#include "cli/engine_setup.h"
#include "orders/pipeline.h"
#include "orders/screener_party_check.h"
#include "store/order_store.h"
#include "store/schema.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string file;
  std::string db;
  std::string policy;
  std::string at;
  std::vector<std::string> lists;
  std::string lists_dir;
  std::string format = "jsonl";
  std::string org = "default";
  std::string rulebooks;
  int threads = 0;
  size_t commit_every = 500;
  bool rescreen = false;
  bool quiet = false;
  bool no_progress = false;
};

// Width of `s` in code points, padded or cut to `n`.
std::string Pad(const std::string& s, size_t n) {
  size_t cps = 0;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (cps == n) break;
      ++cps;
    }
    out += s[i];
  }
  return out + std::string(n > cps ? n - cps : 0, ' ');
}

std::string TableRow(const Json& j) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-5d ", j.value("line", 0));
  std::string id = j["id"].is_null() ? "-" : j["id"].get<std::string>();
  std::string s = buf + Pad(id, 14) + " ";
  if (!j.value("ok", false)) {
    return s + Pad("error", 8) + "     -  " + j["error"].value("code", "") + ": " +
           j["error"].value("message", "");
  }
  std::snprintf(buf, sizeof buf, "%5.0f", j.value("score", 0.0));
  s += Pad(j.value("decision", ""), 8) + " " + buf + "  ";
  std::vector<std::string> rules;
  for (const auto& r : j["reasons"]) {
    std::string id2 = r.value("rule", "");
    if (std::find(rules.begin(), rules.end(), id2) == rules.end()) rules.push_back(id2);
  }
  std::string joined;
  for (const auto& r : rules) joined += (joined.empty() ? "" : ", ") + r;
  s += joined.empty() ? "-" : joined;
  for (const auto& r : j["reasons"])
    s += "\n      [" + r.value("severity", "") + "] " + r.value("rule", "") + ": " +
         r.value("explanation", "");
  return s;
}

// The run's summary on stderr: decisions, errors, speed, and how often each rule fired.
void PrintSummary(const orders::PipelineStats& s, double secs) {
  auto n = [&](const char* d) { return s.by_decision.count(d) ? s.by_decision.at(d) : 0; };
  std::fprintf(stderr,
               "screened %zu order(s): clear %zu, review %zu, hold %zu, block %zu; errors %zu",
               s.orders, n("clear"), n("review"), n("hold"), n("block"), s.errors);
  if (s.stored)
    std::fprintf(stderr,
                 "; %zu already decided (stored decision shown; --rescreen to decide again)",
                 s.stored);
  if (s.empty) std::fprintf(stderr, "; %zu empty line(s) skipped", s.empty);
  std::fprintf(stderr, " (%.2f s, %.0f orders/s)\n", secs,
               secs > 0 ? static_cast<double>(s.orders + s.errors) / secs : 0);
  if (s.by_rule.empty()) return;
  std::string rules;
  std::vector<std::pair<size_t, std::string>> v;
  for (const auto& [r, c] : s.by_rule) v.push_back({c, r});
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [c, r] : v) rules += (rules.empty() ? "" : ", ") + r + " " + std::to_string(c);
  std::fprintf(stderr, "rules fired (orders): %s\n", rules.c_str());
}

// The party checker over --list files or the imported lists; malformed rows are skipped with a
// note on stderr.
Result<std::shared_ptr<const orders::PartyChecker>> LoadLists(const Options& o) {
  orders::PartyListOptions lopts;
  lopts.lists = o.lists;
  lopts.store_dir = o.lists_dir;
  std::vector<std::string> problems;
  auto checker = orders::LoadPartyChecker(lopts, &problems);
  if (checker.ok() && !o.quiet && !problems.empty())
    std::cerr << "chokepoint screen: " << problems.size()
              << " malformed list row(s) skipped (first: " << problems.front() << ")\n";
  return checker;
}

int Run(const Options& o) {
  const char* me = "chokepoint screen";
  orders::ScreenOptions sopts;
  if (!o.at.empty()) sopts.at = *Date::Parse(o.at);  // checked by AddAtOption
  std::string policy_path = o.policy.empty() ? DefaultDataDir() + "/policy/default.yaml" : o.policy;
  auto policy = orders::Policy::Load(policy_path);
  if (!policy.ok()) {
    std::cerr << me << ": policy: " << policy.status().message() << "\n";
    return kExitFailure;
  }
  auto engine = LoadEngine(o.rulebooks.empty() ? DefaultRulebookDir() : o.rulebooks);
  if (!engine.ok()) {
    std::cerr << me << ": cannot load rulebooks: " << engine.status().message() << "\n";
    return kExitFailure;
  }
  auto checker = LoadLists(o);
  if (!checker.ok()) {
    std::cerr << me << ": screening lists: " << checker.status().message() << "\n";
    return kExitFailure;
  }

  std::string db_path = DatabaseTarget(o.db);
  auto db = store::OpenDatabase(db_path);
  if (!db.ok()) {
    std::cerr << me << ": " << db.status().message() << "\n";
    return kExitFailure;
  }
  auto ledger = store::OrderStore::Create(db->get(), o.org);
  if (!ledger.ok()) {
    std::cerr << me << ": " << ledger.status().message() << "\n";
    return kExitFailure;
  }
  orders::History history;  // loaded from the ledger by RunPipeline

  auto in = OpenBatchInput(o.file, me, "orders (JSON objects)");
  if (!in.ok()) {
    std::cerr << me << ": " << in.status().message() << "\n";
    return kExitFailure;
  }

  orders::OrderScreener screener(*engine, *checker, *policy, sopts);
  orders::PipelineOptions popts;
  popts.threads = o.threads;
  popts.commit_every = o.commit_every;
  popts.rescreen = o.rescreen;
  auto start = std::chrono::steady_clock::now();
  ProgressLine progress(!o.quiet && !o.no_progress && StderrIsTerminal(), in->total_bytes, "lines");
  popts.progress = [&](size_t lines, size_t bytes) { progress.Update(lines, bytes); };
  if (o.format == "table") {
    std::printf("%-5s %-14s %-8s %5s  %s\n", "LINE", "ID", "DECISION", "SCORE", "REASONS");
  }
  auto stats = orders::RunPipeline(*in->stream, screener, history, ledger->get(), popts,
                                   [&](const std::string& line) {
                                     if (o.format == "table")
                                       std::cout << TableRow(Json::parse(line)) << "\n";
                                     else
                                       std::cout << line << "\n";
                                   });
  std::cout.flush();
  progress.Finish();
  if (!stats.ok()) {
    std::cerr << me << ": " << stats.status().message()
              << " (committed decisions are kept; re-run to finish)\n";
    return kExitFailure;
  }
  if (!o.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    PrintSummary(*stats, secs);
    std::fprintf(stderr, "parties screened against: %s\n",
                 *checker ? (*checker)->Describe().c_str()
                          : "no lists (pass --list PATH or import lists with `chokepoint "
                            "parties`): parties NOT screened");
    std::fprintf(stderr, "policy %s; database %s\n", policy->version.c_str(),
                 (*db)->target().c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterScreen(CLI::App& root, std::vector<Subcommand>& out) {
  auto opts = std::make_shared<Options>();
  auto* app = root.add_subcommand(
      "screen", "Screen orders or shipments (JSONL): decision with cited reasons per order");
  app->add_option("orders", opts->file,
                  "Orders file, one JSON object per line ('-' or none: standard input)");
  AddDbOption(app, &opts->db)
      ->description(
          "Database for history and decisions: a SQLite file (default: chokepoint.db in the "
          "chokepoint home directory; "
          "':memory:' for none) or a postgresql:// URL shared by several nodes");
  app->add_option("--policy", opts->policy,
                  "Decision policy YAML (default: data/policy/default.yaml)");
  AddAtOption(app, &opts->at, "Read the law as of YYYY-MM-DD (default: each order's own date)");
  AddListOption(app, &opts->lists);
  AddListsDirOption(app, &opts->lists_dir);
  AddFormatOption(app, &opts->format, {"jsonl", "table"});
  app->add_option("--org", opts->org, "Organization the orders belong to (default: default)");
  AddRulebooksOption(app, &opts->rulebooks);
  AddThreadsOption(app, &opts->threads, "Worker threads (default: all cores)");
  app->add_option("--commit-every", opts->commit_every,
                  "Orders per database transaction (default: 500)")
      ->check(CLI::Range(1, 1000000));
  app->add_flag("--rescreen", opts->rescreen,
                "Decide orders again even when the database already has a decision");
  app->add_flag("--no-progress", opts->no_progress, "No progress bar");
  AddQuietFlag(app, &opts->quiet);
  out.push_back({app, [opts] { return Run(*opts); }});
}

}  // namespace chokepoint::cli
