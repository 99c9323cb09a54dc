// Validating access to the flag data files (transforms, watch lists): every problem is collected
// as "file:line: what is wrong", in the style of the rulebook loader (src/rules/loader.cc), so a
// reviewer fixing a data file sees all problems at once.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "rules/rulebook.h"

namespace chokepoint::flags {

class YamlReader {
 public:
  // Parses `path`; on a syntax error (or a top level that is not a mapping) records it and
  // returns false.
  bool Open(const std::filesystem::path& path, YAML::Node* root);

  void Error(int line, const std::string& what);
  static int Line(const YAML::Node& n) { return n.Mark().line + 1; }
  rules::Location Where(const YAML::Node& n) const { return {file_, Line(n)}; }

  void CheckKeys(const YAML::Node& node, std::initializer_list<const char*> allowed);
  std::string Str(const YAML::Node& node, const char* key, bool required);
  std::vector<std::string> StrList(const YAML::Node& node, const char* key);
  // Records `id` as used; reports a duplicate with the first definition's location.
  void UniqueId(const YAML::Node& node, const std::string& id);
  // Every file's text folded into one hash, for a version string like "transforms@1a2b3c4d".
  std::string Version(const std::string& prefix) const;

  const std::vector<std::string>& errors() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  uint64_t hash_ = 1469598103934665603ULL;
  std::vector<std::string> errors_;
  std::vector<std::pair<std::string, std::string>> ids_;
};

// Every *.yaml / *.yml file under `dir`, recursively, sorted.
std::vector<std::filesystem::path> YamlFiles(const std::string& dir);

}  // namespace chokepoint::flags
