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
#include "rules/name_key.h"

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
    if ((c == 'C' && i + 1 < s.size() && s[i + 1] == 'l') || (c == 'B' && i + 1 < s.size() && s[i + 1] == 'r')) {
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

std::string EntryBasis(const rules::Entry&, bool salt, bool isomer) {
  if (isomer) return "isomer";
  if (salt) return "salt";
  return "entry";
}

void FillListing(const rules::Listing& l, JurisdictionStatus& st) {
  st.category = l.category;
  st.listing = l.listing;
  st.code = l.code;
  st.rule = l.id;
  st.citation = l.citation;
  st.effective = l.effective_known ? l.effective.ToString() : "";
  st.in_force_by = l.effective_known ? "" : l.effective.ToString();
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
    // The echo replaces every byte from the first bad one by U+FFFD, so the record stays valid JSON.
    r.input = std::string(input.substr(0, bad)) + "\xEF\xBF\xBD";
    char hexbyte[8];
    std::snprintf(hexbyte, sizeof hexbyte, "0x%02X", static_cast<unsigned char>(input[bad]));
    r.ok = false;
    r.error = Status::InvalidArgument("input is not valid UTF-8 (byte " + std::string(hexbyte) + " at position " +
                                          std::to_string(bad + 1) + ")",
                                      "invalid_encoding");
    r.verdict = "error";
    return r;
  }
  if (input.size() > ResultCache::kMaxInputBytes || !cache_->enabled()) return ClassifyUncached(input, options);
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

Result<chem::MolPtr> Engine::Resolve(std::string_view raw, const ClassifyOptions& options, chem::InputType* type,
                                     std::string* name, std::vector<std::string>* suggestions,
                                     std::vector<std::string>* notes) const {
  using chem::InputType;
  std::string_view text = Trim(raw);
  if (text.empty()) return Status::InvalidArgument("empty input", "empty_input");
  InputType t = options.as;
  std::string salt_smiles;  // "cocaine hydrochloride": the base's structure plus the counter-ion
  if (t == InputType::kAuto) {
    if (text.substr(0, 6) == "InChI=") t = InputType::kInchi;
    else if (text.find("M  END") != std::string_view::npos) t = InputType::kMolfile;
    else if (chem::LooksLikeCas(text)) t = InputType::kCas;
    else if (rules_->ByName(std::string(text))) t = InputType::kName;
    else if (SaltName(text, name, &salt_smiles)) t = InputType::kName;
    else t = InputType::kSmiles;
  }
  *type = t;
  auto from_identity = [&](const rules::NamedIdentity& id) -> Result<chem::MolPtr> {
    *name = id.name;
    if (id.smiles.empty()) {
      return Status::NotFound("'" + id.name + "' has no single structure (" +
                                  (id.unstructured.empty() ? std::string("see the rulebooks") : id.unstructured.front()->no_structure) +
                                  "); it is classified by name",
                              "no_structure");
    }
    return chem::ParseSmiles(id.smiles, options.limits);
  };
  switch (t) {
    case InputType::kName: {
      if (const auto* id = rules_->ByName(std::string(text))) return from_identity(*id);
      if (!salt_smiles.empty() || SaltName(text, name, &salt_smiles)) return chem::ParseSmiles(salt_smiles, options.limits);
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
      // Letters that SMILES never uses outside brackets make it a name people typed, whatever
      // the SMILES parser made of it ("N-phenethyl-4-piperidone" parses as far as a ring bond).
      if (LooksLikeName(text)) {
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

namespace {

// The entry state that applies on `at`, or null.
struct EntryHit {
  const rules::Entry* entry = nullptr;
  const rules::Listing* state = nullptr;
  bool isomer = false;
};

// Explanation sentence for a listing in force, with its dates.
std::string ListedText(const rules::Entry& e, const rules::Listing& st, const Date& at) {
  std::string s = e.name + " is listed in " + st.listing + (st.code.empty() ? "" : " (code " + st.code + ")") + " (" +
                  st.citation + "), ";
  if (st.effective_known) {
    s += SinceText(st) + ".";
  } else {
    s += "in force on " + st.effective.ToString() + " per the official text read";
    if (st.end) s += ", until " + st.end->ToString();
    s += "; the day control began is not recorded in this rulebook";
    if (at < st.effective) s += ", so it is applied on " + at.ToString() + " as well (strictest reading)";
    s += ".";
  }
  if (&st != static_cast<const rules::Listing*>(&e)) {
    s += " Later " + e.listing + " (" + e.citation + ").";
  } else if (!e.history.empty()) {
    const auto& prev = e.history.back();
    s += " Before " + (prev.end ? prev.end->ToString() : std::string("that")) + " it was in " + prev.listing + " (" +
         prev.citation + ").";
  }
  return s;
}

std::string NotInForceText(const rules::Entry& e, const Date& at) {
  const rules::Listing& st = e.NearestState(at);
  if (at < st.effective)
    return " Note: " + e.name + " is listed in " + st.listing + " (" + st.citation + ") from " + st.effective.ToString() +
           ", after this date.";
  return " Note: " + e.name + " was listed in " + st.listing + " (" + st.citation + ")" +
         (st.end ? " until " + st.end->ToString() : std::string()) + ".";
}

}  // namespace

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

const rules::NamedIdentity* Engine::UnstructuredIdentity(std::string_view raw, chem::InputType type) const {
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

std::map<std::string, JurisdictionStatus> Engine::StatusOf(const RDKit::ROMol& parent, const std::string& smiles,
                                                           bool salt, const ClassifyOptions& options) const {
  std::map<std::string, JurisdictionStatus> out;
  const auto& exact = rules_->EntriesByStructure(smiles);
  // Stereo-insensitive candidates are looked up only when the formula is known to the rulebooks.
  const std::vector<const rules::Entry*>* flat = nullptr;
  std::string flat_smiles;
  if (rules_->FormulaIndexed(chem::Formula(parent))) {
    // Without stereo or isotope labels the canonical SMILES is already the stereo-free one, so
    // the second canonicalization (as costly as the first) is skipped for most inputs.
    flat_smiles = HasStereo(smiles) || HasIsotope(smiles) ? chem::CanonicalSmiles(parent, false) : smiles;
    flat = &rules_->EntriesByFlatStructure(flat_smiles);
  }
  const bool input_has_stereo = HasStereo(smiles);
  const ElementCounts counts = ElementCounts::Of(parent);
  for (const auto& j : Jurisdictions(options)) {
    JurisdictionStatus st;
    const rules::Rulebook* rb = rules_->Find(j);
    if (!rb) continue;
    st.rulebook_version = rb->version;

    // 0. Express exceptions: the exact structure an `excepted` entry names is outside the
    //    listings it excepts (dextromethorphan and levomethorphan's isomer clause).
    const rules::Entry* exception = nullptr;
    const rules::Entry* flat_exception = nullptr;  // the input lacks stereo but could be the excepted isomer
    for (const auto* e : exact)
      if (e->jurisdiction == j && e->excepted && e->StateAt(options.at)) exception = e;
    if (flat && !exception && !input_has_stereo)
      for (const auto* e : *flat)
        if (e->jurisdiction == j && e->excepted && e->StateAt(options.at)) flat_exception = e;
    auto is_excepted = [&](const rules::Entry* e) {
      return exception && std::find(exception->excepts.begin(), exception->excepts.end(), e->id) != exception->excepts.end();
    };

    // 1. Named entries: exact structure, then the same structure up to stereochemistry.
    EntryHit hit;
    const rules::Entry* not_in_force = nullptr;
    std::vector<std::string> also;
    auto consider = [&](const rules::Entry* e, bool isomer) {
      const rules::Listing* state = e->StateAt(options.at);
      if (!state) {
        not_in_force = e;
        return;
      }
      if (!hit.entry || Severity(state->category) > Severity(hit.state->category)) {
        if (hit.entry) also.push_back(hit.entry->id);
        hit = {e, state, isomer};
      } else {
        also.push_back(e->id);
      }
    };
    for (const auto* e : exact) {
      if (e->jurisdiction != j || e->excepted || is_excepted(e)) continue;
      consider(e, false);
    }
    if (!hit.entry && flat) {
      for (const auto* e : *flat) {
        if (e->jurisdiction != j || e->excepted || e->parent_smiles == smiles || is_excepted(e)) continue;
        bool covered = e->Covers("isomers") || e->Covers("stereoisomers") || e->Covers("optical_isomers") ||
                       !input_has_stereo;
        if (covered) consider(e, true);
      }
    }
    const rules::Entry* entry = hit.entry;

    // 2. Class rules in force.
    const rules::ClassRule* cls = nullptr;
    ClassMatch cls_match;
    for (const auto& c : rb->classes) {
      if (!c->InForce(options.at)) continue;
      auto pf = prefilters_.find(c.get());
      if (pf != prefilters_.end() && !pf->second.MayMatch(counts)) continue;
      ClassMatch m = MatchClass(parent, *c);
      if (!m.matched) continue;
      // A class needs at least one modification: with none the substance is the reference itself.
      if (c->basis == "class" && m.modifications.empty()) continue;
      if (entry && (c->unless_listed || Severity(c->category) <= Severity(hit.state->category))) {
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
      FillListing(*hit.state, st);
      st.rule = entry->id;
      st.basis = EntryBasis(*entry, salt, hit.isomer);
      st.explanation = ListedText(*entry, *hit.state, options.at);
      if (hit.isomer) {
        st.explanation += input_has_stereo
                              ? " The input is a stereoisomer of the listed form; the listing covers isomers."
                              : " The input does not specify stereochemistry, so it is read as the listed form "
                                "(strictest reading); give the stereochemistry for an exact answer.";
      }
      if (flat_exception)
        st.explanation += " One stereoisomer, " + flat_exception->name + ", is expressly excepted (" +
                          flat_exception->citation + ").";
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
      if (!cls->caveat.empty()) st.explanation += " " + cls->caveat;
      if (salt) st.explanation += " The input is a salt or solvate.";
    } else if (exception) {
      st.category = Category::kNone;
      st.basis = "excepted";
      st.rule = exception->id;
      st.citation = exception->citation;
      std::vector<std::string> names;
      for (const auto& id : exception->excepts) {
        const rules::Entry* x = rules_->EntryById(id);
        names.push_back(x ? x->name + " (" + x->listing + ")" : id);
      }
      st.explanation = exception->name + " is expressly excepted from " + Join(names, ", ") + " (" + exception->citation +
                       "); not controlled under them.";
      for (const auto& c : rb->coverage) st.explanation += " Coverage: " + c;
    } else {
      st.category = Category::kNone;
      st.explanation = "not listed and no class rule applies in " + rb->version + " on " + options.at.ToString() + ".";
      if (not_in_force) st.explanation += NotInForceText(*not_in_force, options.at);
      for (const auto& c : rb->coverage) st.explanation += " Coverage: " + c;
    }
    st.also = std::move(also);
    out.emplace(j, std::move(st));
  }
  return out;
}

std::map<std::string, JurisdictionStatus> Engine::StatusOfUnstructured(const rules::NamedIdentity& id,
                                                                       const ClassifyOptions& options) const {
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
      if (!entry || Severity(s->category) > Severity(state->category)) {
        entry = e;
        state = s;
      }
    }
    if (entry) {
      FillListing(*state, st);
      st.rule = entry->id;
      st.basis = "entry";
      st.explanation = ListedText(*entry, *state, options.at) + " Matched by name or CAS number (" + entry->no_structure +
                       "; no single structure).";
    } else {
      st.category = Category::kNone;
      st.explanation = "no listing of this name or CAS number in " + rb->version + " on " + options.at.ToString() + ".";
      if (not_in_force) st.explanation += NotInForceText(*not_in_force, options.at);
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
    r.error = Status::InvalidArgument(std::string("classification ran out of its time budget (") + step +
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
      r.substance.notes.push_back(id->unstructured.front()->no_structure + ": no single structure; classified by name");
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
    if (id) name = id->name;
    else if (!std->removed.empty()) name.clear();
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
      if (Severity(st.category) > Severity(mine.category)) {
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
  for (const auto& [j, st] : record.status) worst = std::max(worst, Severity(st.category));
  if (worst == 2) return "controlled";
  if (worst == 1) return "precursor";
  if (!record.flags.empty()) return "flagged";
  return "clear";
}

}  // namespace chokepoint::classify
