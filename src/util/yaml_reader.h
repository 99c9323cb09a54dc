// Validating access to the YAML data files people edit (rulebooks, transforms, watch lists,
// policies): every problem is collected as "file:line: what is wrong", so a reviewer fixing a
// file sees all of its problems at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "util/hash.h"
#include "util/yaml.h"

namespace chokepoint {

// Where a record was written, for `file:line` messages.
struct Location {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

class YamlReader {
 public:
  // Reads and parses `path`; on a syntax error (or a top level that is not a mapping) records it
  // and returns false.
  bool Open(const std::filesystem::path& path, yaml::Node* root);
  // The same for text already read (`display` names it in messages); `parsed` may come from
  // another thread.
  bool Use(const std::string& display, const std::string& text, const Result<yaml::Node>& parsed,
           yaml::Node* root);

  void Error(int line, const std::string& what);
  // A problem with its own "file:line: " prefix (cross-file checks).
  void AddError(std::string problem) { errors_.push_back(std::move(problem)); }
  static int Line(const yaml::Node& n) { return n.line(); }
  Location Where(const yaml::Node& n) const { return {file_, Line(n)}; }

  // Unknown keys are errors (a typo such as `efective` must not silently drop a value).
  void CheckKeys(const yaml::Node& node, std::initializer_list<const char*> allowed);
  std::string Str(const yaml::Node& node, const char* key, bool required);
  std::vector<std::string> StrList(const yaml::Node& node, const char* key);
  // Records `id` as used; reports a duplicate with the first definition's location.
  void UniqueId(const yaml::Node& node, const std::string& id);
  // Every file's text folded into one FNV-1a hash, for a version string like "transforms@1a2b3c4d".
  std::string Version(const std::string& prefix) const;

  const std::vector<std::string>& errors() const { return errors_; }
  std::vector<std::string>& errors() { return errors_; }
  const std::string& file() const { return file_; }
  // Names the file that follows Error() calls refer to (for files that are not YAML).
  void SetFile(std::string file) { file_ = std::move(file); }

 private:
  std::string file_;
  uint64_t hash_ = kFnv1aOffset;
  std::vector<std::string> errors_;
  std::vector<std::pair<std::string, std::string>> ids_;
};

// Every *.yaml / *.yml file under `dir`, recursively, sorted.
std::vector<std::filesystem::path> YamlFiles(const std::string& dir);

}  // namespace chokepoint
