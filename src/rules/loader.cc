// Loading and validating rulebook files (format: docs/rulebook-format.md).
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <RDGeneral/versions.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "chem/cas.h"
#include "chem/molecule.h"
#include "chem/smiles_diagnosis.h"
#include "chem/standardize.h"
#include "rules/name_key.h"
#include "rules/rulebook_set.h"
#include "rules/verify.h"
#include "util/csv.h"
#include "util/file_cache.h"
#include "util/hash.h"
#include "util/yaml.h"
#include "util/yaml_reader.h"

namespace chokepoint::rules {

namespace fs = std::filesystem;

// Builds a RulebookSet from files, collecting every problem found.
class RulebookLoader : private YamlReader {
 public:
  explicit RulebookLoader(RulebookSet& set) : set_(set) {}

  // One rulebook file, already read and parsed (LoadRulebooks parses the files in parallel).
  void LoadFile(const std::string& display, const std::string& text,
                const Result<yaml::Node>& parsed) {
    yaml::Node root;
    if (!Use(display, text, parsed, &root)) return;
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
    HashInto(jurisdiction, text);
    if (root["entries"]) {
      for (const auto& node : root["entries"]) LoadEntry(node, jurisdiction, rb);
    }
    if (root["classes"]) {
      for (const auto& node : root["classes"]) LoadClass(node, jurisdiction, rb);
    }
  }

  // An official list: data/rulebooks/<jurisdiction>/official/<id>.csv (docs/rulebook-format.md).
  void LoadOfficialList(const fs::path& path, const std::string& display) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    SetFile(display);
    OfficialList list;
    list.id = path.stem().string();
    list.file = display;
    std::string_view rest;
    int first_line = 1;
    for (const auto& [k, v] : ReadHeaderComments(text, &rest, &first_line)) {
      if (k == "jurisdiction")
        list.jurisdiction = v;
      else if (k == "title")
        list.title = v;
      else if (k == "source")
        list.source += (list.source.empty() ? "" : " ") + v;
      else if (k == "as_of")
        list.as_of = v;
      else if (k == "list" && v != list.id)
        Error(1, "'# list: " + v + "' does not match the file name '" + list.id + "'");
    }
    if (list.jurisdiction.empty()) Error(1, "official list has no '# jurisdiction:' header line");
    if (list.title.empty()) Error(1, "official list has no '# title:' header line");
    if (list.source.empty()) Error(1, "official list has no '# source:' header line");
    if (!list.as_of.empty() && !Date::Parse(list.as_of).ok())
      Error(1, "'# as_of: " + list.as_of + "' is not a date");
    CsvReader reader(rest);
    CsvRecord rec;
    std::map<std::string, size_t> col;
    std::set<std::string> keys;
    while (reader.Next(rec)) {
      const int line = rec.line + first_line - 1;
      if (!rec.error.empty()) {
        Error(line, rec.error);
        continue;
      }
      if (col.empty()) {
        for (size_t i = 0; i < rec.fields.size(); ++i) col[CleanField(rec.fields[i])] = i;
        if (!col.count("key") || !col.count("name")) {
          Error(line,
                "the header row must name the columns 'key' and 'name' (and may add code, cas, "
                "omitted_reason)");
          return;
        }
        continue;
      }
      auto field = [&](const char* name) -> std::string {
        auto it = col.find(name);
        return it == col.end() || it->second >= rec.fields.size()
                   ? ""
                   : CleanField(rec.fields[it->second]);
      };
      OfficialList::Row row;
      row.line = line;
      row.key = field("key");
      row.code = field("code");
      row.name = field("name");
      row.cas = field("cas");
      row.omitted_reason = field("omitted_reason");
      if (row.key.empty()) {
        Error(line, "row has no key");
        continue;
      }
      if (!keys.insert(row.key).second) {
        Error(line, "duplicate key '" + row.key + "'");
        continue;
      }
      list.rows.push_back(std::move(row));
    }
    HashInto(list.jurisdiction, text);
    official_.push_back(std::move(list));
  }

