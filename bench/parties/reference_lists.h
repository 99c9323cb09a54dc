// The four reference lists the parties benches screen against, loaded together: OFAC SDN 2021
// (with aliases, addresses and comments), the CSL, the UN list and the BIS DPL, from
// ../shared/data/sanctions.
#pragma once

#include <cstdio>
#include <string>

#include "parties/list_set.h"
#include "parties/loaders.h"

namespace chokepoint::parties {

// Loads every list into `out`; prints each list's counts when `verbose`. False (with the
// reason on stderr) when one cannot be loaded.
inline bool LoadReferenceLists(const std::string& dir, ListSet& out, bool verbose) {
  for (const char* p : {"ofac-sdn-2021", "csl/consolidated_screening_list.csv",
                        "un/consolidated.xml", "bis/denied_persons.txt"}) {
    auto l = LoadList(dir + "/" + p);
    if (!l.ok()) {
      std::fprintf(stderr, "%s (run from the repository root)\n", l.status().ToString().c_str());
      return false;
    }
    if (verbose) {
      std::printf("loaded %-10s %6zu entities %6zu names %5zu ids %3zu skipped rows  version %s\n",
                  l->info.name.c_str(), l->info.entities, l->info.names, l->info.identifiers,
                  l->info.skipped, l->info.version.c_str());
    }
    (void)out.Add(std::move(l).value());
  }
  return true;
}

}  // namespace chokepoint::parties
