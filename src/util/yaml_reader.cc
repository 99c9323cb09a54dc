#include "util/yaml_reader.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/edit_distance.h"

namespace chokepoint {

namespace fs = std::filesystem;

bool YamlReader::Open(const fs::path& path, yaml::Node* out) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  return Use(path.string(), text, yaml::Node::Parse(text), out);
}

bool YamlReader::Use(const std::string& display, const std::string& text,
                     const Result<yaml::Node>& parsed, yaml::Node* out) {
  file_ = display;
  hash_ = Fnv1a(text, hash_);
  if (!parsed.ok()) {
    // "line N: YAML syntax error: ..." from yaml::Node::Parse
    const std::string& m = parsed.status().message();
    size_t colon = m.find(": ");
    Error(std::atoi(m.c_str() + 5), colon == std::string::npos ? m : m.substr(colon + 2));
    return false;
  }
  *out = *parsed;
  if (!out->IsMap()) {
    Error(1, "the file must be a mapping");
    return false;
  }
  return true;
}

void YamlReader::Error(int line, const std::string& what) {
  errors_.push_back(file_ + ":" + std::to_string(line) + ": " + what);
}

void YamlReader::CheckKeys(const yaml::Node& node, std::initializer_list<const char*> allowed) {
  if (!node.IsMap()) {
    Error(Line(node), "expected a mapping");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.scalar();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::vector<std::string> keys(allowed.begin(), allowed.end());
      auto near = Nearest(key, keys, 2, 1);
      std::string known;
      for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      Error(Line(it->first), "unknown key '" + key + "'" +
                                 (near.empty() ? " (expected one of: " + known + ")"
                                               : " (did you mean '" + near[0] + "'?)"));
    }
  }
}

std::string YamlReader::Str(const yaml::Node& node, const char* key, bool required) {
  if (!node.IsMap()) return "";
  yaml::Node v = node[key];
  if (!v || v.IsNull()) {
    if (required) Error(Line(node), std::string("missing required '") + key + "'");
    return "";
  }
  if (!v.IsScalar()) {
    Error(Line(v), std::string("'") + key + "' must be a single value");
    return "";
  }
  std::string s = v.as<std::string>();
  if (required && s.empty()) Error(Line(v), std::string("'") + key + "' is empty");
  return s;
}

std::vector<std::string> YamlReader::StrList(const yaml::Node& node, const char* key) {
  std::vector<std::string> out;
  if (!node.IsMap()) return out;
  yaml::Node v = node[key];
  if (!v || v.IsNull()) return out;
  if (v.IsScalar()) return {v.as<std::string>()};
  if (!v.IsSequence()) {
    Error(Line(v), std::string("'") + key + "' must be a list");
    return out;
  }
  for (const auto& x : v) {
    if (!x.IsScalar()) {
      Error(Line(x), std::string("'") + key + "' must hold plain values");
      continue;
    }
    out.push_back(x.as<std::string>());
  }
  return out;
}

void YamlReader::UniqueId(const yaml::Node& node, const std::string& id) {
  if (id.empty()) return;
  for (const auto& [seen, where] : ids_) {
    if (seen == id) {
      Error(Line(node), "duplicate id '" + id + "' (first defined at " + where + ")");
      return;
    }
  }
  ids_.emplace_back(id, file_ + ":" + std::to_string(Line(node)));
}

std::string YamlReader::Version(const std::string& prefix) const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(hash_ & 0xffffffffULL));
  return prefix + "@" + buf;
}

std::vector<fs::path> YamlFiles(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file() &&
        (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace chokepoint