  // Cross-file checks and indexes; returns the collected problems.
  std::vector<std::string> Finish() {
    ComputePendingStructures();
    for (auto& list : official_) {
      if (list.jurisdiction.empty()) continue;
      BookFor(list.jurisdiction).official.push_back(std::move(list));
    }
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
    for (auto& rb : set_.rulebooks_) {
      CheckReferences(rb);
      CheckSameStructure(rb);
      std::string summary = CoverageSummary(rb);
      if (!summary.empty()) rb.coverage.insert(rb.coverage.begin(), summary);
    }
    for (const auto& rb : set_.rulebooks_) {
      for (const auto& e : rb.entries) {
        set_.by_id_.emplace(e->id, e.get());
        if (!e->HasStructure()) continue;
        set_.by_structure_[e->parent_smiles].push_back(e.get());
        set_.by_flat_structure_[e->parent_smiles_flat].push_back(e.get());
        set_.formulas_.insert(e->formula);
        NamedIdentity id{e->name, e->parent_smiles, e->id, {}};
        set_.by_parent_.emplace(e->parent_smiles, id);
        AddName(e->name, id, e->location);
        for (const auto& s : e->synonyms) AddName(s, id, e->location);
        for (const auto& c : e->cas) AddCas(c, id, e->location);
      }
    }
    IndexUnstructured();
    for (const auto& s : set_.substances_) {
      NamedIdentity id{s.name, s.parent_smiles, s.id, {}};
      set_.by_parent_.emplace(s.parent_smiles, id);
      AddName(s.name, id, s.location);
      for (const auto& syn : s.synonyms) AddName(syn, id, s.location);
      for (const auto& c : s.cas) AddCas(c, id, s.location);
      if (s.role == "counterion" || s.role == "solvent") {
        set_.known_fragments_.emplace(s.parent_smiles, chem::KnownFragment{s.name, s.role});
      }
    }
    for (const auto& [name, id] : soft_names_) {
      std::string key = NameKey(name);
      if (key.size() < 2 || set_.by_name_key_.count(key)) continue;
      set_.by_name_key_.emplace(key, id);
      set_.display_names_.emplace(key, name);
    }
    return errors();
  }

 private:
  // refs point at existing rows; a row is encoded or has a reason, not both; excepts and
  // concurrent_with name entries of the same jurisdiction. Fills rb.list_coverage.
  void CheckReferences(Rulebook& rb) {
    std::map<std::string, std::map<std::string, const OfficialList::Row*>>
        rows;  // list -> key -> row
    for (const auto& l : rb.official)
      for (const auto& r : l.rows) rows[l.id][r.key] = &r;
    std::map<std::string, std::set<std::string>> referenced;  // list -> keys
    std::set<std::string> ids;
    for (const auto& e : rb.entries) ids.insert(e->id);
    for (const auto& e : rb.entries) {
      for (const auto& ref : e->refs) {
        size_t colon = ref.find(':');
        std::string list = ref.substr(0, colon),
                    key = colon == std::string::npos ? "" : ref.substr(colon + 1);
        auto l = rows.find(list);
        if (colon == std::string::npos || l == rows.end()) {
          AddError(e->location.ToString() + ": '" + e->id + "' refs '" + ref + "', but " +
                   rb.jurisdiction + " has no official list '" + list +
                   "' (expected <list_id>:<key>)");
          continue;
        }
        auto r = l->second.find(key);
        if (r == l->second.end()) {
          AddError(e->location.ToString() + ": '" + e->id + "' refs '" + ref +
                   "', which is not a row of " + list);
          continue;
        }
        if (!r->second->omitted_reason.empty()) {
          AddError(e->location.ToString() + ": '" + e->id + "' encodes " + ref +
                   ", but that row also gives an omitted_reason; remove one of the two");
        }
        referenced[list].insert(key);
      }
      for (const auto& x : e->excepts)
        if (!ids.count(x))
          AddError(e->location.ToString() + ": '" + e->id + "' excepts unknown entry '" + x + "'");
      for (const auto& x : e->concurrent_with)
        if (!ids.count(x))
          AddError(e->location.ToString() + ": '" + e->id + "' is concurrent_with unknown entry '" +
                   x + "'");
    }
    rb.list_coverage.clear();
    for (const auto& l : rb.official) {
      ListCoverage c;
      c.list = &l;
      for (const auto& r : l.rows) {
        if (referenced[l.id].count(r.key))
          ++c.encoded;
        else if (!r.omitted_reason.empty())
          ++c.omitted;
        else
          c.missing.push_back(&r);
      }
      rb.list_coverage.push_back(std::move(c));
    }
  }

