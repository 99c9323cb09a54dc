#include "util/file_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace chokepoint {

std::string CacheDirectory() {
  if (const char* d = std::getenv("CHOKEPOINT_CACHE_DIR")) {
    std::string dir = d;
    return dir == "off" ? "" : dir;
  }
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/chokepoint";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/chokepoint";
  return "";
}

FileCache::FileCache(const std::string& name, std::string stamp) : stamp_(std::move(stamp)) {
  const std::string dir = CacheDirectory();
  if (dir.empty()) return;
  path_ = dir + "/" + name;
  std::ifstream in(path_, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != stamp_) return;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) map_.emplace(line.substr(0, tab), line.substr(tab + 1));
  }
}

bool FileCache::Find(const std::string& key, std::string* value) const {
  std::lock_guard lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end()) return false;
  *value = it->second;
  return true;
}

void FileCache::Put(const std::string& key, const std::string& value) {
  if (key.find_first_of("\t\n") != std::string::npos || value.find('\n') != std::string::npos)
    return;
  std::lock_guard lock(mu_);
  if (map_.emplace(key, value).second) dirty_ = true;
}

size_t FileCache::size() const {
  std::lock_guard lock(mu_);
  return map_.size();
}

void FileCache::Save() const {
  std::lock_guard lock(mu_);
  if (!dirty_ || path_.empty()) return;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path_).parent_path(), ec);
  const std::string tmp = path_ + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << stamp_ << "\n";
    for (const auto& [k, v] : map_) out << k << '\t' << v << '\n';
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path_, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace chokepoint
