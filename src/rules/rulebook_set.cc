// The rulebook model's vocabulary and the RulebookSet lookups the engine uses (loading and
// validation are in loader.cc).
#include "rules/rulebook_set.h"

#include <algorithm>

#include "rules/name_key.h"

namespace chokepoint::rules {

const char* CategoryName(Category c) {
  switch (c) {
    case Category::kNone:
      return "none";
    case Category::kDrug:
      return "drug";
    case Category::kPrecursor:
      return "precursor";
  }
  return "none";
}

namespace {

struct TypeName {
  SubstituentType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {SubstituentType::kAny, "any"},
    {SubstituentType::kAlkyl, "alkyl"},
    {SubstituentType::kCycloalkyl, "cycloalkyl"},
    {SubstituentType::kAlkenyl, "alkenyl"},
    {SubstituentType::kAlkynyl, "alkynyl"},
    {SubstituentType::kAlkoxy, "alkoxy"},
    {SubstituentType::kHydroxy, "hydroxy"},
    {SubstituentType::kOxo, "oxo"},
    {SubstituentType::kHalo, "halo"},
    {SubstituentType::kHaloalkyl, "haloalkyl"},
    {SubstituentType::kAmino, "amino"},
    {SubstituentType::kNitro, "nitro"},
    {SubstituentType::kEster, "ester"},
    {SubstituentType::kEther, "ether"},
    {SubstituentType::kAcyl, "acyl"},
    {SubstituentType::kAlkoxycarbonyl, "alkoxycarbonyl"},
    {SubstituentType::kAcetal, "acetal"},
    {SubstituentType::kAryl, "aryl"},
    {SubstituentType::kMethyl, "methyl"},
    {SubstituentType::kHydrocarbylC3C8, "hydrocarbyl_c3_c8"},
    {SubstituentType::kHydrocarbylC3C10, "hydrocarbyl_c3_c10"},
    {SubstituentType::kArylC6C10, "aryl_c6_c10"},
    {SubstituentType::kHeterocyclyl, "heterocyclyl"},
    {SubstituentType::kHeterocyclylMethylEthyl, "heterocyclyl_methyl_ethyl"},
    {SubstituentType::kPhenyl, "phenyl"},
    {SubstituentType::kBenzyl, "benzyl"},
    {SubstituentType::kZR3, "z_r3"},
};

}  // namespace

const char* SubstituentTypeName(SubstituentType t) {
  for (const auto& tn : kTypeNames)
    if (tn.type == t) return tn.name;
  return "?";
}

std::optional<SubstituentType> ParseSubstituentType(const std::string& name) {
  for (const auto& tn : kTypeNames)
    if (name == tn.name) return tn.type;
  return std::nullopt;
}

const Rulebook* RulebookSet::Find(const std::string& jurisdiction) const {
  for (const auto& rb : rulebooks_)
    if (rb.jurisdiction == jurisdiction) return &rb;
  return nullptr;
}

std::vector<std::string> RulebookSet::Jurisdictions() const {
  std::vector<std::string> out;
  for (const auto& rb : rulebooks_) out.push_back(rb.jurisdiction);
  return out;
}

const std::vector<const Entry*>& RulebookSet::EntriesByStructure(const std::string& smiles) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_structure_.find(smiles);
  return it == by_structure_.end() ? kNone : it->second;
}

const std::vector<const Entry*>& RulebookSet::EntriesByFlatStructure(
    const std::string& flat) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_flat_structure_.find(flat);
  return it == by_flat_structure_.end() ? kNone : it->second;
}

const NamedIdentity* RulebookSet::IdentityByStructure(const std::string& smiles) const {
  auto it = by_parent_.find(smiles);
  return it == by_parent_.end() ? nullptr : &it->second;
}

const Entry* RulebookSet::EntryById(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

bool RulebookSet::IsCounterion(const std::string& smiles) const {
  auto it = known_fragments_.find(smiles);
  return it != known_fragments_.end() && it->second.role == "counterion";
}

const Listing* Entry::StateAt(const Date& at) const {
  // States are oldest first; a state whose first day is not recorded starts where the previous
  // one ended (or, for the first, applies as far back as asked: the strictest reading).
  const Listing* prev = nullptr;
  auto in_force = [&](const Listing& st) {
    bool started =
        st.effective_known ? st.effective <= at : (!prev || !prev->end || *prev->end <= at);
    return started && (!st.end || at < *st.end);
  };
  for (const auto& h : history) {
    if (in_force(h)) return &h;
    prev = &h;
  }
  return in_force(*this) ? this : nullptr;
}

const Listing& Entry::NearestState(const Date& at) const {
  for (const auto& h : history)
    if (at < h.effective) return h;
  return *this;
}

const NamedIdentity* RulebookSet::ByName(const std::string& name) const {
  auto it = by_name_key_.find(NameKey(name));
  return it == by_name_key_.end() ? nullptr : &it->second;
}

const NamedIdentity* RulebookSet::ByCas(const std::string& cas) const {
  auto it = by_cas_.find(cas);
  return it == by_cas_.end() ? nullptr : &it->second;
}

std::vector<std::string> RulebookSet::SuggestNames(const std::string& name, size_t k) const {
  std::string key = NameKey(name);
  if (key.empty()) return {};
  int cap = std::max(2, static_cast<int>(key.size()) / 3);
  std::vector<std::pair<int, std::string>> scored;
  for (const auto& [candidate, display] : display_names_) {
    int d = BoundedEditDistance(key, candidate, cap);
    if (d <= cap) scored.emplace_back(d, display);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, display] : scored) {
    if (out.size() >= k) break;
    out.push_back(display);
  }
  return out;
}

}  // namespace chokepoint::rules
