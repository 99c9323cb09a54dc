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
#include "classify/status_steps.h"
#include "rules/name_key.h"
#include "util/strings.h"

namespace chokepoint::classify {

using rules::Category;

namespace {

// Text that could be a name rather than SMILES: spaces, or letters SMILES never uses outside
// bracket atoms (after setting aside the two-letter organic-subset symbols Cl and Br).
bool LooksLikeName(std::string_view s) {
  bool in_bracket = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '[') in_bracket = true;
    if (c == ']') in_bracket = false;
    if (in_bracket) continue;
    if (c == ' ') return true;
    if ((c == 'C' && i + 1 < s.size() && s[i + 1] == 'l') ||
        (c == 'B' && i + 1 < s.size() && s[i + 1] == 'r')) {
      ++i;
      continue;
    }
    if (c != '\0' && std::strchr("abdefghijklmqrtuvwxyzADEGHJKLMQRTUVWXYZ", c)) return true;
  }
  return false;
}

// An isotope label: a digit right after '['.
bool HasIsotope(const std::string& smiles) {
  for (size_t i = 0; i + 1 < smiles.size(); ++i)
    if (smiles[i] == '[' && std::isdigit(static_cast<unsigned char>(smiles[i + 1]))) return true;
  return false;
}

bool HasStereo(const std::string& smiles) {
  return smiles.find('@') != std::string::npos || smiles.find('/') != std::string::npos ||
         smiles.find('\\') != std::string::npos;
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
    EvictOverCapacity();
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
    EvictOverCapacity();
  }
  Engine::CacheStats Stats() const {
    std::lock_guard lock(mu_);
    return {hits_, misses_, map_.size(), capacity_};
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Record>>;
  void EvictOverCapacity() {
    while (map_.size() > capacity_) {
      map_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  mutable std::mutex mu_;
  size_t capacity_ = 0;   // GUARDED_BY(mu_)
  std::list<Entry> lru_;  // GUARDED_BY(mu_), newest first
  std::unordered_map<std::string_view, std::list<Entry>::iterator>
      map_;                         // GUARDED_BY(mu_), keys in lru_
  uint64_t hits_ = 0, misses_ = 0;  // GUARDED_BY(mu_)
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

namespace {
// Position of the first byte that breaks UTF-8 (or npos): records echo their input, and JSON
// output must be valid UTF-8.
size_t InvalidUtf8At(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || (n > 1 && c < 0xC2) || i + n > s.size()) return i;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::string_view::npos;
}
}  // namespace

Record Engine::Classify(std::string_view input, const ClassifyOptions& options) const {
  if (size_t bad = InvalidUtf8At(input); bad != std::string_view::npos) {
    Record r;
    // The echo replaces every byte from the first bad one by U+FFFD, so the record stays valid
    // JSON.
    r.input = std::string(input.substr(0, bad)) + "\xEF\xBF\xBD";
    char hexbyte[8];
    std::snprintf(hexbyte, sizeof hexbyte, "0x%02X", static_cast<unsigned char>(input[bad]));
    r.ok = false;
    r.error = Status::InvalidArgument("input is not valid UTF-8 (byte " + std::string(hexbyte) +
                                          " at position " + std::to_string(bad + 1) + ")",
                                      "invalid_encoding");
    r.verdict = "error";
    return r;
  }
  if (input.size() > ResultCache::kMaxInputBytes || !cache_->enabled())
    return ClassifyUncached(input, options);
  std::string key = CacheKey(input, options);
  if (auto hit = cache_->Get(key)) return *hit;
  auto rec = std::make_shared<const Record>(ClassifyUncached(input, options));
  if (rec->error.tag() != "too_complex") cache_->Put(key, rec);  // a timing outcome, not a fact
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

Result<chem::MolPtr> Engine::Resolve(std::string_view raw, const ClassifyOptions& options,
                                     chem::InputType* type, std::string* name,
                                     std::vector<std::string>* suggestions,
                                     std::vector<std::string>* notes) const {
  using chem::InputType;
  std::string_view text = Trim(raw);
  if (text.empty()) return Status::InvalidArgument("empty input", "empty_input");
  InputType t = options.as;
  std::string salt_smiles;  // "cocaine hydrochloride": the base's structure plus the counter-ion
  if (t == InputType::kAuto) {
    if (text.substr(0, 6) == "InChI=")
      t = InputType::kInchi;
    else if (text.find("M  END") != std::string_view::npos)
      t = InputType::kMolfile;
    else if (chem::LooksLikeCas(text))
      t = InputType::kCas;
    else if (rules_->ByName(std::string(text)))
      t = InputType::kName;
    else if (SaltName(text, name, &salt_smiles))
      t = InputType::kName;
    else
      t = InputType::kSmiles;
  }
  *type = t;
  auto from_identity = [&](const rules::NamedIdentity& id) -> Result<chem::MolPtr> {
    *name = id.name;
    if (id.smiles.empty()) {
      return Status::NotFound(
          "'" + id.name + "' has no single structure (" +
              (id.unstructured.empty() ? std::string("see the rulebooks")
                                       : id.unstructured.front()->no_structure) +
              "); it is classified by name",
          "no_structure");
    }
    return chem::ParseSmiles(id.smiles, options.limits);
  };
  switch (t) {
    case InputType::kName: {
      if (const auto* id = rules_->ByName(std::string(text))) return from_identity(*id);
      if (!salt_smiles.empty() || SaltName(text, name, &salt_smiles))
        return chem::ParseSmiles(salt_smiles, options.limits);
      *suggestions = rules_->SuggestNames(std::string(text));
      std::string msg = "unknown name '" + std::string(text.substr(0, 80)) + "'";
      if (!suggestions->empty()) msg += "; did you mean " + Join(*suggestions, ", ") + "?";
      return Status::NotFound(msg + " (names resolve only through the rulebooks' synonym tables)",
                              "unknown_name");
    }
    case InputType::kCas: {
      auto cas = chem::ParseCas(text);
      if (!cas.ok()) return cas.status();
      if (const auto* id = rules_->ByCas(*cas)) return from_identity(*id);
      return Status::NotFound("CAS " + *cas +
                                  " is valid but not in the rulebooks or reference substances; "
                                  "classify it by structure (SMILES, InChI or molfile) instead",
                              "unknown_cas");
    }
    case InputType::kInchi: {
      bool stereo_dropped = false;
      auto mol = chem::ParseInchi(text, &stereo_dropped);
      if (mol.ok() && stereo_dropped)
        notes->push_back("InChI stereo layers were not transferred; stereo is unspecified");
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
      // Letters that SMILES never uses outside brackets make it a name people typed, whatever
      // the SMILES parser made of it ("N-phenethyl-4-piperidone" parses as far as a ring bond).
      if (LooksLikeName(text)) {
        *suggestions = rules_->SuggestNames(std::string(text));
        std::string msg =
            "'" + std::string(text.substr(0, 80)) + "' is neither a known name nor valid SMILES";
        if (!suggestions->empty()) msg += "; did you mean " + Join(*suggestions, ", ") + "?";
        return Status::NotFound(msg, "unknown_name");
      }
      return mol;
    }
  }
  return Status::Internal("unreachable");
}

bool Engine::SaltName(std::string_view text, std::string* name, std::string* smiles) const {
  // Split off up to three trailing words that each name a counter-ion or water:
  // "cocaine hydrochloride", "morphine sulfate pentahydrate", "ketamine HCl salt".
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j + 1;
  }
  if (words.size() < 2) return false;
  size_t n = words.size();
  if (rules::NameKey(words.back()) == "salt") --n;
  const auto& known = rules_->known_fragments();
  for (size_t k = 1; k <= 3 && k < n; ++k) {
    std::vector<std::string> parts;
    bool all_known = true;
    for (size_t w = n - k; w < n && all_known; ++w) {
      const auto* id = rules_->ByName(words[w]);
      auto it = id ? known.find(id->smiles) : known.end();
      all_known = it != known.end() && (it->second.role == "counterion" || id->smiles == "O");
      if (all_known) parts.push_back(id->smiles);
    }
    if (!all_known) continue;
    std::string base;
    for (size_t w = 0; w < n - k; ++w) base += (w ? " " : "") + words[w];
    const auto* id = rules_->ByName(base);
    if (!id || id->smiles.empty()) continue;
    *name = id->name;
    *smiles = id->smiles;
    for (const auto& p : parts) *smiles += "." + p;
    return true;
  }
  return false;
}

const rules::NamedIdentity* Engine::UnstructuredIdentity(std::string_view raw,
                                                         chem::InputType type) const {
  std::string text(Trim(raw));
  const rules::NamedIdentity* id = nullptr;
  if (type == chem::InputType::kCas) {
    auto cas = chem::ParseCas(text);
    if (cas.ok()) id = rules_->ByCas(*cas);
  } else {
    id = rules_->ByName(text);
  }
  return id && id->smiles.empty() ? id : nullptr;
}

std::map<std::string, JurisdictionStatus> Engine::StatusOf(const RDKit::ROMol& parent,
                                                           const std::string& smiles, bool salt,
                                                           const ClassifyOptions& options) const {
  // Stereo-insensitive candidates are looked up only when the formula is known to the rulebooks.
  // Without stereo or isotope labels the canonical SMILES is already the stereo-free one, so the
  // second canonicalization (as costly as the first) is skipped for most inputs.
  const bool has_stereo = HasStereo(smiles);
  std::string flat_smiles;
  const std::vector<const rules::Entry*>* flat = nullptr;
  if (rules_->FormulaIndexed(chem::Formula(parent))) {
    flat_smiles = has_stereo || HasIsotope(smiles) ? chem::CanonicalSmiles(parent, false) : smiles;
    flat = &rules_->EntriesByFlatStructure(flat_smiles);
  }
  steps::Molecule m{parent,
                    smiles,
                    flat_smiles,
                    has_stereo,
                    salt,
                    ElementCounts::Of(parent),
                    rules_->EntriesByStructure(smiles),
                    flat};
  std::map<std::string, JurisdictionStatus> out;
  for (const auto& j : Jurisdictions(options)) {
    const rules::Rulebook* rb = rules_->Find(j);
    if (!rb) continue;
    JurisdictionStatus st;
    st.rulebook_version = rb->version;
    const steps::Exceptions ex = steps::FindExceptions(m, j, options.at);
    steps::EntryMatch entries = steps::MatchEntries(m, j, options.at, ex);
    steps::ClassResult cls = steps::MatchClasses(m, *rb, options.at, entries, prefilters_);
    const rules::Exclusion* excluded = entries.entry ? nullptr : steps::ClassExclusion(m, cls);
    if (excluded)
      steps::ExplainExclusion(*excluded, *cls.rule, st);
    else if (entries.entry)
      steps::ExplainEntry(m, entries, ex, options.at, st);
    else if (cls.rule)
      steps::ExplainClass(m, cls, st);
    else if (ex.exact)
      steps::ExplainException(*ex.exact, *rules_, *rb, st);
    else
      steps::ExplainNotListed(*rb, options.at, entries.not_in_force, st);
    st.also = std::move(entries.also);
    st.also.insert(st.also.end(), cls.also.begin(), cls.also.end());
    out.emplace(j, std::move(st));
  }
  return out;
}

std::map<std::string, JurisdictionStatus> Engine::StatusOfUnstructured(
    const rules::NamedIdentity& id, const ClassifyOptions& options) const {
  std::map<std::string, JurisdictionStatus> out;
  for (const auto& j : Jurisdictions(options)) {
    const rules::Rulebook* rb = rules_->Find(j);
    if (!rb) continue;
    JurisdictionStatus st;
    st.rulebook_version = rb->version;
    const rules::Entry* entry = nullptr;
    const rules::Listing* state = nullptr;
    const rules::Entry* not_in_force = nullptr;
    for (const auto* e : id.unstructured) {
      if (e->jurisdiction != j) continue;
      const rules::Listing* s = e->StateAt(options.at);
      if (!s) {
        not_in_force = e;
        continue;
      }
      if (!entry || rules::CategoryRank(s->category) > rules::CategoryRank(state->category)) {
        entry = e;
        state = s;
      }
    }
    if (entry) {
      steps::FillListing(*state, st);
      st.rule = entry->id;
      st.basis = "entry";
      st.explanation = steps::ListedText(*entry, *state, options.at) +
                       " Matched by name or CAS number (" + entry->no_structure +
                       "; no single structure).";
    } else {
      st.category = Category::kNone;
      st.explanation = "no listing of this name or CAS number in " + rb->version + " on " +
                       options.at.ToString() + ".";
      if (not_in_force) st.explanation += steps::NotInForceText(*not_in_force, options.at);
      for (const auto& c : rb->coverage) st.explanation += " Coverage: " + c;
    }
    out.emplace(j, std::move(st));
  }
  return out;
}

Record Engine::ClassifyUncached(std::string_view input, const ClassifyOptions& options) const {
  Record r;
  r.input = std::string(input);
  // True (and the record an error) once the deadline has passed; called between steps.
  auto out_of_time = [&](const char* step) {
    if (!options.deadline || std::chrono::steady_clock::now() < *options.deadline) return false;
    const chem::InputType type = r.input_type;
    r = Record{};
    r.input = std::string(input);
    r.input_type = type;
    r.ok = false;
    r.error =
        Status::InvalidArgument(std::string("classification ran out of its time budget (") + step +
                                    "); the structure is too complex to classify within it",
                                "too_complex");
    r.verdict = "error";
    return true;
  };
  std::string name;
  auto mol = Resolve(input, options, &r.input_type, &name, &r.suggestions, &r.substance.notes);
  if (out_of_time("after parsing")) return r;
  if (!mol.ok() && mol.status().tag() == "no_structure") {
    if (const auto* id = UnstructuredIdentity(input, r.input_type)) {
      r.substance.name = id->name;
      r.substance.notes.push_back(id->unstructured.front()->no_structure +
                                  ": no single structure; classified by name");
      r.status = StatusOfUnstructured(*id, options);
      r.ok = true;
      r.verdict = Verdict(r);
      return r;
    }
  }
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
  if (out_of_time("after standardization")) return r;
  const RDKit::ROMol& parent = *std->parent;
  r.substance.smiles = chem::CanonicalSmiles(parent);
  r.substance.formula = chem::Formula(parent);
  r.substance.removed = std->removed;
  r.substance.other_components = std->other_components;
  if (name.empty() || !std->removed.empty()) {
    const auto* id = rules_->IdentityByStructure(r.substance.smiles);
    if (id)
      name = id->name;
    else if (!std->removed.empty())
      name.clear();
  }
  r.substance.name = name;
  r.status = StatusOf(parent, r.substance.smiles, !std->removed.empty(), options);
  if (out_of_time("after the status checks")) return r;

  // A mixture is controlled if any component is: check the other organic components too.
  for (const auto& comp : std->other_components) {
    auto cm = chem::ParseSmiles(comp, options.limits);
    if (!cm.ok()) continue;
    auto cs = StatusOf(**cm, chem::CanonicalSmiles(**cm), false, options);
    for (auto& [j, st] : cs) {
      auto& mine = r.status[j];
      if (rules::CategoryRank(st.category) > rules::CategoryRank(mine.category)) {
        st.basis = "mixture";
        st.explanation = "the mixture contains " + comp + ", which " + st.explanation;
        mine = std::move(st);
      }
    }
  }
  for (const auto& stage : stages_) {
    if (out_of_time("during the flag stages")) return r;
    stage->AddFlags(parent, options, r);
  }
  if (out_of_time("before InChI")) return r;
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
  for (const auto& [j, st] : record.status)
    worst = std::max(worst, rules::CategoryRank(st.category));
  if (worst == 2) return "controlled";
  if (worst == 1) return "precursor";
  if (!record.flags.empty()) return "flagged";
  return "clear";
}

}  // namespace chokepoint::classify
