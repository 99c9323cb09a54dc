// Builds the classification engine the CLI and server use: rulebooks + every flag stage.
#pragma once

#include <memory>
#include <string>

#include "classify/engine.h"

namespace chokepoint::cli {

// Loads the rulebooks in `dir` and registers the analysis stages. Errors carry the
// rulebook problems as "file:line: what" lines.
Result<std::shared_ptr<const classify::Engine>> LoadEngine(const std::string& rulebook_dir);

// Parses "US,CN" against the loaded jurisdictions; error names the unknown one.
Result<std::vector<std::string>> ParseJurisdictions(const std::string& text,
                                                    const classify::Engine& engine);

}  // namespace chokepoint::cli
