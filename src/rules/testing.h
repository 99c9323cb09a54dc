// Rulebooks for tests: fixture files written to a temporary directory, loaded, and removed, so a
// test pins behaviour independently of the bundled legal data.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "rules/rulebook_set.h"

namespace chokepoint::rules::testing {

struct FixtureFile {
  std::string path;  //!< relative to the rulebook directory, e.g. "us/entries.yaml"
  std::string text;
};

// Loads `files` plus `copies`, paths of the bundled data/rulebooks copied as they are (e.g.
// "us/classes.yaml", "substances.yaml"; tests run from the repository root).
inline Result<std::shared_ptr<const RulebookSet>> LoadFixtureRulebooks(
    const std::vector<FixtureFile>& files, const std::vector<std::string>& copies = {}) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  const fs::path dir = fs::temp_directory_path() / ("cp_rulebooks_" + std::to_string(::getpid()) +
                                                    "_" + std::to_string(counter++));
  fs::remove_all(dir);
  for (const auto& c : copies) {
    fs::create_directories((dir / c).parent_path());
    fs::copy_file(fs::path("data/rulebooks") / c, dir / c);
  }
  for (const auto& f : files) {
    fs::create_directories((dir / f.path).parent_path());
    std::ofstream(dir / f.path, std::ios::binary) << f.text;
  }
  auto set = LoadRulebooks(dir.string());
  fs::remove_all(dir);
  return set;
}

}  // namespace chokepoint::rules::testing
