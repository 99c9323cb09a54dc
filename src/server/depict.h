// SVG depiction of a substance's parent structure with the atoms a class rule matched
// highlighted (GET /v1/depict).
#pragma once

#include <string>
#include <string_view>

#include "classify/engine.h"
#include "util/status.h"

namespace chokepoint::server {

struct Depiction {
  std::string svg;
  std::string smiles;               //!< the parent that was drawn
  std::vector<unsigned> highlight;  //!< atom indexes highlighted
};

// Resolves and standardizes `input` as the engine does, reads its status in the requested
// jurisdictions, and draws the parent with every matched atom highlighted.
Result<Depiction> DepictSubstance(const classify::Engine& engine, std::string_view input,
                                  const classify::ClassifyOptions& options, int width = 400,
                                  int height = 300);

}  // namespace chokepoint::server
