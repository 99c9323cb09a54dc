// Shared helpers of the classify benchmarks: rulebook loading with a fallback, timing.
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "cli/engine_setup.h"
#include "rules/rulebook_set.h"

namespace chokepoint::bench {

inline double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline std::string DefaultRulebookDir() {
  return std::string(CHOKEPOINT_SOURCE_DIR) + "/data/rulebooks";
}

// Loads the engine the CLI would use from `dir`. When the rulebooks do not load (a colleague's
// file may be mid-edit), falls back to a temporary directory holding only us/classes.yaml and
// cn/classes.yaml, and says so in `*note`.
inline std::shared_ptr<const classify::Engine> LoadEngineOrFallback(
    const std::string& dir, std::string* note, std::string* used_dir = nullptr) {
  auto engine = cli::LoadEngine(dir);
  if (used_dir) *used_dir = dir;
  if (engine.ok()) {
    *note = "rulebooks: " + dir;
    return *engine;
  }
  std::string why = engine.status().message();
  std::cerr << "warning: rulebooks in " << dir << " do not load:\n" << why << "\n";
  namespace fs = std::filesystem;
  fs::path tmp =
      fs::temp_directory_path() / ("chokepoint-bench-rulebooks-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  for (const char* j : {"us", "cn"}) {
    fs::create_directories(tmp / j, ec);
    fs::copy_file(fs::path(dir) / j / "classes.yaml", tmp / j / "classes.yaml", ec);
  }
  auto fallback = cli::LoadEngine(tmp.string());
  if (!fallback.ok()) {
    std::cerr << "error: the fallback rulebooks (us/cn classes.yaml only) do not load either:\n"
              << fallback.status().message() << "\n";
    return nullptr;
  }
  if (used_dir) *used_dir = tmp.string();
  *note = "rulebooks: FALLBACK to " + tmp.string() + " (us/classes.yaml + cn/classes.yaml only; " +
          dir + " failed to load)";
  return *fallback;
}

// The engine without flag stages: rules only (entries and class rules).
inline std::shared_ptr<const classify::Engine> LoadRulesOnlyEngine(const std::string& dir) {
  auto rules = rules::LoadRulebooks(dir);
  if (!rules.ok()) return nullptr;
  return std::make_shared<classify::Engine>(*rules);
}

}  // namespace chokepoint::bench
