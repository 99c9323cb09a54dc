#include "classify/engine.h"

#include <GraphMol/RDKitBase.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <list>
#include <mutex>
#include <unordered_map>

#include "chem/cas.h"
#include "chem/inchi.h"
#include "classify/class_matcher.h"

namespace chokepoint::classify {

using rules::Category;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int Severity(Category c) { return c == Category::kDrug ? 2 : c == Category::kPrecursor ? 1 : 0; }

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Text that could be a name rather than SMILES: spaces, or letters SMILES never uses.
bool LooksLikeName(std::string_view s) {
  for (char c : s) {
    if (c == ' ') return true;
    if (std::strchr("abdefghijklmqrtuvwxyzADEGJLMQRTUVWXYZ", c) && c != '\0') return true;
  }
  return false;
}

bool HasStereo(const std::string& smiles) {
  return smiles.find('@') != std::string::npos || smiles.find('/') != std::string::npos ||
         smiles.find('\\') != std::string::npos;
}

std::string EntryBasis(const rules::Entry& e, bool salt, bool isomer) {
  if (isomer) return "isomer";
  if (salt) return "salt";
  return "entry";
}

void FillListing(const rules::Listing& l, JurisdictionStatus& st) {
  st.category = l.category;
  st.listing = l.listing;
  st.rule = l.id;
  st.citation = l.citation;
  st.effective = l.effective.ToString();
  st.end = l.end ? l.end->ToString() : "";
}

std::string SinceText(const rules::Listing& l) {
  std::string s = "in force since " + l.effective.ToString();
  if (l.end) s += " until " + l.end->ToString();
  return s;
}

}  // namespace

// A bounded LRU map from (input, options) to the record. Records are shared immutable and
// copied outside the lock.
class ResultCache {
 public:
  static constexpr size_t kMaxInputBytes = 1024;

