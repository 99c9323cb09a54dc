// A small persistent cache of derived data (canonical structures, fingerprints) in one text file
// of "key<TAB>value" lines under the user's cache directory, so a start does not recompute what
// an earlier start computed from the same inputs. The first line is a stamp naming the code that
// produced the values (library versions, build); a file with another stamp is ignored and
// rewritten. Saved to a temporary file and renamed, so a concurrent reader sees the old or the
// new file, never half of one. Keys and values may not contain tabs or newlines.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

namespace chokepoint {

// The cache directory: $CHOKEPOINT_CACHE_DIR ("" or "off": no caching), else
// $XDG_CACHE_HOME/chokepoint, else $HOME/.cache/chokepoint; "" when there is none.
std::string CacheDirectory();

class FileCache {
 public:
  // `name` is the file name in CacheDirectory(); with no cache directory the cache stays empty
  // and Save() does nothing.
  FileCache(const std::string& name, std::string stamp);

  // Thread-safe.
  bool Find(const std::string& key, std::string* value) const;
  void Put(const std::string& key, const std::string& value);
  // Writes the file if anything was added. Thread-safe.
  void Save() const;
  size_t size() const;

 private:
  std::string path_, stamp_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::string> map_;  // GUARDED_BY(mu_)
  bool dirty_ = false;                                // GUARDED_BY(mu_)
};

}  // namespace chokepoint
