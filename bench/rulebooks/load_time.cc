// Rulebook load time: how long LoadRulebooks takes on the bundled data/rulebooks (every start of
// `chokepoint classify` pays it), cold (no structure cache: every structure parsed and
// canonicalized) and warm (the structure cache of an earlier start). Prints median and best of N.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "rules/rulebook_set.h"

int main(int argc, char** argv) {
  using namespace chokepoint;
  const char* dir = "data/rulebooks";
  int runs = 7;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else
      dir = argv[i];
  }
  size_t entries = 0, classes = 0, lists = 0, rows = 0;
  char tmpl[] = "/tmp/cp_bench_cache_XXXXXX";
  const std::string cache_dir = mkdtemp(tmpl);
  auto measure = [&](bool warm) -> std::vector<double> {
    std::vector<double> ms;
    setenv("CHOKEPOINT_CACHE_DIR", warm ? cache_dir.c_str() : "off", 1);
    if (warm) (void)rules::LoadRulebooks(dir);  // fills the cache
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      auto set = rules::LoadRulebooks(dir);
      auto t1 = std::chrono::steady_clock::now();
      if (!set.ok()) {
        std::fprintf(stderr, "%s\n", set.status().message().c_str());
        std::exit(1);
      }
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      if (r == 0 && entries == 0) {
        for (const auto& rb : (*set)->rulebooks()) {
          entries += rb.entries.size();
          classes += rb.classes.size();
          lists += rb.official.size();
          for (const auto& l : rb.official) rows += l.rows.size();
        }
      }
    }
    std::sort(ms.begin(), ms.end());
    return ms;
  };
  auto cold = measure(false);
  auto warm = measure(true);
  std::filesystem::remove_all(cache_dir);
  std::printf(
      "rulebook load (%s): %zu entries, %zu class rules, %zu official lists (%zu rows), %u "
      "threads\n",
      dir, entries, classes, lists, rows, std::thread::hardware_concurrency());
  std::printf("cold (no structure cache), %d runs: median %.1f ms, best %.1f ms\n", runs,
              cold[cold.size() / 2], cold.front());
  std::printf(
      "warm (structure cache),    %d runs: median %.1f ms, best %.1f ms (target <= 150 ms)\n", runs,
      warm[warm.size() / 2], warm.front());
  return 0;
}
