// The local list store: lists imported once (`chokepoint lists import`) and screened against
// later without --list.
//
// Layout: a directory holding manifest.json and one folder per list version:
//   <store>/manifest.json      {"lists": [{"name", "format", "version", "dir", "origin",
//                                          "url", "entities", "names", …}]}
//   <store>/<name>.<n>/        the list's files as imported (sdn.csv, alt.csv … or one file)
// Writes are atomic: new files go to a fresh folder, then manifest.json is replaced by
// rename(2); the previous folder is removed afterwards. A reader therefore sees the old or the
// new list, never half of one.
#pragma once

#include <string>
#include <vector>

#include "parties/entity.h"
#include "parties/list_set.h"
#include "parties/loaders.h"
#include "util/status.h"

namespace chokepoint::parties {

struct StoredList {
  ListInfo info;       //!< as validated at import/update (source = the stored copy)
  std::string dir;     //!< folder name inside the store
  std::string origin;  //!< path or URL it was imported from
  std::string url;     //!< download URL for `lists update` ("" = the publisher's default)
};

// $CHOKEPOINT_HOME/lists when set, else ~/.local/share/chokepoint/lists.
std::string DefaultStoreDir();

class ListStore {
 public:
  explicit ListStore(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // Lists in the manifest (empty when the store does not exist yet).
  Result<std::vector<StoredList>> List() const;

  // Validates `path` by loading it, copies its files into the store under `options.name`
  // (or the format's default name) and records it, replacing a list of the same name.
  Result<StoredList> Import(const std::string& path, const LoadOptions& options,
                            const std::string& url = "");

  // Replaces list `name` with the files already written to `staged_dir` (a folder inside the
  // store, see StagingDir), after validating them. `min_entities` is the sanity floor.
  Result<StoredList> Replace(const std::string& name, const std::string& staged_dir,
                             const std::string& origin, size_t min_entities);

  // A new empty folder inside the store for downloads; the caller removes it on failure.
  Result<std::string> StagingDir(const std::string& name) const;

  // Loads every stored list.
  Result<ListSet> LoadAll() const;

 private:
  Status WriteManifest(const std::vector<StoredList>& lists) const;
  Result<StoredList> Commit(const std::string& name, const std::string& folder,
                            const LoadOptions& options, const std::string& origin,
                            const std::string& url, size_t min_entities);
  std::string dir_;
};

}  // namespace chokepoint::parties
