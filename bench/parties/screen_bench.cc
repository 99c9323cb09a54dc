// Throughput and latency of parties::Screener against all reference lists loaded together
// (OFAC SDN 2021 with aliases and addresses, CSL, UN, BIS DPL): list load time, index build
// time, resident memory, queries/s on one core and p50/p99 latency per query; then recall on
// the held-out queries of bench/parties/heldout_queries.csv.
//
//   build/bench/parties/parties_screen_bench [data_dir] [--queries N] [--heldout FILE] [--verbose]
// Timed queries: every 7th list name (exact), the same names with one typo each (a character
// dropped, two neighbours swapped, a letter doubled), person names reordered, and the
// drug-program China names — a mix of hits and near misses. The held-out set is the typed
// variants a clerk produces and unrelated names that must not match: it prints the share of
// queries whose source entity is among the top 3 matches, and every false positive.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "parties/screener.h"
#include "reference_lists.h"
#include "util/csv.h"

using namespace chokepoint::parties;
using Clock = std::chrono::steady_clock;

namespace {

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The held-out queries: per kind of variant, how often the source entity is among the top 3
// matches at the default threshold; unrelated names must return nothing.
bool HeldOut(const Screener& screener, const std::string& path, bool verbose) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s not found (run from the repo root)\n", path.c_str());
    return false;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  chokepoint::CsvReader reader(text);
  chokepoint::CsvRecord rec;
  bool header = true;
  std::map<std::string, std::pair<size_t, size_t>> by_kind;  // kind → (in top 3, total)
  size_t found = 0, positives = 0, negatives = 0, false_pos = 0;
  ScreenOptions opt;
  while (reader.Next(rec)) {
    if (rec.fields.empty() || (!rec.fields[0].empty() && rec.fields[0][0] == '#')) continue;
    if (header) {
      header = false;
      continue;
    }
    if (rec.fields.size() < 4) continue;
    PartyQuery q;
    q.name = rec.fields[0];
    q.type = rec.fields[1] == "individual" ? EntityType::kIndividual
             : rec.fields[1] == "vessel"   ? EntityType::kVessel
                                           : EntityType::kEntity;
    const std::string& want = rec.fields[2];
    auto r = screener.Screen(q, opt);
    std::vector<Match> ms = r.ok() ? *r : std::vector<Match>{};
    if (want.empty()) {
      ++negatives;
      if (!ms.empty()) {
        ++false_pos;
        std::printf("  false positive: %s -> %s/%s %s (%.3f)\n", q.name.c_str(), ms[0].list.c_str(),
                    ms[0].entity_id.c_str(), ms[0].matched_name.c_str(), ms[0].score);
      }
      continue;
    }
    ++positives;
    bool ok = false;
    for (size_t i = 0; i < ms.size() && i < 3; ++i)
      ok |= ms[i].list + "/" + ms[i].entity_id == want;
    found += ok;
    auto& k = by_kind[rec.fields[3]];
    k.first += ok;
    ++k.second;
    if (!ok && verbose) {
      std::printf("  held-out miss [%s] %s -> %s\n", rec.fields[3].c_str(), q.name.c_str(),
                  ms.empty() ? "no match"
                             : (ms[0].matched_name + " " + std::to_string(ms[0].score)).c_str());
    }
  }
  std::printf(
      "held-out queries (%s): source entity in the top 3 for %zu of %zu (%.3f); "
      "false positives on %zu unrelated names: %zu\n",
      path.c_str(), found, positives, positives ? double(found) / positives : 0.0, negatives,
      false_pos);
  for (const auto& [kind, f] : by_kind) {
    std::printf("    %-22s %3zu of %3zu\n", kind.c_str(), f.first, f.second);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/data/sanctions";
  std::string heldout = "bench/parties/heldout_queries.csv";
  size_t max_queries = 20000;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--queries") && i + 1 < argc)
      max_queries = std::atol(argv[++i]);
    else if (!std::strcmp(argv[i], "--heldout") && i + 1 < argc)
      heldout = argv[++i];
    else if (!std::strcmp(argv[i], "--verbose"))
      verbose = true;
    else
      data = argv[i];
  }
  long rss0 = RssKb();
  auto t0 = Clock::now();
  ListSet lists;
  if (!LoadReferenceLists(data, lists, true)) return 1;
  auto t1 = Clock::now();
  auto screener = Screener::Build(lists);
  auto t2 = Clock::now();
  long rss1 = RssKb();
  std::printf(
      "lists load %.0f ms; index build %.0f ms for %zu entities, %zu names; RSS +%.1f MB (index "
      "estimate %.1f MB)\n",
      Ms(t1 - t0), Ms(t2 - t1), screener->entity_count(), screener->name_count(),
      (rss1 - rss0) / 1024.0, screener->MemoryBytes() / 1048576.0);

