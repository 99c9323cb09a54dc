#include "flags/watchlist.h"

#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/Substruct/SubstructMatch.h>

#include <filesystem>

#include "chem/standardize.h"
#include "util/yaml_reader.h"

namespace chokepoint::flags {

namespace fs = std::filesystem;

Result<std::shared_ptr<const WatchList>> LoadWatchList(const std::string& dir) {
  chem::QuietRdkitLogs();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("watch-list directory '" + dir + "' does not exist",
                            "watchlists_missing");
  }
  auto list = std::make_shared<WatchList>();
  YamlReader r;
  for (const auto& path : YamlFiles(dir)) {
    yaml::Node root;
    if (!r.Open(path, &root)) continue;
    r.CheckKeys(root, {"title", "note", "checked", "items"});
    yaml::Node items = root["items"];
    if (!items) continue;
    if (!items.IsSequence()) {
      r.Error(YamlReader::Line(items), "'items' must be a list");
      continue;
    }
    for (const auto& n : items) {
      if (!n.IsMap()) {
        r.Error(YamlReader::Line(n), "an item must be a mapping");
        continue;
      }
      r.CheckKeys(n, {"id", "name", "kind", "reason", "source", "jurisdictions", "unless_listed",
                      "smiles", "smarts", "added", "note"});
      WatchItem w;
      w.location = r.Where(n);
      w.id = r.Str(n, "id", true);
      w.name = r.Str(n, "name", true);
      w.kind = r.Str(n, "kind", true);
      w.reason = r.Str(n, "reason", true);
      w.source = r.Str(n, "source", true);
      w.jurisdictions = r.StrList(n, "jurisdictions");
      std::string ul = r.Str(n, "unless_listed", false);
      if (ul == "true")
        w.unless_listed = true;
      else if (!ul.empty() && ul != "false")
        r.Error(YamlReader::Line(n["unless_listed"]), "'unless_listed' must be true or false");
      std::string added = r.Str(n, "added", true);
      if (!added.empty() && !Date::Parse(added).ok())
        r.Error(YamlReader::Line(n["added"]), "'added' is not a date (YYYY-MM-DD)");
      r.UniqueId(n, w.id);
      std::string smiles = r.Str(n, "smiles", false);
      w.smarts = r.Str(n, "smarts", false);
      if (smiles.empty() == w.smarts.empty()) {
        r.Error(w.location.line,
                "an item needs exactly one of 'smiles' (a substance) or 'smarts' (a pattern)");
      } else if (!smiles.empty()) {
        auto m = chem::ParseSmiles(smiles);
        if (!m.ok()) {
          r.Error(YamlReader::Line(n["smiles"]), m.status().message());
        } else {
          auto s = chem::Standardize(std::move(*m), nullptr);
          if (s.ok()) {
            w.smiles = chem::CanonicalSmiles(*s->parent);
            size_t idx = list->items.size();
            list->by_smiles[w.smiles].push_back(idx);
            std::string flat = chem::CanonicalSmiles(*s->parent, false);
            if (flat != w.smiles) list->by_smiles[flat].push_back(idx);
          }
        }
      } else {
        std::shared_ptr<RDKit::ROMol> q;
        try {
          q.reset(RDKit::SmartsToMol(w.smarts));
        } catch (const std::exception&) {
        }
        if (!q) r.Error(YamlReader::Line(n["smarts"]), "invalid SMARTS '" + w.smarts + "'");
        w.query = q;
        if (q) w.floor = ElementFloor(*q);
      }
      list->items.push_back(std::move(w));
    }
  }
  if (!r.errors().empty()) {
    std::string msg = std::to_string(r.errors().size()) + " problem(s) in watch lists:";
    for (const auto& e : r.errors()) msg += "\n" + e;
    return Status::Corruption(msg, "invalid_watchlist");
  }
  list->version = r.Version("watchlist");
  return std::shared_ptr<const WatchList>(std::move(list));
}

void WatchListStage::AddFlags(const RDKit::ROMol& parent, const classify::ClassifyOptions& options,
                              classify::Record& record) const {
  bool listed = false;
  for (const auto& [j, st] : record.status) listed |= st.category != rules::Category::kNone;
  std::vector<bool> hit(list_->items.size(), false);
  auto raise = [&](size_t i, double score, std::vector<unsigned> atoms, const std::string& how) {
    const WatchItem& w = list_->items[i];
    if (hit[i] || (w.unless_listed && listed)) return;
    hit[i] = true;
    classify::Flag f;
    f.type = "emerging_threat";
    f.target = w.name;
    f.jurisdictions = w.jurisdictions;
    f.score = score;
    f.path = {w.id};
    f.atoms = std::move(atoms);
    f.explanation = how + " " + w.name + " (" + w.kind + ") on the watch list: " + w.reason +
                    " Source: " + w.source + ".";
    record.flags.push_back(std::move(f));
  };
  auto it = list_->by_smiles.find(record.substance.smiles);
  // The stereo-free form costs a second canonicalization: only when there is stereo to drop.
  if (it == list_->by_smiles.end() &&
      record.substance.smiles.find_first_of("@/\\") != std::string::npos) {
    it = list_->by_smiles.find(chem::CanonicalSmiles(parent, false));
  }
  if (it != list_->by_smiles.end()) {
    std::vector<unsigned> all(parent.getNumAtoms());
    for (unsigned i = 0; i < all.size(); ++i) all[i] = i;
    for (size_t i : it->second) raise(i, 1.0, all, "The substance is");
  }
  RDKit::MatchVectType match;
  const ElementCounts counts = ElementCounts::Of(parent);
  for (size_t i = 0; i < list_->items.size(); ++i) {
    const WatchItem& w = list_->items[i];
    if (!w.query || hit[i] || (w.unless_listed && listed) || !w.floor.MayMatch(counts)) continue;
    if (!RDKit::SubstructMatch(parent, *w.query, match)) continue;
    std::vector<unsigned> atoms;
    for (const auto& [q, m] : match) atoms.push_back(static_cast<unsigned>(m));
    raise(i, 0.9, std::move(atoms), "The structure matches the pattern of");
  }
}

}  // namespace chokepoint::flags
