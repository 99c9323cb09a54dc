#include "flags/flag_stages.h"

#include <cstdlib>
#include <filesystem>

#include "flags/masked_search.h"
#include "flags/similarity.h"
#include "flags/watchlist.h"

namespace chokepoint::flags {

namespace fs = std::filesystem;

FlagStagesOptions DefaultFlagStages(const std::string& rulebook_dir) {
  std::error_code ec;
  fs::path next_to = fs::path(rulebook_dir).lexically_normal().parent_path();
  if (fs::path(rulebook_dir).filename().empty())
    next_to = next_to.parent_path();  // "data/rulebooks/"
  std::string bundled;
  if (const char* env = std::getenv("CHOKEPOINT_DATA"))
    bundled = env;
  else
    bundled = std::string(CHOKEPOINT_SOURCE_DIR) + "/data";
  auto pick = [&](const char* name) {
    if (fs::is_directory(next_to / name, ec)) return (next_to / name).string();
    if (fs::is_directory(fs::path(bundled) / name, ec)) return (fs::path(bundled) / name).string();
    return std::string();
  };
  FlagStagesOptions o;
  o.transforms_dir = pick("transforms");
  o.watchlist_dir = pick("watchlists");
  return o;
}

Status AddFlagStages(classify::Engine& engine, const FlagStagesOptions& options) {
  if (!options.transforms_dir.empty()) {
    auto t = LoadTransforms(options.transforms_dir);
    if (!t.ok()) return t.status();
    engine.AddStage(std::make_shared<MaskedPrecursorStage>(&engine, *t));
  }
  // After the masked search, so a reviewed transform path wins over a similarity lead.
  if (options.similarity) engine.AddStage(std::make_shared<SimilarityStage>(engine.rules()));
  if (!options.watchlist_dir.empty()) {
    auto w = LoadWatchList(options.watchlist_dir);
    if (!w.ok()) return w.status();
    engine.AddStage(std::make_shared<WatchListStage>(*w));
  }
  return Status::OK();
}

}  // namespace chokepoint::flags
