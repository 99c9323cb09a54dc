// Loading and validating rulebook files (format: docs/rulebook-format.md).
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chem/cas.h"
#include "chem/molecule.h"
#include "chem/standardize.h"
#include "rules/name_key.h"
#include "rules/rulebook_set.h"

namespace chokepoint::rules {

namespace fs = std::filesystem;

const char* CategoryName(Category c) {
  switch (c) {
    case Category::kNone: return "none";
    case Category::kDrug: return "drug";
    case Category::kPrecursor: return "precursor";
  }
  return "none";
}

namespace {

struct TypeName {
  SubstituentType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {SubstituentType::kAny, "any"},           {SubstituentType::kAlkyl, "alkyl"},
    {SubstituentType::kCycloalkyl, "cycloalkyl"}, {SubstituentType::kAlkenyl, "alkenyl"},
    {SubstituentType::kAlkynyl, "alkynyl"},   {SubstituentType::kAlkoxy, "alkoxy"},
    {SubstituentType::kHydroxy, "hydroxy"},   {SubstituentType::kOxo, "oxo"},
    {SubstituentType::kHalo, "halo"},         {SubstituentType::kHaloalkyl, "haloalkyl"},
    {SubstituentType::kAmino, "amino"},       {SubstituentType::kNitro, "nitro"},
    {SubstituentType::kEster, "ester"},       {SubstituentType::kEther, "ether"},
    {SubstituentType::kAcyl, "acyl"},         {SubstituentType::kAlkoxycarbonyl, "alkoxycarbonyl"},
    {SubstituentType::kAcetal, "acetal"},     {SubstituentType::kAryl, "aryl"},
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

const std::vector<const Entry*>& RulebookSet::EntriesByFlatStructure(const std::string& flat) const {
  static const std::vector<const Entry*> kNone;
  auto it = by_flat_structure_.find(flat);
  return it == by_flat_structure_.end() ? kNone : it->second;
}

const NamedIdentity* RulebookSet::IdentityByStructure(const std::string& smiles) const {
  auto it = by_parent_.find(smiles);
  return it == by_parent_.end() ? nullptr : &it->second;
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

// Builds a RulebookSet from files, collecting every problem found.
class RulebookLoader {
 public:
  explicit RulebookLoader(RulebookSet& set) : set_(set) {}

  void LoadFile(const fs::path& path, const std::string& display) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    file_ = display;
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      Error(e.mark.line + 1, "YAML syntax error: " + e.msg);
      return;
    }
    if (!root.IsMap()) {
      Error(1, "a rulebook file must be a mapping with 'jurisdiction' and 'entries'/'classes'");
      return;
    }
    CheckKeys(root, {"jurisdiction", "entries", "classes", "substances", "title", "checked",
                     "sources", "note", "coverage"});
    if (root["substances"]) {
      for (const auto& node : root["substances"]) LoadSubstance(node);
    }
    if (!root["entries"] && !root["classes"]) return;
    std::string jurisdiction = Str(root, "jurisdiction", true);
    if (jurisdiction.empty()) return;
    Rulebook& rb = BookFor(jurisdiction);
    rb.files.push_back(display);
    if (root["coverage"]) {
      std::string c = Str(root, "coverage", false);
      if (!c.empty()) rb.coverage.push_back(c);
    }
    hashes_[jurisdiction] = Fnv(hashes_[jurisdiction], text);
    if (root["entries"]) {
      for (const auto& node : root["entries"]) LoadEntry(node, jurisdiction, rb);
    }
    if (root["classes"]) {
      for (const auto& node : root["classes"]) LoadClass(node, jurisdiction, rb);
    }
  }

