#include "flags/masked_search.h"

#include <GraphMol/RDKitBase.h>
#include <GraphMol/Substruct/SubstructMatch.h>

#include <unordered_set>

#include "util/strings.h"

namespace chokepoint::flags {

using classify::JurisdictionStatus;
using rules::Category;

namespace {

struct Node {
  std::shared_ptr<RDKit::ROMol> mol;
  std::string smiles;
  std::vector<Step> path;
  std::vector<unsigned> removed;
};

}  // namespace

std::string ListingSummary(const std::map<std::string, JurisdictionStatus>& status) {
  std::vector<std::string> parts;
  for (const auto& [j, st] : status) {
    if (st.category == Category::kNone) continue;
    std::string p = j + " " + st.listing;
    if (!st.citation.empty()) p += ", " + st.citation;
    if (st.basis != "entry" && !st.basis.empty()) p += " [" + st.basis + "]";
    parts.push_back(p);
  }
  return Join(parts, "; ");
}

MaskedPrecursorStage::MaskedPrecursorStage(const classify::Engine* engine,
                                           std::shared_ptr<const TransformSet> transforms,
                                           MaskedSearchOptions options)
    : engine_(engine), transforms_(std::move(transforms)), options_(options) {}

bool MaskedPrecursorStage::HasScaffold(const RDKit::ROMol& mol, const ElementCounts& counts) const {
  RDKit::MatchVectType match;
  for (const auto& s : transforms_->scaffolds) {
    if (s.query && s.floor.MayMatch(counts) && RDKit::SubstructMatch(mol, *s.query, match))
      return true;
  }
  return false;
}

bool MaskedPrecursorStage::Prefilter(const RDKit::ROMol& mol) const {
  const ElementCounts counts = ElementCounts::Of(mol);
  if (counts.heavy > options_.max_heavy_atoms) return false;
  if (!HasScaffold(mol, counts)) return false;
  for (const auto& t : transforms_->transforms)
    if (t.floor.MayMatch(counts) && TransformMatches(t, mol)) return true;
  return false;
}

std::vector<MaskedFinding> MaskedPrecursorStage::Search(
    const RDKit::ROMol& mol, const std::string& smiles,
    const classify::ClassifyOptions& options) const {
  std::vector<MaskedFinding> out;
  std::vector<Node> frontier;
  frontier.push_back(Node{std::make_shared<RDKit::ROMol>(mol), smiles, {}, {}});
  std::unordered_set<std::string> seen{smiles};
  size_t examined = 0, generated = 0;
  for (int depth = 1; depth <= options_.max_depth && !frontier.empty(); ++depth) {
    std::vector<Node> next;
    for (const auto& node : frontier) {
      const ElementCounts counts = ElementCounts::Of(*node.mol);
      for (const auto& t : transforms_->transforms) {
        if (!t.floor.MayMatch(counts)) continue;
        if (generated >= options_.max_generated) return out;
        auto products = ApplyTransform(t, *node.mol, options_.max_sites);
        generated += products.size();
        for (auto& p : products) {
          if (!seen.insert(p.smiles).second) continue;
          if (!HasScaffold(*p.mol, ElementCounts::Of(*p.mol))) continue;
          if (++examined > options_.max_products) return out;
          std::vector<Step> path = node.path;
          path.push_back(Step{&t, p.smiles});
          auto status = engine_->StatusOf(*p.mol, p.smiles, false, options);
          std::map<std::string, JurisdictionStatus> listed;
          for (auto& [j, st] : status)
            if (st.category != Category::kNone) listed.emplace(j, std::move(st));
          if (!listed.empty()) {
            // A listed product ends its path: the nearest listed chemical is what a reviewer acts
            // on, and going on from it (norfentanyl -> fentanyl) only restates its own listing.
            MaskedFinding f;
            f.path = std::move(path);
            f.target_smiles = p.smiles;
            if (const auto* id = engine_->rules().IdentityByStructure(p.smiles))
              f.target_name = id->name;
            f.target_status = std::move(listed);
            f.removed_atoms = depth == 1 ? p.removed_atoms : node.removed;
            out.push_back(std::move(f));
            continue;
          }
          if (depth < options_.max_depth) {
            next.push_back(Node{p.mol, p.smiles, std::move(path),
                                depth == 1 ? p.removed_atoms : node.removed});
          }
        }
      }
    }
    frontier = std::move(next);
  }
  return out;
}

void MaskedPrecursorStage::AddFlags(const RDKit::ROMol& parent,
                                    const classify::ClassifyOptions& options,
                                    classify::Record& record) const {
  if (!Prefilter(parent)) return;
  size_t raised = 0;
  for (auto& f : Search(parent, record.substance.smiles, options)) {
    if (raised >= options_.max_flags) break;
    // Where the input has no status of its own the target is news. Where the input is itself a
    // listed precursor, only an unmasking path to a different listing is (Boc-norfentanyl is a
    // List I carbamate of 4-AP but one deprotection from a Schedule II immediate precursor);
    // forward steps between listed chemicals restate the route, and a controlled drug's own
    // status always says more than a flag (acetylfentanyl -> 4-ANPP).
    bool all_unmask = true;
    for (const auto& s : f.path) all_unmask &= s.transform->kind == TransformKind::kUnmask;
    std::vector<std::string> js, covered;
    std::map<std::string, JurisdictionStatus> shown;
    for (const auto& [j, st] : f.target_status) {
      auto it = record.status.find(j);
      if (it != record.status.end() && it->second.category != Category::kNone) {
        const auto& mine = it->second;
        bool news =
            mine.category == Category::kPrecursor && all_unmask && mine.listing != st.listing;
        if (!news) continue;
      }
      js.push_back(j);
      shown.emplace(j, st);
    }
    if (js.empty()) continue;
    for (const auto& [j, st] : record.status)
      if (st.category != Category::kNone)
        covered.push_back(j + " (" + st.listing + ", " + st.rule + ")");

    const std::string target = f.target_name.empty() ? f.target_smiles : f.target_name;
    std::string chain;
    for (size_t i = 0; i < f.path.size(); ++i) {
      chain += f.path[i].transform->name + " → ";
      chain += i + 1 == f.path.size() ? target : f.path[i].product_smiles + " → ";
    }
    classify::Flag flag;
    flag.type = "masked_precursor";
    flag.target = target;
    flag.target_smiles = f.target_smiles;
    flag.jurisdictions = js;
    flag.score = f.path.size() == 1 ? 1.0 : options_.two_step_score;
    for (const auto& s : f.path) flag.path.push_back(s.transform->id);
    flag.atoms = f.removed_atoms;
    flag.explanation = chain + " (" + ListingSummary(shown) + "). " +
                       (f.path.size() == 1 ? "One" : "Two") + " reviewed step" +
                       (f.path.size() == 1 ? "" : "s") +
                       " from a listed substance; the listing is the target's, not the input's.";
    if (!covered.empty()) {
      flag.explanation += " The input is itself covered in " + Join(covered, ", ") +
                          "; this flag concerns the " + "target's listing in " + Join(js, ", ") +
                          ".";
    }
    record.flags.push_back(std::move(flag));
    ++raised;
  }
}

}  // namespace chokepoint::flags
