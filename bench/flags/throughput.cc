// Throughput of the flag stages on the NCI sample (RDKit's first_5K.smi), single thread, so the
// figures compare stage costs directly (the CLI's 2-thread batches scale them alike):
//   parse only | classify without stages | + each stage alone | + all stages (as the CLI)
// plus how many molecules pass each prefilter. Budget: all stages together <= 30% of classify.
//
// Usage: bench_flags_throughput [--file NCI.smi] [--rulebooks DIR] [--repeat N] [--no-prefilter]
// [--slowest N]
#include <GraphMol/RDKitBase.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/engine.h"
#include "flags/flag_stages.h"
#include "flags/masked_search.h"
#include "flags/similarity.h"
#include "flags/watchlist.h"
#include "rules/rulebook_set.h"

using namespace chokepoint;

namespace {

using Clock = std::chrono::steady_clock;

// Best of `repeat` runs (the machine is shared; the minimum is the least disturbed).
template <typename F>
double BestSeconds(int repeat, F&& f) {
  double best = 1e30;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file = "/usr/share/RDKit/Data/NCI/first_5K.smi";
  std::string rulebooks = std::string(CHOKEPOINT_SOURCE_DIR) + "/data/rulebooks";
  int repeat = 3;
  bool prefilter = true;
  int slowest = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--file") && i + 1 < argc)
      file = argv[++i];
    else if (!std::strcmp(argv[i], "--rulebooks") && i + 1 < argc)
      rulebooks = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--no-prefilter"))
      prefilter = false;
    else if (!std::strcmp(argv[i], "--slowest") && i + 1 < argc)
      slowest = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr,
                   "usage: bench_flags_throughput [--file F] [--rulebooks DIR] [--repeat N] "
                   "[--no-prefilter] [--slowest N]\n");
      return 2;
    }
  }
  std::vector<std::string> inputs;
  {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ss(line);
      std::string smi;
      if (ss >> smi) inputs.push_back(smi);
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "bench_flags_throughput: no input in %s\n", file.c_str());
    return 1;
  }
  auto rules = rules::LoadRulebooks(rulebooks);
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", rules.status().message().c_str());
    return 1;
  }
  auto dirs = flags::DefaultFlagStages(rulebooks);
  auto transforms = flags::LoadTransforms(dirs.transforms_dir);
  auto watch = flags::LoadWatchList(dirs.watchlist_dir);
  if (!transforms.ok() || !watch.ok()) {
    std::fprintf(stderr, "cannot load flag data\n");
    return 1;
  }
  classify::ClassifyOptions copts;
  copts.at = *Date::Parse("2026-11-22");
  flags::SimilarityOptions sopts;
  sopts.prefilter = prefilter;

  struct Config {
    const char* name;
    bool masked, similarity, watchlist;
  };
  const Config configs[] = {{"classify, no stages", false, false, false},
                            {"+ masked-precursor search", true, false, false},
                            {"+ similarity", false, true, false},
                            {"+ watch list", false, false, true},
                            {"+ all stages (CLI)", true, true, true}};

  std::printf("NCI sample: %s, %zu molecules, best of %d runs, 1 thread%s\n", file.c_str(),
              inputs.size(), repeat, prefilter ? "" : ", similarity prefilter OFF");
  double parse = BestSeconds(repeat, [&] {
    for (const auto& s : inputs) (void)chem::ParseSmiles(s);
  });
  std::printf("%-28s %9.0f mol/s\n", "parse only", inputs.size() / parse);
  double base = 0;
  size_t flagged_all = 0;
  for (const auto& c : configs) {
    classify::Engine engine(*rules);
    if (c.masked)
      engine.AddStage(std::make_shared<flags::MaskedPrecursorStage>(&engine, *transforms));
    if (c.similarity)
      engine.AddStage(std::make_shared<flags::SimilarityStage>(engine.rules(), sopts));
    if (c.watchlist) engine.AddStage(std::make_shared<flags::WatchListStage>(*watch));
    size_t flags = 0;
    double secs = BestSeconds(repeat, [&] {
      flags = 0;
      for (const auto& s : inputs) flags += !engine.Classify(s, copts).flags.empty();
    });
    if (!c.masked && !c.similarity && !c.watchlist) base = secs;
    if (c.masked && c.similarity && c.watchlist) flagged_all = flags;
    std::printf("%-28s %9.0f mol/s  %+6.1f%% time vs classify  (%zu molecules flagged)\n", c.name,
                inputs.size() / secs, base > 0 ? 100.0 * (secs - base) / base : 0.0, flags);
  }

  // Prefilter pass rates.
  classify::Engine engine(*rules);
  flags::MaskedPrecursorStage masked(&engine, *transforms);
  flags::SimilarityStage sim(engine.rules(), sopts);
  flags::WatchListStage wl(*watch);
  std::vector<std::unique_ptr<RDKit::RWMol>> mols;
  for (const auto& s : inputs) {
    auto m = chem::ParseSmiles(s);
    if (!m.ok()) continue;
    auto sd = chem::Standardize(std::move(*m), &(*rules)->known_fragments());
    if (sd.ok()) mols.push_back(std::move(sd->parent));
  }
  // Stage pieces on pre-parsed parents: where the time goes.
  size_t masked_pass = 0, sim_pass = 0;
  std::vector<const RDKit::ROMol*> masked_in, sim_in;
  double t_mpf = BestSeconds(repeat, [&] {
    masked_in.clear();
    for (const auto& m : mols)
      if (masked.Prefilter(*m)) masked_in.push_back(m.get());
  });
  masked_pass = masked_in.size();
  double t_search = BestSeconds(repeat, [&] {
    for (const auto* m : masked_in) (void)masked.Search(*m, chem::CanonicalSmiles(*m), copts);
  });
  double t_spf = BestSeconds(repeat, [&] {
    sim_in.clear();
    for (const auto& m : mols)
      if (sim.Prefilter(*m)) sim_in.push_back(m.get());
  });
  sim_pass = sim_in.size();
  double t_rank = BestSeconds(repeat, [&] {
    for (const auto* m : sim_in) (void)sim.Rank(*m);
  });
  double t_watch = BestSeconds(repeat, [&] {
    for (const auto& m : mols) {
      classify::Record r;
      r.substance.smiles = "-";
      wl.AddFlags(*m, copts, r);
    }
  });
  if (slowest > 0) {
    std::vector<std::pair<double, std::string>> times;
    for (const auto* m : masked_in) {
      auto t0 = Clock::now();
      auto found = masked.Search(*m, chem::CanonicalSmiles(*m), copts);
      times.emplace_back(
          std::chrono::duration<double>(Clock::now() - t0).count(),
          chem::CanonicalSmiles(*m) + " (" + std::to_string(found.size()) + " findings)");
    }
    std::sort(times.rbegin(), times.rend());
    for (int i = 0; i < slowest && i < static_cast<int>(times.size()); ++i)
      std::printf("  search %.2f ms  %s\n", 1e3 * times[i].first, times[i].second.c_str());
  }
  const double n = static_cast<double>(mols.size());
  std::printf(
      "per molecule of the sample (µs): classify %.1f | masked prefilter %.1f, search %.1f | "
      "similarity "
      "prefilter %.1f, fingerprints+ranking %.1f | watch list %.1f\n",
      1e6 * base / inputs.size(), 1e6 * t_mpf / n, 1e6 * t_search / n, 1e6 * t_spf / n,
      1e6 * t_rank / n, 1e6 * t_watch / n);
  std::printf(
      "prefilters: masked search %zu/%zu molecules (%.0f µs each searched), similarity %zu/%zu "
      "(%.0f µs each "
      "ranked); flagged with all stages: %zu\n",
      masked_pass, mols.size(), masked_pass ? 1e6 * t_search / masked_pass : 0.0, sim_pass,
      mols.size(), sim_pass ? 1e6 * t_rank / sim_pass : 0.0, flagged_all);
  return 0;
}