  // Cross-file checks and indexes; returns the collected problems.
  std::vector<std::string> Finish() {
    for (auto& rb : set_.rulebooks_) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%08llx",
                    static_cast<unsigned long long>(hashes_[rb.jurisdiction] & 0xffffffffULL));
      std::string lower = rb.jurisdiction;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      rb.version = lower + "@" + buf;
    }
    std::sort(set_.rulebooks_.begin(), set_.rulebooks_.end(),
              [](const Rulebook& a, const Rulebook& b) { return a.jurisdiction < b.jurisdiction; });
    for (const auto& rb : set_.rulebooks_) {
      for (const auto& e : rb.entries) {
        set_.by_structure_[e->parent_smiles].push_back(e.get());
        set_.by_flat_structure_[e->parent_smiles_flat].push_back(e.get());
        set_.formulas_.insert(e->formula);
        NamedIdentity id{e->name, e->parent_smiles, e->id};
        set_.by_parent_.emplace(e->parent_smiles, id);
        AddName(e->name, id, e->location);
        for (const auto& s : e->synonyms) AddName(s, id, e->location);
        for (const auto& c : e->cas) AddCas(c, id, e->location);
      }
    }
    for (const auto& s : set_.substances_) {
      NamedIdentity id{s.name, s.parent_smiles, s.id};
      set_.by_parent_.emplace(s.parent_smiles, id);
      AddName(s.name, id, s.location);
      for (const auto& syn : s.synonyms) AddName(syn, id, s.location);
      for (const auto& c : s.cas) AddCas(c, id, s.location);
      if (s.role == "counterion" || s.role == "solvent") {
        set_.known_fragments_.emplace(s.parent_smiles, chem::KnownFragment{s.name, s.role});
      }
    }
    return errors_;
  }

 private:
  void Error(int line, const std::string& what) {
    errors_.push_back(file_ + ":" + std::to_string(line) + ": " + what);
  }
  static int Line(const YAML::Node& n) { return n.Mark().line + 1; }

  static uint64_t Fnv(uint64_t h, const std::string& s) {
    if (h == 0) h = 1469598103934665603ULL;
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    return h;
  }

  Rulebook& BookFor(const std::string& j) {
    for (auto& rb : set_.rulebooks_)
      if (rb.jurisdiction == j) return rb;
    set_.rulebooks_.push_back(Rulebook{});
    set_.rulebooks_.back().jurisdiction = j;
    return set_.rulebooks_.back();
  }

