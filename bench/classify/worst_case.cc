// Worst-case input timings: each structure of tests/data/slow_inputs.tsv classified by the CLI's
// engine (all flag stages) with InChI, without a time budget, so the figure is the real cost.
// Prints one line per case and the maximum; the per-input budget (2 s by default) must exceed it.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/engine_setup.h"

int main(int argc, char** argv) {
  using namespace chokepoint;
  const std::string file = argc > 1 ? argv[1] : "tests/data/slow_inputs.tsv";
  auto engine = cli::LoadEngine("data/rulebooks");
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().message().c_str());
    return 1;
  }
  std::ifstream in(file);
  std::string line;
  double worst = 0;
  std::string worst_case;
  std::printf("%-78s %9s  %s\n", "case", "ms", "outcome");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string what = line.substr(0, tab), smiles = line.substr(tab + 1);
    classify::ClassifyOptions o;
    o.want_inchi = true;
    auto t0 = std::chrono::steady_clock::now();
    classify::Record r = (*engine)->Classify(smiles, o);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-78s %9.1f  %s\n", what.substr(0, 78).c_str(), ms,
                r.ok ? r.verdict.c_str() : r.error.tag().c_str());
    if (ms > worst) {
      worst = ms;
      worst_case = what;
    }
  }
  std::printf("worst case: %.1f ms (%s); target: every case < 1000 ms\n", worst,
              worst_case.c_str());
  return 0;
}