  void SetCapacity(size_t n) {
    std::lock_guard lock(mu_);
    capacity_ = n;
    Trim();
  }
  bool enabled() const {
    std::lock_guard lock(mu_);
    return capacity_ > 0;
  }
  std::shared_ptr<const Record> Get(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
  }
  void Put(const std::string& key, std::shared_ptr<const Record> rec) {
    std::lock_guard lock(mu_);
    if (capacity_ == 0 || map_.count(key)) return;
    lru_.emplace_front(key, std::move(rec));
    map_.emplace(lru_.front().first, lru_.begin());
    Trim();
  }
  Engine::CacheStats Stats() const {
    std::lock_guard lock(mu_);
    return {hits_, misses_, map_.size(), capacity_};
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Record>>;
  void Trim() {
    while (map_.size() > capacity_) {
      map_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  mutable std::mutex mu_;
  size_t capacity_ = 0;                                                   // GUARDED_BY(mu_)
  std::list<Entry> lru_;                                                  // GUARDED_BY(mu_), newest first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> map_;  // GUARDED_BY(mu_), keys in lru_
  uint64_t hits_ = 0, misses_ = 0;                                        // GUARDED_BY(mu_)
};

namespace {
// Everything Classify() depends on besides the engine itself.
std::string CacheKey(std::string_view input, const ClassifyOptions& o) {
  std::string k;
  k.reserve(input.size() + 48);
  k += o.at.ToString();
  k += '|';
  k += static_cast<char>('0' + static_cast<int>(o.as));
  k += o.want_inchi ? '1' : '0';
  k += '|';
  k += std::to_string(o.limits.max_chars);
  k += ',';
  k += std::to_string(o.limits.max_heavy_atoms);
  k += '|';
  for (const auto& j : o.jurisdictions) {
    k += j;
    k += ',';
  }
  k += '|';
  k += input;
  return k;
}
}  // namespace

Engine::~Engine() = default;

void Engine::SetResultCacheCapacity(size_t entries) const { cache_->SetCapacity(entries); }

Engine::CacheStats Engine::ResultCacheStats() const { return cache_->Stats(); }

Record Engine::Classify(std::string_view input, const ClassifyOptions& options) const {
  if (input.size() > ResultCache::kMaxInputBytes || !cache_->enabled()) return ClassifyUncached(input, options);
  std::string key = CacheKey(input, options);
  if (auto hit = cache_->Get(key)) return *hit;
  auto rec = std::make_shared<const Record>(ClassifyUncached(input, options));
  cache_->Put(key, rec);
  return *rec;
}

Engine::Engine(std::shared_ptr<const rules::RulebookSet> rules)
    : rules_(std::move(rules)), cache_(std::make_shared<ResultCache>()) {
  chem::QuietRdkitLogs();
  for (const auto& rb : rules_->rulebooks())
    for (const auto& c : rb.classes)
      if (c->core) prefilters_.emplace(c.get(), CorePrefilter(*c->core));
}

std::vector<std::string> Engine::Jurisdictions(const ClassifyOptions& options) const {
  return options.jurisdictions.empty() ? rules_->Jurisdictions() : options.jurisdictions;
}

Result<chem::MolPtr> Engine::Resolve(std::string_view raw, const ClassifyOptions& options, chem::InputType* type,
                                     std::string* name, std::vector<std::string>* suggestions,
                                     std::vector<std::string>* notes) const {
  using chem::InputType;
  std::string_view text = Trim(raw);
  if (text.empty()) return Status::InvalidArgument("empty input", "empty_input");
  InputType t = options.as;
  if (t == InputType::kAuto) {
    if (text.substr(0, 6) == "InChI=") t = InputType::kInchi;
    else if (text.find("M  END") != std::string_view::npos) t = InputType::kMolfile;
    else if (chem::LooksLikeCas(text)) t = InputType::kCas;
    else if (rules_->ByName(std::string(text))) t = InputType::kName;
    else t = InputType::kSmiles;
  }
  *type = t;
  auto from_identity = [&](const rules::NamedIdentity& id) -> Result<chem::MolPtr> {
    *name = id.name;
    return chem::ParseSmiles(id.smiles, options.limits);
  };
  switch (t) {
    case InputType::kName: {
      if (const auto* id = rules_->ByName(std::string(text))) return from_identity(*id);
      *suggestions = rules_->SuggestNames(std::string(text));
      std::string msg = "unknown name '" + std::string(text.substr(0, 80)) + "'";
      if (!suggestions->empty()) msg += "; did you mean " + Join(*suggestions, ", ") + "?";
      return Status::NotFound(msg + " (names resolve only through the rulebooks' synonym tables)", "unknown_name");
    }
    case InputType::kCas: {
      auto cas = chem::ParseCas(text);
      if (!cas.ok()) return cas.status();
      if (const auto* id = rules_->ByCas(*cas)) return from_identity(*id);
      return Status::NotFound("CAS " + *cas + " is valid but not in the rulebooks or reference substances; "
                              "classify it by structure (SMILES, InChI or molfile) instead",
                              "unknown_cas");
    }
    case InputType::kInchi: {
      bool stereo_dropped = false;
      auto mol = chem::ParseInchi(text, &stereo_dropped);
      if (mol.ok() && stereo_dropped) notes->push_back("InChI stereo layers were not transferred; stereo is unspecified");
      return mol;
    }
    case InputType::kMolfile:
      return chem::ParseMolfile(text, options.limits);
    case InputType::kSmiles:
    case InputType::kAuto: {
      auto mol = chem::ParseSmiles(text, options.limits);
      if (mol.ok() || options.as == InputType::kSmiles) return mol;
      // Text that parsed as SMILES syntax but failed chemically (valence, aromaticity) was meant
      // as a structure: report the chemistry, not an unknown name.
      bool syntax_failure = mol.status().message().find(": syntax error") != std::string::npos ||
                            mol.status().message().find("not valid in SMILES") != std::string::npos;
      if (syntax_failure && LooksLikeName(text)) {
        *suggestions = rules_->SuggestNames(std::string(text));
        std::string msg = "'" + std::string(text.substr(0, 80)) + "' is neither a known name nor valid SMILES";
        if (!suggestions->empty()) msg += "; did you mean " + Join(*suggestions, ", ") + "?";
        return Status::NotFound(msg, "unknown_name");
      }
      return mol;
    }
  }
  return Status::Internal("unreachable");
}

std::map<std::string, JurisdictionStatus> Engine::StatusOf(const RDKit::ROMol& parent, const std::string& smiles,
                                                           bool salt, const ClassifyOptions& options) const {
  std::map<std::string, JurisdictionStatus> out;
  const auto& exact = rules_->EntriesByStructure(smiles);
  // Stereo-insensitive candidates are looked up only when the formula is known to the rulebooks.
  const std::vector<const rules::Entry*>* flat = nullptr;
  std::string flat_smiles;
  if (rules_->FormulaIndexed(chem::Formula(parent))) {
    flat_smiles = chem::CanonicalSmiles(parent, false);
    flat = &rules_->EntriesByFlatStructure(flat_smiles);
  }
  const bool input_has_stereo = HasStereo(smiles);
  const ElementCounts counts = ElementCounts::Of(parent);
  for (const auto& j : Jurisdictions(options)) {
    JurisdictionStatus st;
    const rules::Rulebook* rb = rules_->Find(j);
    if (!rb) continue;
    st.rulebook_version = rb->version;

    // 1. Named entries: exact structure, then the same structure up to stereochemistry.
    const rules::Entry* entry = nullptr;
    bool isomer = false;
    const rules::Entry* not_in_force = nullptr;
    for (const auto* e : exact) {
      if (e->jurisdiction != j) continue;
      if (!e->InForce(options.at)) {
        not_in_force = e;
        continue;
      }
      if (!entry || Severity(e->category) > Severity(entry->category)) entry = e;
    }
    if (!entry && flat) {
      for (const auto* e : *flat) {
        if (e->jurisdiction != j || e->parent_smiles == smiles) continue;
        bool covered = e->Covers("isomers") || e->Covers("stereoisomers") || e->Covers("optical_isomers") ||
                       !input_has_stereo;
        if (!covered) continue;
        if (!e->InForce(options.at)) {
          not_in_force = e;
          continue;
        }
        if (!entry || Severity(e->category) > Severity(entry->category)) {
          entry = e;
          isomer = true;
        }
      }
    }

    // 2. Class rules in force.
    const rules::ClassRule* cls = nullptr;
    ClassMatch cls_match;
    std::vector<std::string> also;
    for (const auto& c : rb->classes) {
      if (!c->InForce(options.at)) continue;
      auto pf = prefilters_.find(c.get());
      if (pf != prefilters_.end() && !pf->second.MayMatch(counts)) continue;
      ClassMatch m = MatchClass(parent, *c);
      if (!m.matched) continue;
      // A class needs at least one modification: with none the substance is the reference itself.
      if (c->basis == "class" && m.modifications.empty()) continue;
      if (entry && (c->unless_listed || Severity(c->category) <= Severity(entry->category))) {
        also.push_back(c->id);
        continue;
      }
      if (!cls || Severity(c->category) > Severity(cls->category)) {
        if (cls) also.push_back(cls->id);
        cls = c.get();
        cls_match = std::move(m);
      } else {
        also.push_back(c->id);
      }
    }

    // A class member the class itself leaves to another listing ("unless listed in another
    // schedule") whose entry has no confirmed date yet.
    const rules::Exclusion* excluded = nullptr;
    if (!entry && cls) {
      std::string flat_now = flat_smiles.empty() ? chem::CanonicalSmiles(parent, false) : flat_smiles;
      for (const auto& x : cls->excludes)
        if (x.parent_smiles_flat == flat_now) excluded = &x;
    }
    if (excluded) {
      st.category = excluded->category;
      st.listing = excluded->listing;
      st.rule = cls->id + "#excluded";
      st.citation = excluded->citation;
      st.basis = "entry";
      st.explanation = excluded->name + " is listed in " + excluded->listing + " (" + excluded->citation +
                       "), so " + cls->name + " does not apply to it (\"unless listed in another schedule\"). "
                       "The effective date of that listing is not recorded in this rulebook (unverified).";
    } else if (entry) {
      FillListing(*entry, st);
      st.basis = EntryBasis(*entry, salt, isomer);
      st.explanation = entry->name + " is listed in " + entry->listing + " (" + entry->citation + "), " +
                       SinceText(*entry) + ".";
      if (isomer) {
        st.explanation += input_has_stereo ? " The input is a stereoisomer of the listed form; the listing covers isomers."
                                           : " The input does not specify stereochemistry; it matches the listed substance up to stereoisomerism.";
      }
      if (salt) st.explanation += entry->Covers("salts") ? " The input is a salt or solvate; the listing covers salts."
                                                          : " The input is a salt or solvate of the listed substance.";
    } else if (cls) {
      FillListing(*cls, st);
      st.modifications = cls_match.modifications;
      st.matched_atoms = cls_match.core_atoms;
      if (cls->basis == "derivative") {
        st.basis = cls_match.basis_words.empty() ? "entry" : Join(cls_match.basis_words, "+");
      } else {
        st.basis = "class";
      }
      std::vector<std::string> details;
      for (const auto& f : cls_match.regions) {
        if (f.modification.empty()) continue;
        std::string d = f.region;
        if (!f.ring.empty()) d += " [ring " + f.ring + "]";
        if (!f.substituents.empty()) d += ": " + Join(f.substituents, ", ");
        details.push_back(d + " -> " + f.modification);
      }
      st.explanation = "meets the definition of " + cls->name + " (" + cls->listing + ", " + cls->citation + "), " +
                       SinceText(*cls);
      if (!cls_match.modifications.empty() && cls->basis == "class")
        st.explanation += ", by modification " + Join(cls_match.modifications, "+");
      st.explanation += details.empty() ? "." : ": " + Join(details, "; ") + ".";
      if (salt) st.explanation += " The input is a salt or solvate.";
    } else {
      st.category = Category::kNone;
      st.explanation = "not listed and no class rule applies in " + rb->version + " on " + options.at.ToString() + ".";
      if (not_in_force) {
        const auto& l = *not_in_force;
        st.explanation += " Note: " + l.name + (options.at < l.effective ? " is listed in " : " was listed in ") +
                          l.listing + " (" + l.citation + ")" +
                          (options.at < l.effective ? " from " + l.effective.ToString() + ", after this date"
                                                    : " until " + l.end->ToString()) + ".";
      }
      for (const auto& c : rb->coverage) st.explanation += " Coverage: " + c;
    }
    st.also = std::move(also);
    out.emplace(j, std::move(st));
  }
  return out;
}

Record Engine::ClassifyUncached(std::string_view input, const ClassifyOptions& options) const {
  Record r;
  r.input = std::string(input);
  std::string name;
  auto mol = Resolve(input, options, &r.input_type, &name, &r.suggestions, &r.substance.notes);
  if (!mol.ok()) {
    r.ok = false;
    r.error = mol.status();
    r.verdict = "error";
    return r;
  }
  auto std = chem::Standardize(std::move(*mol), &rules_->known_fragments());
  if (!std.ok()) {
    r.ok = false;
    r.error = std.status();
    r.verdict = "error";
    return r;
  }
  const RDKit::ROMol& parent = *std->parent;
  r.substance.smiles = chem::CanonicalSmiles(parent);
  r.substance.formula = chem::Formula(parent);
  r.substance.removed = std->removed;
  r.substance.other_components = std->other_components;
  if (name.empty() || !std->removed.empty()) {
    const auto* id = rules_->IdentityByStructure(r.substance.smiles);
    if (id) name = id->name;
    else if (!std->removed.empty()) name.clear();
  }
  r.substance.name = name;
  r.status = StatusOf(parent, r.substance.smiles, !std->removed.empty(), options);

  // A mixture is controlled if any component is: check the other organic components too.
  for (const auto& comp : std->other_components) {
    auto cm = chem::ParseSmiles(comp, options.limits);
    if (!cm.ok()) continue;
    auto cs = StatusOf(**cm, chem::CanonicalSmiles(**cm), false, options);
    for (auto& [j, st] : cs) {
      auto& mine = r.status[j];
      if (Severity(st.category) > Severity(mine.category)) {
        st.basis = "mixture";
        st.explanation = "the mixture contains " + comp + ", which " + st.explanation;
        mine = std::move(st);
      }
    }
  }
  for (const auto& stage : stages_) stage->AddFlags(parent, options, r);
  r.ok = true;
  r.verdict = Verdict(r);
  if (options.want_inchi || r.verdict == "controlled" || r.verdict == "precursor") {
    auto inchi = chem::ToInchi(parent);
    if (inchi.ok()) {
      r.substance.inchi = inchi->inchi;
      r.substance.inchikey = inchi->inchikey;
    } else {
      r.substance.notes.push_back("InChI could not be computed: " + inchi.status().message());
    }
  }
  return r;
}

std::string Verdict(const Record& record) {
  if (!record.ok) return "error";
  int worst = 0;
  for (const auto& [j, st] : record.status) worst = std::max(worst, Severity(st.category));
  if (worst == 2) return "controlled";
  if (worst == 1) return "precursor";
  if (!record.flags.empty()) return "flagged";
  return "clear";
}

}  // namespace chokepoint::classify
