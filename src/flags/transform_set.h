// The reviewed table of unmasking transforms plus the prefilter scaffolds, loaded from
// data/transforms/*.yaml (format: docs/flags.md) and validated like a rulebook: every problem is
// reported as "file:line: what is wrong" and the load fails.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "flags/transform.h"

namespace chokepoint::flags {

// A structural motif a molecule must contain before the masked-precursor search runs on it.
// The targets of the search are the listed chemicals of the drug routes; a molecule without any
// of their skeletons cannot be one or two reviewed steps from them.
struct Scaffold {
  std::string id;
  std::string name;
  std::string smarts;
  std::shared_ptr<const RDKit::ROMol> query;
  ElementFloor floor;
  rules::Location location;
};

struct TransformSet {
  std::vector<Transform> transforms;  //!< in file order (sorted file names): the search order
  std::vector<Scaffold> scaffolds;
  std::string version;  //!< content hash, e.g. "transforms@1a2b3c4d"
  std::vector<std::string> files;

  const Transform* Find(const std::string& id) const;
};

// Loads every *.yaml under `dir` (sorted). Keys per file: title, note, transforms, scaffolds.
Result<std::shared_ptr<const TransformSet>> LoadTransforms(const std::string& dir);

// Runs every example of every transform; returns one line per failure
// ("file:line: transform X on INPUT: expected ... got ..."). Empty when all pass.
std::vector<std::string> CheckTransformExamples(const TransformSet& set);

}  // namespace chokepoint::flags