  // Two entries of one jurisdiction with the same structure: a transfer belongs in `history` of
  // one entry; two listings in force at once must say so (`concurrent_with`).
  void CheckSameStructure(const Rulebook& rb) {
    std::map<std::string, std::vector<const Entry*>> by_smiles;
    for (const auto& e : rb.entries)
      if (e->HasStructure()) by_smiles[e->parent_smiles].push_back(e.get());
    auto span = [](const Entry& e) {
      const Listing& first = e.history.empty() ? static_cast<const Listing&>(e) : e.history.front();
      return std::make_pair(first.effective_known ? first.effective : Date(), e.end);
    };
    for (const auto& [smiles, es] : by_smiles) {
      for (size_t i = 0; i < es.size(); ++i) {
        for (size_t k = i + 1; k < es.size(); ++k) {
          const Entry& a = *es[i];
          const Entry& b = *es[k];
          if (a.excepted || b.excepted) continue;
          auto has = [](const std::vector<std::string>& v, const std::string& id) {
            return std::find(v.begin(), v.end(), id) != v.end();
          };
          if (has(a.concurrent_with, b.id) || has(b.concurrent_with, a.id)) continue;
          auto [a0, a1] = span(a);
          auto [b0, b1] = span(b);
          bool disjoint = (a1 && *a1 <= b0) || (b1 && *b1 <= a0);
          if (disjoint) continue;
          AddError(b.location.ToString() + ": '" + b.id + "' has the same structure as '" + a.id +
                   "' (" + a.location.ToString() +
                   "); a transfer between listings is one entry with 'history', "
                   "and two listings in force at once need 'concurrent_with: [" +
                   a.id + "]' and a note saying why");
        }
      }
    }
  }

  // Entries with no single structure resolve by name and CAS. Entries of any jurisdiction that
  // share a name or CAS number describe the same thing (opium, 阿片), so a name given for one
  // finds all of them: union-find over shared keys.
  void IndexUnstructured() {
    std::vector<const Entry*> es;
    for (const auto& rb : set_.rulebooks_)
      for (const auto& e : rb.entries)
        if (!e->HasStructure()) es.push_back(e.get());
    std::vector<size_t> parent(es.size());
    for (size_t i = 0; i < es.size(); ++i) parent[i] = i;
    std::function<size_t(size_t)> find = [&](size_t x) {
      return parent[x] == x ? x : parent[x] = find(parent[x]);
    };
    std::map<std::string, size_t> first;  // key -> first entry index
    auto keys_of = [](const Entry& e) {
      std::vector<std::string> ks;
      for (const auto& n : e.synonyms) ks.push_back("n:" + NameKey(n));
      ks.push_back("n:" + NameKey(e.name));
      for (const auto& c : e.cas) ks.push_back("c:" + c);
      return ks;
    };
    for (size_t i = 0; i < es.size(); ++i) {
      for (const auto& k : keys_of(*es[i])) {
        if (k == "n:") continue;
        auto [it, inserted] = first.emplace(k, i);
        if (!inserted) parent[find(i)] = find(it->second);
      }
    }
    std::map<size_t, std::vector<const Entry*>> groups;
    for (size_t i = 0; i < es.size(); ++i) groups[find(i)].push_back(es[i]);
    for (size_t i = 0; i < es.size(); ++i) {
      const Entry& e = *es[i];
      NamedIdentity id{e.name, "", e.id, groups[find(i)]};
      AddName(e.name, id, e.location);
      for (const auto& s : e.synonyms) AddName(s, id, e.location);
      for (const auto& c : e.cas) AddCas(c, id, e.location);
    }
  }

  Rulebook& BookFor(const std::string& j) {
    for (auto& rb : set_.rulebooks_)
      if (rb.jurisdiction == j) return rb;
    set_.rulebooks_.push_back(Rulebook{});
    set_.rulebooks_.back().jurisdiction = j;
    return set_.rulebooks_.back();
  }

