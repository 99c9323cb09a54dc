#include "flags/yaml_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace chokepoint::flags {

namespace fs = std::filesystem;

bool YamlReader::Open(const fs::path& path, YAML::Node* out) {
  file_ = path.string();
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  for (unsigned char c : text) {
    hash_ ^= c;
    hash_ *= 1099511628211ULL;
  }
  try {
    *out = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Error(e.mark.line + 1, "YAML syntax error: " + e.msg);
    return false;
  }
  if (!out->IsMap()) {
    Error(1, "the file must be a mapping");
    return false;
  }
  return true;
}

void YamlReader::Error(int line, const std::string& what) {
  errors_.push_back(file_ + ":" + std::to_string(line) + ": " + what);
}

void YamlReader::CheckKeys(const YAML::Node& node, std::initializer_list<const char*> allowed) {
  if (!node.IsMap()) {
    Error(Line(node), "expected a mapping");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string known;
      for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      Error(Line(it->first), "unknown key '" + key + "' (expected one of: " + known + ")");
    }
  }
}

std::string YamlReader::Str(const YAML::Node& node, const char* key, bool required) {
  if (!node.IsMap()) return "";
  YAML::Node v = node[key];
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

std::vector<std::string> YamlReader::StrList(const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  if (!node.IsMap()) return out;
  YAML::Node v = node[key];
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

void YamlReader::UniqueId(const YAML::Node& node, const std::string& id) {
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
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace chokepoint::flags