  std::vector<PartyQuery> queries;
  std::vector<std::string> expected;  // "list/entity_id" the query was made from ("" = none)
  size_t k = 0;
  for (const auto& l : lists.lists()) {
    for (const auto& e : l.entities) {
      if (k++ % 7) continue;
      PartyQuery q;
      q.name = e.name;
      std::string id = e.list + "/" + e.entity_id;
      queries.push_back(q);
      expected.push_back(id + "#exact");
      if (e.name.size() > 6) {
        // One typo each, at a position that moves with the entity so every word gets some.
        size_t at = 1 + k % (e.name.size() - 3);
        q.name = e.name.substr(0, at) + e.name.substr(at + 1);
        queries.push_back(q);
        expected.push_back(id + "#typo_drop");
        q.name = e.name;
        std::swap(q.name[at], q.name[at + 1]);
        if (q.name != e.name) {
          queries.push_back(q);
          expected.push_back(id + "#typo_swap");
        }
        q.name = e.name.substr(0, at) + e.name[at] + e.name.substr(at);
        queries.push_back(q);
        expected.push_back(id + "#typo_double");
      }
      size_t comma = e.name.find(", ");
      if (comma != std::string::npos && e.type == EntityType::kIndividual) {
        q.name = e.name.substr(comma + 2) + " " + e.name.substr(0, comma);
        q.type = EntityType::kIndividual;
        queries.push_back(q);
        expected.push_back(id + "#reordered");
      }
    }
  }
  std::ifstream china(data + "/drug-program-china/eo14059_2023.csv");
  std::string line;
  while (std::getline(china, line)) {
    size_t a = line.find(",\""), b = line.find("\",", a + 2);
    if (a == std::string::npos || b == std::string::npos) continue;
    PartyQuery q;
    q.name = line.substr(a + 2, b - a - 2);
    queries.push_back(q);
    expected.push_back("");
  }
  if (queries.size() > max_queries) {
    queries.resize(max_queries);
    expected.resize(max_queries);
  }
  std::map<std::string, std::pair<size_t, size_t>> found;  // kind → (found, total)
  // Warm up ICU and caches outside the measurement (first Han character loads Han-Latin).
  PartyQuery warm;
  warm.name = "河北冠朗生物科技有限公司";
  (void)screener->Screen(warm, {});

  // Wall-clock and thread CPU time per query: on a shared machine the wall clock includes
  // time other processes held the core; CPU time is what the query itself cost.
  std::vector<double> lat, cpu;
  lat.reserve(queries.size());
  cpu.reserve(queries.size());
  size_t hits = 0;
  ScreenOptions opt;
  auto thread_ms = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  auto s0 = Clock::now();
  double c0 = thread_ms();
  for (size_t qi = 0; qi < queries.size(); ++qi) {
    const auto& q = queries[qi];
    auto a = Clock::now();
    double ca = thread_ms();
    auto r = screener->Screen(q, opt);
    cpu.push_back(thread_ms() - ca);
    lat.push_back(Ms(Clock::now() - a));
    hits += r.ok() && !r->empty();
    const std::string& want = expected[qi];
    if (want.empty()) continue;
    size_t hash = want.find('#');
    auto& f = found[want.substr(hash + 1)];
    ++f.second;
    bool ok = false;
    if (r.ok()) {
      for (const auto& m : *r) {
        if (m.list + "/" + m.entity_id == want.substr(0, hash)) {
          ok = true;
          break;
        }
      }
    }
    f.first += ok;
    if (!ok && verbose && want.compare(hash + 1, 5, "exact") == 0) {
      std::printf("  missed %s: %s -> %s\n", want.c_str(), q.name.c_str(),
                  !r.ok()      ? r.status().message().c_str()
                  : r->empty() ? "no match"
                               : (*r)[0].matched_name.c_str());
    }
  }
  auto s1 = Clock::now();
  double c1 = thread_ms();
  for (auto* v : {&lat, &cpu}) std::sort(v->begin(), v->end());
  auto pct = [](const std::vector<double>& v, double p) {
    return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
  };
  std::printf("%zu queries on 1 core, %zu with a match\n", queries.size(), hits);
  std::printf("  wall: %.0f queries/s; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
              queries.size() / (Ms(s1 - s0) / 1000.0), pct(lat, 0.5), pct(lat, 0.9), pct(lat, 0.99),
              lat.back());
  std::printf("  cpu:  %.0f queries/s; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
              queries.size() / ((c1 - c0) / 1000.0), pct(cpu, 0.5), pct(cpu, 0.9), pct(cpu, 0.99),
              cpu.back());
  for (const auto& [kind, f] : found) {
    std::printf("  source entity in the top %zu: %-9s %zu of %zu (%.1f%%)\n", opt.top_k,
                kind.c_str(), f.first, f.second, 100.0 * f.first / std::max<size_t>(1, f.second));
  }
  if (!HeldOut(*screener, heldout, verbose)) return 1;
  std::printf("  (load average at the end: %s)\n",
              [] {
                std::ifstream in("/proc/loadavg");
                std::string l;
                std::getline(in, l);
                return l;
              }()
                  .c_str());
  return 0;
}