  std::optional<Date> DateField(const yaml::Node& node, const char* key, bool required) {
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
  // Derived structures are cached across starts (util/file_cache.h): canonicalizing ~2,000
  // structures is most of a cold load. The stamp names RDKit and this build.
  static std::string CacheStamp() {
    return std::string("chokepoint rulebook structures 2; RDKit ") + RDKit::rdkitVersion +
           "; build " + __DATE__ + " " + __TIME__ + "; " + chem::StandardizerStamp();
  }
  std::optional<Parent> CachedParent(const std::string& smiles) const {
    std::string v;
    if (!cache_.Find("parent:" + smiles, &v)) return std::nullopt;
    size_t a = v.find('\t'), b = a == std::string::npos ? a : v.find('\t', a + 1);
    if (b == std::string::npos) return std::nullopt;
    return Parent{v.substr(0, a), v.substr(a + 1, b - a - 1), v.substr(b + 1)};
  }
  void CacheParent(const std::string& smiles, const Parent& p) {
    cache_.Put("parent:" + smiles, p.smiles + "\t" + p.flat + "\t" + p.formula);
  }

  static Result<Parent> ComputeParent(const std::string& smiles) {
    CP_ASSIGN_OR_RETURN(chem::MolPtr mol, chem::ParseSmiles(smiles));
    CP_ASSIGN_OR_RETURN(chem::Standardized std, chem::Standardize(std::move(mol), nullptr));
    return Parent{chem::CanonicalSmiles(*std.parent), chem::CanonicalSmiles(*std.parent, false),
                  chem::Formula(*std.parent)};
  }
  std::optional<Parent> Structure(const yaml::Node& node, const std::string& smiles) {
    auto parent = ComputeParent(smiles);
    if (!parent.ok()) {
      Error(Line(node["smiles"]), parent.status().message());
      return std::nullopt;
    }
    return *parent;
  }

  // Entry structures are computed after all files are read, on every core: RDKit's parse and
  // canonicalization are most of the load time.
  struct PendingStructure {
    std::shared_ptr<Entry> entry;
    int smiles_line = 0, formula_line = 0;
    std::string file;
  };
  void ComputePendingStructures() {
    std::vector<Result<Parent>> results(pending_.size(), Status::Internal("not computed"));
    std::vector<size_t> todo;
    for (size_t i = 0; i < pending_.size(); ++i) {
      if (auto p = CachedParent(pending_[i].entry->smiles))
        results[i] = *p;
      else
        todo.push_back(i);
    }
    const size_t threads =
        std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), 8));
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t k = next++; k < todo.size(); k = next++)
        results[todo[k]] = ComputeParent(pending_[todo[k]].entry->smiles);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads && todo.size() > 64; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (size_t i : todo)
      if (results[i].ok()) CacheParent(pending_[i].entry->smiles, *results[i]);
    for (size_t i = 0; i < pending_.size(); ++i) {
      const auto& p = pending_[i];
      Entry& e = *p.entry;
      if (!results[i].ok()) {
        AddError(p.file + ":" + std::to_string(p.smiles_line) + ": " +
                 results[i].status().message());
        continue;
      }
      e.parent_smiles = results[i]->smiles;
      e.parent_smiles_flat = results[i]->flat;
      e.formula = results[i]->formula;
      if (!e.expected_formula.empty() && e.expected_formula != e.formula)
        AddError(p.file + ":" + std::to_string(p.formula_line) + ": 'formula' " +
                 e.expected_formula + " does not match the structure (" + e.formula + ")");
      std::string key = e.jurisdiction + "|" + e.parent_smiles + "|" + e.listing;
      auto [it, inserted] = structures_.emplace(key, e.location.ToString());
      if (!inserted && !e.excepted)
        AddError(e.location.ToString() + ": '" + e.id +
                 "' has the same structure and listing as the entry at " + it->second);
    }
    pending_.clear();
  }

  // The date fields of one listing state: exactly one of `effective` (the first day of control)
  // and `in_force_by` (a day on which the official text read lists it), and an optional `end`.
  void StateDates(const yaml::Node& node, Listing& l, bool end_required) {
    auto eff = DateField(node, "effective", false);
    auto by = DateField(node, "in_force_by", false);
    if (eff && by) Error(Line(node), "give 'effective' or 'in_force_by', not both");
    if (!eff && !by && !node["effective"] && !node["in_force_by"])
      Error(Line(node),
            "missing required 'effective' (or 'in_force_by' when the day control began is not "
            "confirmed)");
    if (eff) l.effective = *eff;
    if (by) {
      l.effective = *by;
      l.effective_known = false;
    }
    l.end = DateField(node, "end", end_required);
    if (l.end && *l.end <= l.effective)
      Error(Line(node["end"]), std::string("'end' must be after '") +
                                   (l.effective_known ? "effective" : "in_force_by") + "'");
  }

  Category ParseCategory(const yaml::Node& node, bool allow_excepted, bool* excepted) {
    std::string cat = Str(node, "category", true);
    if (cat == "drug") return Category::kDrug;
    if (cat == "precursor") return Category::kPrecursor;
    if (cat == "excepted" && allow_excepted) {
      *excepted = true;
      return Category::kNone;
    }
    if (!cat.empty())
      Error(Line(node["category"]), std::string("category must be 'drug' or 'precursor'") +
                                        (allow_excepted ? " (or 'excepted')" : "") + ", not '" +
                                        cat + "'");
    return Category::kNone;
  }

  bool ListingFields(const yaml::Node& node, const std::string& j, Listing& l,
                     bool* excepted = nullptr) {
    size_t before = errors().size();
    l.jurisdiction = j;
    l.location = {file(), Line(node)};
    l.id = Str(node, "id", true);
    l.name = Str(node, "name", true);
    bool ignored = false;
    l.category = ParseCategory(node, excepted != nullptr, excepted ? excepted : &ignored);
    l.listing = Str(node, "listing", true);
    l.code = Str(node, "code", false);
    l.citation = Str(node, "citation", true);
    StateDates(node, l, false);
    l.source = Str(node, "source", false);
    l.note = Str(node, "note", false);
    if (!l.id.empty()) {
      auto [it, inserted] = ids_.emplace(l.id, l.location.ToString());
      if (!inserted)
        Error(Line(node), "duplicate id '" + l.id + "' (first defined at " + it->second + ")");
    }
    return errors().size() == before;
  }

  // Earlier states of an entry (dated transfers), oldest first.
  void LoadHistory(const yaml::Node& node, Entry& e) {
    yaml::Node h = node["history"];
    if (!h) return;
    if (!h.IsSequence()) {
      Error(Line(h), "'history' must be a list of earlier listings");
      return;
    }
    for (const auto& hn : h) {
      if (!hn.IsMap()) {
        Error(Line(hn), "a history state must be a mapping");
        continue;
      }
      CheckKeys(hn, {"listing", "citation", "effective", "in_force_by", "end", "category", "code",
                     "note", "source"});
      Listing st;
      st.jurisdiction = e.jurisdiction;
      st.id = e.id;
      st.name = e.name;
      st.location = {file(), Line(hn)};
      st.listing = Str(hn, "listing", true);
      st.citation = Str(hn, "citation", true);
      st.code = Str(hn, "code", false);
      st.note = Str(hn, "note", false);
      st.source = Str(hn, "source", false);
      st.category = e.category;
      if (hn["category"]) {
        bool ignored = false;
        st.category = ParseCategory(hn, false, &ignored);
      }
      StateDates(hn, st, true);
      e.history.push_back(std::move(st));
    }
    // Oldest first, each state over before the next begins.
    for (size_t i = 0; i < e.history.size(); ++i) {
      const Listing& cur = e.history[i];
      const Listing& next =
          i + 1 < e.history.size() ? e.history[i + 1] : static_cast<const Listing&>(e);
      if (cur.end && next.effective_known && next.effective < *cur.end)
        Error(cur.location.line, "history state '" + cur.listing + "' ends " + cur.end->ToString() +
                                     ", after the next state begins (" + next.effective.ToString() +
                                     "); list states oldest first");
    }
  }

  std::vector<Threshold> Thresholds(const yaml::Node& node) {
    std::vector<Threshold> out;
    yaml::Node t = node["thresholds"];
    if (!t) return out;
    if (!t.IsSequence()) {
      Error(Line(t), "'thresholds' must be a list");
      return out;
    }
    static const std::set<std::string> kScopes = {"all", "domestic", "import_export", "import",
                                                  "export"};
    static const std::set<std::string> kUnits = {"g", "kg", "mg", "L", "mL", "gal"};
    for (const auto& tn : t) {
      CheckKeys(tn, {"scope", "quantity", "unit", "basis", "citation", "note"});
      Threshold th;
      th.scope = Str(tn, "scope", true);
      if (!th.scope.empty() && !kScopes.count(th.scope))
        Error(
            Line(tn["scope"]),
            "scope must be all, domestic, import_export, import or export, not '" + th.scope + "'");
      std::string q = Str(tn, "quantity", true);
      char* endp = nullptr;
      th.quantity = std::strtod(q.c_str(), &endp);
      if (!q.empty() && (endp == q.c_str() || *endp != '\0' || th.quantity < 0))
        Error(Line(tn["quantity"]), "quantity must be a number >= 0, not '" + q + "'");
      th.unit = Str(tn, "unit", true);
      if (!th.unit.empty() && !kUnits.count(th.unit))
        Error(Line(tn["unit"]), "unit must be one of g, kg, mg, L, mL, gal, not '" + th.unit + "'");
      th.basis = Str(tn, "basis", false);
      th.citation = Str(tn, "citation", true);
      th.note = Str(tn, "note", false);
      out.push_back(std::move(th));
    }
    return out;
  }

  std::set<std::string> Covers(const yaml::Node& node) {
    static const std::set<std::string> kClauses = {
        "salts",  "isomers",         "stereoisomers",     "esters",
        "ethers", "optical_isomers", "positional_isomers"};
    std::set<std::string> out;
    for (const auto& c : StrList(node, "covers")) {
      if (!kClauses.count(c)) Error(Line(node["covers"]), "unknown 'covers' clause '" + c + "'");
      out.insert(c);
    }
    return out;
  }

  std::vector<std::string> CasList(const yaml::Node& node) {
    std::vector<std::string> out;
    for (const auto& c : StrList(node, "cas")) {
      auto r = chem::ParseCas(c);
      if (!r.ok())
        Error(Line(node["cas"]), r.status().message());
      else
        out.push_back(*r);
    }
    return out;
  }

  void LoadEntry(const yaml::Node& node, const std::string& j, Rulebook& rb) {
    if (!node.IsMap()) {
      Error(Line(node), "an entry must be a mapping");
      return;
    }
    CheckKeys(node, {"id",           "name",        "synonyms", "cas",     "smiles",
                     "no_structure", "category",    "listing",  "code",    "citation",
                     "effective",    "in_force_by", "end",      "covers",  "history",
                     "refs",         "check",       "formula",  "excepts", "concurrent_with",
                     "thresholds",   "source",      "note"});
    auto e = std::make_shared<Entry>();
    bool ok = ListingFields(node, j, *e, &e->excepted);
    e->synonyms = StrList(node, "synonyms");
    e->cas = CasList(node);
    e->covers = Covers(node);
    LoadHistory(node, *e);
    e->refs = StrList(node, "refs");
    e->excepts = StrList(node, "excepts");
    e->concurrent_with = StrList(node, "concurrent_with");
    e->thresholds = Thresholds(node);
    if (e->excepted && e->excepts.empty())
      Error(Line(node),
            "an 'excepted' entry must name the listings it is excepted from in 'excepts'");
    if (!e->excepted && !e->excepts.empty())
      Error(Line(node["excepts"]), "'excepts' belongs only on entries of category 'excepted'");
    if (node["check"]) {
      const yaml::Node c = node["check"];
      CheckKeys(c, {"smiles", "by", "note"});
      // No smiles: no independent second derivation exists; the note must say why (reviewed).
      e->check_smiles = Str(c, "smiles", false);
      e->check_by = Str(c, "by", true);
      e->check_note = Str(c, "note", e->check_smiles.empty());
      // Syntax only here; `rulebooks verify` parses it and compares InChIKeys.
      if (std::string why = chem::DiagnoseSmilesSyntax(e->check_smiles); !why.empty())
        Error(Line(c["smiles"]), "check: invalid SMILES: " + why);
    }
    e->expected_formula = Str(node, "formula", false);
    e->smiles = Str(node, "smiles", false);
    e->no_structure = Str(node, "no_structure", false);
    if (e->smiles.empty() == e->no_structure.empty()) {
      Error(Line(node),
            e->smiles.empty()
                ? "missing 'smiles' (or 'no_structure: <why>' for a plant, preparation or mixture)"
                : "give 'smiles' or 'no_structure', not both");
      return;
    }
    if (!e->smiles.empty())
      pending_.push_back(
          {e, Line(node["smiles"]), node["formula"] ? Line(node["formula"]) : Line(node), file()});
    if (ok) rb.entries.push_back(std::move(e));
  }

  std::vector<SubstituentType> Types(const yaml::Node& node, const char* key) {
    std::vector<SubstituentType> out;
    for (const auto& s : StrList(node, key)) {
      auto t = ParseSubstituentType(s);
      if (!t)
        Error(Line(node[key]), "unknown substituent type '" + s + "'");
      else
        out.push_back(*t);
    }
    return out;
  }

  std::string CanonicalFragment(const yaml::Node& at, const std::string& smiles) {
    std::string cached;
    if (cache_.Find("fragment:" + smiles, &cached)) return cached;
    std::unique_ptr<RDKit::RWMol> m;
    try {
      m.reset(RDKit::SmilesToMol(smiles));
    } catch (const std::exception&) {
    }
    if (!m) {
      Error(Line(at), "invalid SMILES '" + smiles + "'");
      return "";
    }
    std::string canonical = chem::CanonicalSmiles(*m);
    cache_.Put("fragment:" + smiles, canonical);
    return canonical;
  }

  // The class's core SMARTS; false when it does not parse. `core_maps`: its atom map numbers.
  bool LoadCore(const yaml::Node& node, ClassRule& rule, std::set<int>* core_maps) {
    rule.core_smarts = Str(node, "core", true);
    if (rule.core_smarts.empty()) return true;
    std::shared_ptr<RDKit::ROMol> core;
    try {
      core.reset(RDKit::SmartsToMol(rule.core_smarts));
    } catch (const std::exception&) {
    }
    if (!core) {
      Error(Line(node["core"]), "invalid SMARTS in 'core'");
      return false;
    }
    for (const auto* a : core->atoms())
      if (a->getAtomMapNum()) core_maps->insert(a->getAtomMapNum());
    rule.core = core;
    return true;
  }

  // One region of a class: core atoms (each in one region only), what may be attached there,
  // and the ring and reference it must keep.
  Region LoadRegion(const yaml::Node& rn, const std::set<int>& core_maps, std::set<int>& used) {
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
    for (const char* k : {"min", "max"}) {
      if (!rn[k]) continue;
      if (!rn[k].IsInt()) Error(Line(rn[k]), std::string("'") + k + "' must be a whole number");
      (std::string(k) == "min" ? r.min : r.max) = rn[k].as<int>();
    }
    for (const auto& ref : StrList(rn, "reference"))
      r.reference.push_back(CanonicalFragment(rn["reference"], ref));
    std::sort(r.reference.begin(), r.reference.end());
    std::string ring = Str(rn, "ring", false);
    if (ring == "monocycle")
      r.ring = RingRequirement::kMonocycle;
    else if (ring == "aromatic_monocycle")
      r.ring = RingRequirement::kAromaticMonocycle;
    else if (ring == "aromatic_system")
      r.ring = RingRequirement::kAromaticSystem;
    else if (!ring.empty())
      Error(Line(rn["ring"]),
            "ring must be 'monocycle', 'aromatic_monocycle' or 'aromatic_system'");
    r.always = rn["always"] && rn["always"].as<std::string>() == "true";
    std::string rr = Str(rn, "reference_ring", false);
    if (!rr.empty()) r.reference_ring = CanonicalFragment(rn["reference_ring"], rr);
    if (rn["minor"]) {
      r.minor_allow = Types(rn["minor"], "allow");
      r.minor_modification = Str(rn["minor"], "modification", true);
    }
    r.modification = Str(rn, "modification", false);
    r.basis = Str(rn, "basis", false);
    return r;
  }

  // Substances the class rule expressly leaves to another listing.
  void LoadExclusions(const yaml::Node& node, ClassRule& rule) {
    for (const auto& xn : node["excludes"]) {
      CheckKeys(xn, {"name", "smiles", "category", "listing", "citation", "note"});
      Exclusion x;
      x.name = Str(xn, "name", true);
      x.smiles = Str(xn, "smiles", true);
      x.listing = Str(xn, "listing", true);
      x.citation = Str(xn, "citation", true);
      x.note = Str(xn, "note", false);
      std::string cat = Str(xn, "category", true);
      x.category = cat == "drug"        ? Category::kDrug
                   : cat == "precursor" ? Category::kPrecursor
                                        : Category::kNone;
      if (x.category == Category::kNone && !cat.empty())
        Error(Line(xn["category"]), "category must be 'drug' or 'precursor'");
      if (x.smiles.empty()) continue;
      auto parent = Structure(xn, x.smiles);
      if (!parent) continue;
      x.parent_smiles_flat = parent->flat;
      rule.excludes.push_back(std::move(x));
    }
  }

  void LoadClass(const yaml::Node& node, const std::string& j, Rulebook& rb) {
    if (!node.IsMap()) {
      Error(Line(node), "a class must be a mapping");
      return;
    }
    CheckKeys(node, {"id", "name", "category", "listing", "code", "citation", "effective",
                     "in_force_by", "end", "basis", "unless_listed", "reference", "core", "regions",
                     "covers", "source", "note", "excludes", "caveat"});
    auto c = std::make_shared<ClassRule>();
    bool ok = ListingFields(node, j, *c);
    c->basis = Str(node, "basis", false);
    if (c->basis.empty()) c->basis = "class";
    if (c->basis != "class" && c->basis != "derivative") {
      Error(Line(node["basis"]), "basis must be 'class' or 'derivative'");
    }
    c->unless_listed = node["unless_listed"] && node["unless_listed"].as<std::string>() == "true";
    c->covers = Covers(node);
    c->caveat = Str(node, "caveat", false);
    c->reference = Str(node, "reference", true);
    if (!c->reference.empty()) CanonicalFragment(node["reference"], c->reference);
    std::set<int> core_maps;
    ok = LoadCore(node, *c, &core_maps) && ok;
    std::set<int> used;
    for (const auto& rn : node["regions"]) c->regions.push_back(LoadRegion(rn, core_maps, used));
    if (c->regions.empty()) Error(Line(node), "class '" + c->id + "' has no regions");
    LoadExclusions(node, *c);
    if (ok) rb.classes.push_back(std::move(c));
  }

  void LoadSubstance(const yaml::Node& node) {
    CheckKeys(node, {"id", "name", "synonyms", "cas", "smiles", "role", "note"});
    Substance s;
    s.location = {file(), Line(node)};
    s.id = Str(node, "id", true);
    s.name = Str(node, "name", true);
    s.synonyms = StrList(node, "synonyms");
    s.cas = CasList(node);
    s.smiles = Str(node, "smiles", true);
    s.role = Str(node, "role", true);
    static const std::set<std::string> kRoles = {"counterion", "solvent", "chemical", "medicine"};
    if (!s.role.empty() && !kRoles.count(s.role))
      Error(Line(node["role"]), "unknown role '" + s.role + "'");
    if (!s.id.empty()) {
      auto [it, inserted] = ids_.emplace(s.id, s.location.ToString());
      if (!inserted)
        Error(Line(node), "duplicate id '" + s.id + "' (first defined at " + it->second + ")");
    }
    if (s.smiles.empty()) return;
    // Counter-ions are indexed in their neutral form, whole (HCl stays HCl).
    std::string cached, formula;
    if (cache_.Find("neutral:" + s.smiles, &cached) && cached.find('\t') != std::string::npos) {
      s.parent_smiles = cached.substr(0, cached.find('\t'));
      formula = cached.substr(cached.find('\t') + 1);
    } else {
      auto mol = chem::ParseSmiles(s.smiles);
      if (!mol.ok()) {
        Error(Line(node["smiles"]), mol.status().message());
        return;
      }
      chem::Neutralize(**mol);
      s.parent_smiles = chem::CanonicalSmiles(**mol);
      formula = chem::Formula(**mol);
      cache_.Put("neutral:" + s.smiles, s.parent_smiles + "\t" + formula);
    }
    set_.formulas_.insert(formula);
    set_.substances_.push_back(std::move(s));
  }

  void AddName(const std::string& name, const NamedIdentity& id, const Location& where) {
    std::string key = NameKey(name);
    if (key.empty()) return;
    // "N-phenethyl-4-piperidone (NPP)": the name without its parenthetical abbreviation, and the
    // abbreviation, resolve too, unless some entry gives them another meaning (added last, softly).
    if (name.size() > 3 && name.back() == ')') {
      size_t open = name.rfind(" (");
      if (open != std::string::npos && open > 0) {
        soft_names_.push_back({name.substr(0, open), id});
        soft_names_.push_back({name.substr(open + 2, name.size() - open - 3), id});
      }
    }
    auto [it, inserted] = set_.by_name_key_.emplace(key, id);
    if (!inserted && it->second.smiles != id.smiles) {
      AddError(where.ToString() + ": name '" + name + "' already names a different structure (" +
               it->second.via + ")");
      return;
    }
    set_.display_names_.emplace(key, name);
  }

  void AddCas(const std::string& cas, const NamedIdentity& id, const Location& where) {
    auto [it, inserted] = set_.by_cas_.emplace(cas, id);
    if (!inserted && it->second.smiles != id.smiles) {
      AddError(where.ToString() + ": CAS " + cas + " already names a different structure (" +
               it->second.via + ")");
    }
  }

  RulebookSet& set_;
  std::map<std::string, std::string> ids_;
  std::map<std::string, std::string> structures_;
  // Each jurisdiction's files folded into one hash, for its version string.
  void HashInto(const std::string& jurisdiction, const std::string& text) {
    auto it = hashes_.try_emplace(jurisdiction, kFnv1aOffset).first;
    it->second = Fnv1a(text, it->second);
  }
  std::map<std::string, uint64_t> hashes_;
  std::vector<OfficialList> official_;
  std::vector<std::pair<std::string, NamedIdentity>> soft_names_;
  std::vector<PendingStructure> pending_;
  FileCache cache_{"structures.tsv", CacheStamp()};

 public:
  void SaveCache() const { cache_.Save(); }
};

