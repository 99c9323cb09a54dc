// Registers every flag stage (masked precursors, similarity, watch lists) on an engine: one call
// for the CLI, the server and the benchmarks, so they all flag the same way.
#pragma once

#include <string>

#include "classify/engine.h"
#include "util/status.h"

namespace chokepoint::flags {

struct FlagStagesOptions {
  std::string transforms_dir;  //!< data/transforms; empty: no masked-precursor search
  std::string watchlist_dir;   //!< data/watchlists; empty: no emerging-threat flags
  bool similarity = true;      //!< designer_precursor / analog flags from the rulebook entries
};

// Data directories next to `rulebook_dir` (its parent's transforms/ and watchlists/) when they
// exist, else those of the bundled data (CHOKEPOINT_DATA or the source tree's data/).
FlagStagesOptions DefaultFlagStages(const std::string& rulebook_dir);

// Loads the flag data and adds the stages to `engine` (which must outlive them; the stages keep a
// pointer to it to classify transform products). Data errors come back as "file:line: what".
Status AddFlagStages(classify::Engine& engine, const FlagStagesOptions& options);

}  // namespace chokepoint::flags
