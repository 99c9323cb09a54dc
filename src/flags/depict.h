// SVG depiction of a classified substance with the atoms that decided it highlighted, so a
// reviewer sees what matched: the class core (class rules), the whole molecule (named entries),
// the mask a transform removes (masked_precursor), or the watched pattern (emerging_threat).
// Used by `chokepoint depict` and, later, the HTTP server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/engine.h"
#include "util/status.h"

namespace chokepoint::flags {

struct DepictOptions {
  classify::ClassifyOptions classify;  //!< jurisdictions, date, input type
  std::string
      jurisdiction;  //!< whose status to show; empty: the first with a status, else the first flag
  int flag = -1;     //!< index into the record's flags to show instead of a status; -1: automatic
  int width = 500;   //!< pixels
  int height = 400;
};

struct Depiction {
  std::string svg;
  std::string legend;           //!< what the highlight shows, also drawn under the molecule
  std::vector<unsigned> atoms;  //!< highlighted atoms (indices in the standardized parent)
  classify::Record record;      //!< the classification the depiction is based on
};

// Classifies `input` with `engine` (its stages included) and draws the standardized parent.
// Fails with the classification error for input that cannot be understood.
Result<Depiction> Depict(const classify::Engine& engine, std::string_view input,
                         const DepictOptions& options);

// The SVG text only (for callers that need nothing else).
Result<std::string> DepictSvg(const classify::Engine& engine, std::string_view input,
                              const DepictOptions& options);

}  // namespace chokepoint::flags