Result<std::shared_ptr<const RulebookSet>> LoadRulebooks(const std::string& dir) {
  chem::QuietRdkitLogs();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("rulebook directory '" + dir + "' does not exist", "rulebooks_missing");
  }
  std::vector<fs::path> files, lists;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension();
    if (ext == ".yaml" || ext == ".yml")
      files.push_back(e.path());
    else if (ext == ".csv" && e.path().parent_path().filename() == "official")
      lists.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::sort(lists.begin(), lists.end());
  auto set = std::make_shared<RulebookSet>();
  RulebookLoader loader(*set);
  // Reading and YAML parsing are independent per file: on every core.
  struct Parsed {
    std::string text;
    Result<yaml::Node> node = Status::Internal("not parsed");
  };
  std::vector<Parsed> parsed(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      std::ifstream in(files[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      parsed[i].text = ss.str();
      parsed[i].node = yaml::Node::Parse(parsed[i].text);
    }
  };
  std::vector<std::thread> pool;
  const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  for (size_t t = 1; t < threads && files.size() > 1; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (size_t i = 0; i < files.size(); ++i)
    loader.LoadFile(files[i].string(), parsed[i].text, parsed[i].node);
  for (const auto& f : lists) loader.LoadOfficialList(f, f.string());
  auto errors = loader.Finish();
  loader.SaveCache();
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
