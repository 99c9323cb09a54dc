// Watch lists: substances and structural patterns that are not (or not everywhere) controlled but
// that authorities or monitoring programmes have named as emerging threats - adulterants such as
// xylazine and medetomidine, new nitazene and orphine-type opioids, surveillance-list chemicals.
// Loaded from data/watchlists/*.yaml (docs/flags.md); every item carries its source.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "classify/engine.h"
#include "flags/element_floor.h"
#include "rules/rulebook.h"
#include "util/status.h"

namespace chokepoint::flags {

struct WatchItem {
  std::string id;
  std::string name;
  std::string kind;                        //!< adulterant, opioid, designer_precursor, ...
  std::string reason;                      //!< why it is watched, one sentence
  std::string source;                      //!< who named it and where (required)
  std::vector<std::string> jurisdictions;  //!< where the source applies; empty: international
  bool unless_listed = false;              //!< skip inputs that already have a status somewhere
  // Exactly one of:
  std::string smiles;                         //!< an individual substance (parent, canonical)
  std::string smarts;                         //!< a structural pattern
  std::shared_ptr<const RDKit::ROMol> query;  //!< compiled `smarts`
  ElementFloor floor;                         //!< of `query`
  rules::Location location;
};

struct WatchList {
  std::vector<WatchItem> items;
  std::unordered_map<std::string, std::vector<size_t>>
      by_smiles;  //!< canonical and flat SMILES -> items
  std::string version;
};

Result<std::shared_ptr<const WatchList>> LoadWatchList(const std::string& dir);

class WatchListStage : public classify::FlagStage {
 public:
  explicit WatchListStage(std::shared_ptr<const WatchList> list) : list_(std::move(list)) {}
  void AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                classify::Record& record) const override;

 private:
  std::shared_ptr<const WatchList> list_;
};

}  // namespace chokepoint::flags