  void CheckKeys(const YAML::Node& node, std::initializer_list<const char*> allowed) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      std::string key = it->first.as<std::string>();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        Error(Line(it->first), "unknown key '" + key + "'");
      }
    }
  }

  std::string Str(const YAML::Node& node, const char* key, bool required) {
    YAML::Node v = node[key];
    if (!v || v.IsNull()) {
      if (required) Error(Line(node), std::string("missing required '") + key + "'");
      return "";
    }
    if (!v.IsScalar()) {
      Error(Line(v), std::string("'") + key + "' must be a single value");
      return "";
    }
    std::string s = v.as<std::string>();
    if (required && s.empty()) Error(Line(v), std::string("'") + key + "' is empty");
    return s;
  }

  std::vector<std::string> StrList(const YAML::Node& node, const char* key) {
    std::vector<std::string> out;
    YAML::Node v = node[key];
    if (!v || v.IsNull()) return out;
    if (v.IsScalar()) return {v.as<std::string>()};
    if (!v.IsSequence()) {
      Error(Line(v), std::string("'") + key + "' must be a list");
      return out;
    }
    for (const auto& x : v) {
      if (!x.IsScalar()) {
        Error(Line(x), std::string("'") + key + "' must hold plain values");
        continue;
      }
      out.push_back(x.as<std::string>());
    }
    return out;
  }

  std::optional<Date> DateField(const YAML::Node& node, const char* key, bool required) {
    std::string s = Str(node, key, required);
    if (s.empty()) return std::nullopt;
    auto d = Date::Parse(s);
    if (!d.ok()) {
      Error(Line(node[key]), std::string("'") + key + "': " + d.status().message());
      return std::nullopt;
    }
    return *d;
  }

  // Parses and standardizes a structure; empty optional on error (already reported).
  struct Parent {
    std::string smiles, flat, formula;
  };
  std::optional<Parent> Structure(const YAML::Node& node, const std::string& smiles) {
    auto mol = chem::ParseSmiles(smiles);
    if (!mol.ok()) {
      Error(Line(node["smiles"]), mol.status().message());
      return std::nullopt;
    }
    auto std = chem::Standardize(std::move(*mol), nullptr);
    if (!std.ok()) {
      Error(Line(node["smiles"]), std.status().message());
      return std::nullopt;
    }
    return Parent{chem::CanonicalSmiles(*std->parent), chem::CanonicalSmiles(*std->parent, false),
                  chem::Formula(*std->parent)};
  }

  bool ListingFields(const YAML::Node& node, const std::string& j, Listing& l) {
    size_t before = errors_.size();
    l.jurisdiction = j;
    l.location = {file_, Line(node)};
    l.id = Str(node, "id", true);
    l.name = Str(node, "name", true);
    std::string cat = Str(node, "category", true);
    if (cat == "drug") l.category = Category::kDrug;
    else if (cat == "precursor") l.category = Category::kPrecursor;
    else if (!cat.empty()) Error(Line(node["category"]), "category must be 'drug' or 'precursor', not '" + cat + "'");
    l.listing = Str(node, "listing", true);
    l.citation = Str(node, "citation", true);
    if (auto d = DateField(node, "effective", true)) l.effective = *d;
    l.end = DateField(node, "end", false);
    if (l.end && *l.end <= l.effective) Error(Line(node["end"]), "'end' must be after 'effective'");
    l.source = Str(node, "source", false);
    l.note = Str(node, "note", false);
    if (!l.id.empty()) {
      auto [it, inserted] = ids_.emplace(l.id, l.location.ToString());
      if (!inserted) Error(Line(node), "duplicate id '" + l.id + "' (first defined at " + it->second + ")");
    }
    return errors_.size() == before;
  }

  std::set<std::string> Covers(const YAML::Node& node) {
    static const std::set<std::string> kClauses = {"salts", "isomers", "stereoisomers", "esters",
                                                   "ethers", "optical_isomers", "positional_isomers"};
    std::set<std::string> out;
    for (const auto& c : StrList(node, "covers")) {
      if (!kClauses.count(c)) Error(Line(node["covers"]), "unknown 'covers' clause '" + c + "'");
      out.insert(c);
    }
    return out;
  }

  std::vector<std::string> CasList(const YAML::Node& node) {
    std::vector<std::string> out;
    for (const auto& c : StrList(node, "cas")) {
      auto r = chem::ParseCas(c);
      if (!r.ok()) Error(Line(node["cas"]), r.status().message());
      else out.push_back(*r);
    }
    return out;
  }

  void LoadEntry(const YAML::Node& node, const std::string& j, Rulebook& rb) {
    if (!node.IsMap()) {
      Error(Line(node), "an entry must be a mapping");
      return;
    }
    CheckKeys(node, {"id", "name", "synonyms", "cas", "smiles", "category", "listing", "citation",
                     "effective", "end", "covers", "source", "note"});
    auto e = std::make_shared<Entry>();
    bool ok = ListingFields(node, j, *e);
    e->synonyms = StrList(node, "synonyms");
    e->cas = CasList(node);
    e->covers = Covers(node);
    e->smiles = Str(node, "smiles", true);
    if (e->smiles.empty()) return;
    auto parent = Structure(node, e->smiles);
    if (!parent || !ok) return;
    e->parent_smiles = parent->smiles;
    e->parent_smiles_flat = parent->flat;
    e->formula = parent->formula;
    std::string key = j + "|" + e->parent_smiles + "|" + e->listing;
    auto [it, inserted] = structures_.emplace(key, e->location.ToString());
    if (!inserted) {
      Error(Line(node), "'" + e->id + "' has the same structure and listing as the entry at " + it->second);
      return;
    }
    rb.entries.push_back(std::move(e));
  }

  std::vector<SubstituentType> Types(const YAML::Node& node, const char* key) {
    std::vector<SubstituentType> out;
    for (const auto& s : StrList(node, key)) {
      auto t = ParseSubstituentType(s);
      if (!t) Error(Line(node[key]), "unknown substituent type '" + s + "'");
      else out.push_back(*t);
    }
    return out;
  }

  std::string CanonicalFragment(const YAML::Node& at, const std::string& smiles) {
    std::unique_ptr<RDKit::RWMol> m;
    try {
      m.reset(RDKit::SmilesToMol(smiles));
    } catch (const std::exception&) {
    }
    if (!m) {
      Error(Line(at), "invalid SMILES '" + smiles + "'");
      return "";
    }
    return chem::CanonicalSmiles(*m);
  }

  void LoadClass(const YAML::Node& node, const std::string& j, Rulebook& rb) {
    if (!node.IsMap()) {
      Error(Line(node), "a class must be a mapping");
      return;
    }
    CheckKeys(node, {"id", "name", "category", "listing", "citation", "effective", "end", "basis",
                     "unless_listed", "reference", "core", "regions", "covers", "source", "note", "excludes"});
    auto c = std::make_shared<ClassRule>();
    bool ok = ListingFields(node, j, *c);
    c->basis = Str(node, "basis", false);
    if (c->basis.empty()) c->basis = "class";
    if (c->basis != "class" && c->basis != "derivative") {
      Error(Line(node["basis"]), "basis must be 'class' or 'derivative'");
    }
    c->unless_listed = node["unless_listed"] && node["unless_listed"].as<std::string>() == "true";
    c->covers = Covers(node);
    c->reference = Str(node, "reference", true);
    if (!c->reference.empty()) CanonicalFragment(node["reference"], c->reference);
    c->core_smarts = Str(node, "core", true);
    std::set<int> core_maps;
    if (!c->core_smarts.empty()) {
      std::shared_ptr<RDKit::ROMol> core;
      try {
        core.reset(RDKit::SmartsToMol(c->core_smarts));
      } catch (const std::exception&) {
      }
      if (!core) {
        Error(Line(node["core"]), "invalid SMARTS in 'core'");
        ok = false;
      } else {
        for (const auto* a : core->atoms()) {
          if (a->getAtomMapNum()) core_maps.insert(a->getAtomMapNum());
        }
        c->core = core;
      }
    }
    std::set<int> used;
    for (const auto& rn : node["regions"]) {
      CheckKeys(rn, {"name", "atoms", "allow", "min", "max", "reference", "ring", "reference_ring",
                     "minor", "modification", "basis", "always"});
      Region r;
      r.name = Str(rn, "name", true);
      for (const auto& a : StrList(rn, "atoms")) {
        int m = std::atoi(a.c_str());
        if (!core_maps.count(m)) Error(Line(rn["atoms"]), "atom map " + a + " is not in the core");
        if (!used.insert(m).second) Error(Line(rn["atoms"]), "atom map " + a + " is in two regions");
        r.atoms.push_back(m);
      }
      if (r.atoms.empty()) Error(Line(rn), "region '" + r.name + "' has no atoms");
      r.allow = Types(rn, "allow");
      if (rn["min"]) r.min = rn["min"].as<int>();
      if (rn["max"]) r.max = rn["max"].as<int>();
      for (const auto& ref : StrList(rn, "reference")) r.reference.push_back(CanonicalFragment(rn["reference"], ref));
      std::sort(r.reference.begin(), r.reference.end());
      std::string ring = Str(rn, "ring", false);
      if (ring == "monocycle") r.ring = RingRequirement::kMonocycle;
      else if (ring == "aromatic_monocycle") r.ring = RingRequirement::kAromaticMonocycle;
      else if (ring == "aromatic_system") r.ring = RingRequirement::kAromaticSystem;
      else if (!ring.empty()) Error(Line(rn["ring"]), "ring must be 'monocycle', 'aromatic_monocycle' or 'aromatic_system'");
      r.always = rn["always"] && rn["always"].as<std::string>() == "true";
      std::string rr = Str(rn, "reference_ring", false);
      if (!rr.empty()) r.reference_ring = CanonicalFragment(rn["reference_ring"], rr);
      if (rn["minor"]) {
        r.minor_allow = Types(rn["minor"], "allow");
        r.minor_modification = Str(rn["minor"], "modification", true);
      }
      r.modification = Str(rn, "modification", false);
      r.basis = Str(rn, "basis", false);
      c->regions.push_back(std::move(r));
    }
    if (c->regions.empty()) Error(Line(node), "class '" + c->id + "' has no regions");
    for (const auto& xn : node["excludes"]) {
      CheckKeys(xn, {"name", "smiles", "category", "listing", "citation", "note"});
      Exclusion x;
      x.name = Str(xn, "name", true);
      x.smiles = Str(xn, "smiles", true);
      x.listing = Str(xn, "listing", true);
      x.citation = Str(xn, "citation", true);
      x.note = Str(xn, "note", false);
      std::string cat = Str(xn, "category", true);
      x.category = cat == "drug" ? Category::kDrug : cat == "precursor" ? Category::kPrecursor : Category::kNone;
      if (x.category == Category::kNone && !cat.empty()) Error(Line(xn["category"]), "category must be 'drug' or 'precursor'");
      if (x.smiles.empty()) continue;
      auto parent = Structure(xn, x.smiles);
      if (!parent) continue;
      x.parent_smiles_flat = parent->flat;
      c->excludes.push_back(std::move(x));
    }
    if (ok) rb.classes.push_back(std::move(c));
  }

  void LoadSubstance(const YAML::Node& node) {
    CheckKeys(node, {"id", "name", "synonyms", "cas", "smiles", "role", "note"});
    Substance s;
    s.location = {file_, Line(node)};
    s.id = Str(node, "id", true);
    s.name = Str(node, "name", true);
    s.synonyms = StrList(node, "synonyms");
    s.cas = CasList(node);
    s.smiles = Str(node, "smiles", true);
    s.role = Str(node, "role", true);
    static const std::set<std::string> kRoles = {"counterion", "solvent", "chemical", "medicine"};
    if (!s.role.empty() && !kRoles.count(s.role)) Error(Line(node["role"]), "unknown role '" + s.role + "'");
    if (!s.id.empty()) {
      auto [it, inserted] = ids_.emplace(s.id, s.location.ToString());
      if (!inserted) Error(Line(node), "duplicate id '" + s.id + "' (first defined at " + it->second + ")");
    }
    if (s.smiles.empty()) return;
    auto mol = chem::ParseSmiles(s.smiles);
    if (!mol.ok()) {
      Error(Line(node["smiles"]), mol.status().message());
      return;
    }
    // Counter-ions are indexed in their neutral form, whole (HCl stays HCl).
    chem::Neutralize(**mol);
    s.parent_smiles = chem::CanonicalSmiles(**mol);
    set_.formulas_.insert(chem::Formula(**mol));
    set_.substances_.push_back(std::move(s));
  }

  void AddName(const std::string& name, const NamedIdentity& id, const Location& where) {
    std::string key = NameKey(name);
    if (key.empty()) return;
    auto [it, inserted] = set_.by_name_key_.emplace(key, id);
    if (!inserted && it->second.smiles != id.smiles) {
      errors_.push_back(where.ToString() + ": name '" + name + "' already names a different structure (" +
                        it->second.via + ")");
      return;
    }
    set_.display_names_.emplace(key, name);
  }

  void AddCas(const std::string& cas, const NamedIdentity& id, const Location& where) {
    auto [it, inserted] = set_.by_cas_.emplace(cas, id);
    if (!inserted && it->second.smiles != id.smiles) {
      errors_.push_back(where.ToString() + ": CAS " + cas + " already names a different structure (" +
                        it->second.via + ")");
    }
  }

  RulebookSet& set_;
  std::string file_;
  std::vector<std::string> errors_;
  std::map<std::string, std::string> ids_;
  std::map<std::string, std::string> structures_;
  std::map<std::string, uint64_t> hashes_;
};

Result<std::shared_ptr<const RulebookSet>> LoadRulebooks(const std::string& dir) {
  chem::QuietRdkitLogs();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("rulebook directory '" + dir + "' does not exist", "rulebooks_missing");
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  auto set = std::make_shared<RulebookSet>();
  RulebookLoader loader(*set);
  for (const auto& f : files) loader.LoadFile(f, f.string());
  auto errors = loader.Finish();
  if (!errors.empty()) {
    std::string msg = std::to_string(errors.size()) + " problem(s) in rulebooks:";
    for (const auto& e : errors) msg += "\n" + e;
    return Status::Corruption(msg, "invalid_rulebook");
  }
  if (set->rulebooks().empty()) {
    return Status::NotFound("no rulebooks found in '" + dir + "'", "rulebooks_missing");
  }
  return std::shared_ptr<const RulebookSet>(std::move(set));
}

}  // namespace chokepoint::rules
