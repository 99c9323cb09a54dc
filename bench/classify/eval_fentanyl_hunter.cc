// Evaluation of `classify` over the Fentanyl Hunter library: per jurisdiction, how
// many substances are controlled and on what basis (entry / class / salt / isomer / ...; class
// modification histogram), then every substance that is not controlled somewhere, with the
// engine's explanation and the class matcher's nearest miss. Also checks our InChIKey and formula
// against the library's columns.
//
//   eval_fentanyl_hunter [--csv FILE] [--rulebooks DIR] [--at YYYY-MM-DD] [--gaps US,CN] [--all]
//
// --gaps: the jurisdictions whose gaps are listed (default US,CN; the UN tables list few
// fentanyl-type substances by name, so listing every UN gap would list the whole library).
#include <GraphMol/RDKitBase.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "bench_common.h"
#include "classify/class_matcher.h"
#include "util/csv.h"

namespace cp = chokepoint;

namespace {

struct Row {
  std::string name, inchikey, smiles, formula;
};

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

// Display width in code points (CJK listings are wider, but this keeps columns roughly right).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::string Pad(const std::string& s, size_t n) {
  return s + std::string(n > Width(s) ? n - Width(s) : 0, ' ');
}

// Why no class rule of `rb` applies: the nearest miss per rule whose core is present.
std::string NearMiss(const RDKit::ROMol& parent, const cp::rules::Rulebook& rb,
                     const cp::Date& at) {
  std::vector<std::string> out;
  for (const auto& c : rb.classes) {
    if (!c->InForce(at)) continue;
    auto m = cp::classify::MatchClass(parent, *c);
    if (m.matched && c->basis == "class" && m.modifications.empty())
      out.push_back(c->name + ": matches the reference structure itself (no modification)");
    else if (!m.matched && !m.rejection.empty())
      out.push_back(c->name + ": " + m.rejection);
  }
  if (out.empty()) return "no class core is present in the structure";
  return Join(out, "; ");
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv = "/work/shared/data/chem/fentanyl_hunter_library.csv";
  std::string dir = cp::bench::DefaultRulebookDir();
  std::string at;
  bool all = false;
  std::string gaps_arg = "US,CN";
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--csv" && i + 1 < argc)
      csv = argv[++i];
    else if (k == "--rulebooks" && i + 1 < argc)
      dir = argv[++i];
    else if (k == "--at" && i + 1 < argc)
      at = argv[++i];
    else if (k == "--all")
      all = true;
    else if (k == "--gaps" && i + 1 < argc)
      gaps_arg = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: eval_fentanyl_hunter [--csv FILE] [--rulebooks DIR] [--at YYYY-MM-DD] "
                   "[--gaps US,CN] [--all]\n");
      return 2;
    }
  }
  std::ifstream in(csv);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", csv.c_str());
    return 1;
  }
  std::vector<Row> rows;
  for (auto& r : cp::ReadCsvTable(csv))
    rows.push_back({r["Name"], r["InChlKey"], r["SMILES"], r["Formula"]});
  std::string note;
  auto engine = cp::bench::LoadEngineOrFallback(dir, &note);
  if (!engine) return 1;
  cp::classify::ClassifyOptions opts;
  if (!at.empty()) {
    auto d = cp::Date::Parse(at);
    if (!d.ok()) {
      std::fprintf(stderr, "--at: %s\n", d.status().message().c_str());
      return 2;
    }
    opts.at = *d;
  }
  opts.want_inchi = true;  // to check our InChIKeys against the library's
  const auto js = engine->rules().Jurisdictions();

  double t0 = cp::bench::Now();
  std::vector<cp::classify::Record> recs;
  for (size_t i = 0; i < rows.size(); ++i) {
    recs.push_back(engine->Classify(rows[i].smiles, opts));
    recs.back().line = static_cast<int>(i + 2);
  }
  double secs = cp::bench::Now() - t0;

  std::printf("== Fentanyl Hunter library: %s ==\n", csv.c_str());
  std::printf("%zu substances; %s; law at %s; classified in %.2f s (with InChI)\n", rows.size(),
              note.c_str(), opts.at.ToString().c_str(), secs);
  for (const auto& j : js)
    std::printf("  %s: %s\n", j.c_str(), engine->rules().Find(j)->version.c_str());

  std::map<std::string, size_t> verdicts;
  for (const auto& r : recs) ++verdicts[r.verdict];
  std::printf("\nverdicts:");
  for (const auto& [v, n] : verdicts) std::printf(" %s %zu", v.c_str(), n);
  std::printf("\n");

  // Cross-jurisdiction pattern: which jurisdictions control each substance.
  std::map<std::string, size_t> pattern;
  for (const auto& r : recs) {
    if (!r.ok) continue;
    std::vector<std::string> c;
    for (const auto& j : js) {
      auto it = r.status.find(j);
      if (it != r.status.end() && it->second.category != cp::rules::Category::kNone) c.push_back(j);
    }
    ++pattern[c.empty() ? "none" : Join(c, "+")];
  }
  std::printf("controlled (drug or precursor) in:");
  for (const auto& [p, n] : pattern) std::printf("  %s %zu", p.c_str(), n);
  std::printf("\n");

  // Per jurisdiction: category x basis x listing, modification histograms, rules.
  for (const auto& j : js) {
    std::map<std::tuple<std::string, std::string, std::string>, size_t> table;
    std::map<std::string, size_t> combos, labels, rules_used;
    size_t controlled = 0, none = 0;
    for (const auto& r : recs) {
      if (!r.ok) continue;
      auto it = r.status.find(j);
      if (it == r.status.end()) continue;
      const auto& st = it->second;
      if (st.category == cp::rules::Category::kNone) {
        ++none;
        continue;
      }
      ++controlled;
      std::string listing = st.listing.substr(0, st.listing.find(" ("));
      ++table[{cp::rules::CategoryName(st.category), st.basis, listing}];
      ++rules_used[st.rule];
      if (!st.modifications.empty()) {
        ++combos[Join(st.modifications, "+")];
        for (const auto& m : st.modifications) ++labels[m];
      }
    }
    std::printf("\n-- %s: %zu controlled, %zu not controlled, %zu errors --\n", j.c_str(),
                controlled, none, verdicts["error"]);
    std::printf("  %-10s %-20s %-44s %5s\n", "category", "basis", "listing", "n");
    for (const auto& [k, n] : table)
      std::printf("  %-10s %s %s %5zu\n", std::get<0>(k).c_str(), Pad(std::get<1>(k), 20).c_str(),
                  Pad(std::get<2>(k), 44).c_str(), n);
    if (!labels.empty()) {
      std::printf("  class modifications (each label once per substance):");
      for (const auto& [m, n] : labels) std::printf("  %s %s: %zu", j.c_str(), m.c_str(), n);
      std::printf("\n  combinations:");
      std::vector<std::pair<size_t, std::string>> sorted;
      for (const auto& [m, n] : combos) sorted.emplace_back(n, m);
      std::sort(sorted.rbegin(), sorted.rend());
      for (const auto& [n, m] : sorted) std::printf("  %s %zu", m.c_str(), n);
      std::printf("\n");
    }
    std::printf("  rules:");
    for (const auto& [id, n] : rules_used) std::printf("  %s %zu", id.c_str(), n);
    std::printf("\n");
  }

  // Identity checks against the library's own columns.
  size_t key_same = 0, key_diff = 0, key_skel = 0, f_same = 0, f_diff = 0;
  std::vector<std::string> key_examples, f_examples;
  for (size_t i = 0; i < recs.size(); ++i) {
    const auto& r = recs[i];
    if (!r.ok) continue;
    const auto& lib = rows[i].inchikey;
    if (!r.substance.inchikey.empty() && !lib.empty()) {
      if (r.substance.inchikey == lib)
        ++key_same;
      else {
        ++key_diff;
        if (r.substance.inchikey.substr(0, 14) == lib.substr(0, 14)) ++key_skel;
        if (key_examples.size() < 8)
          key_examples.push_back(rows[i].name + ": ours " + r.substance.inchikey + ", library " +
                                 lib +
                                 (r.substance.removed.empty() ? "" : " (salt/solvent stripped)"));
      }
    }
    if (!rows[i].formula.empty()) {
      if (r.substance.formula == rows[i].formula)
        ++f_same;
      else {
        ++f_diff;
        if (f_examples.size() < 8)
          f_examples.push_back(rows[i].name + ": ours " + r.substance.formula + ", library " +
                               rows[i].formula);
      }
    }
  }
  std::printf(
      "\nidentity check vs the library columns: InChIKey same %zu, different %zu (%zu same "
      "skeleton, first "
      "block); formula same %zu, different %zu\n",
      key_same, key_diff, key_skel, f_same, f_diff);
  for (const auto& e : key_examples) std::printf("  key  %s\n", e.c_str());
  for (const auto& e : f_examples) std::printf("  formula  %s\n", e.c_str());

  // The rest: not controlled in at least one of the --gaps jurisdictions, with the reason.
  std::vector<std::string> gaps;
  {
    std::stringstream ss(gaps_arg);
    std::string g;
    while (std::getline(ss, g, ','))
      if (std::find(js.begin(), js.end(), g) != js.end()) gaps.push_back(g);
  }
  std::printf("\n-- substances not controlled in at least one of %s%s, with the reason --\n",
              Join(gaps, ", ").c_str(), all ? " (--all: every substance listed)" : "");
  size_t listed = 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    const auto& r = recs[i];
    bool gap = !r.ok;
    for (const auto& j : gaps) {
      auto it = r.status.find(j);
      if (it != r.status.end() && it->second.category == cp::rules::Category::kNone) gap = true;
    }
    if (!gap && !all) continue;
    ++listed;
    std::printf("\n%3zu. %s  [%s]  %s\n", i + 1, rows[i].name.c_str(), r.verdict.c_str(),
                rows[i].smiles.c_str());
    if (!r.ok) {
      std::printf("     error (%s): %s\n", r.error.tag().c_str(), r.error.message().c_str());
      continue;
    }
    std::unique_ptr<RDKit::RWMol> parent;
    for (const auto& j : gaps) {
      auto it = r.status.find(j);
      if (it == r.status.end()) continue;
      const auto& st = it->second;
      if (st.category != cp::rules::Category::kNone) {
        std::string listing = st.listing.substr(0, st.listing.find(" ("));
        std::printf("     %s: controlled, %s [%s%s%s]\n", j.c_str(), listing.c_str(),
                    st.basis.c_str(), st.modifications.empty() ? "" : " ",
                    Join(st.modifications, "+").c_str());
        continue;
      }
      if (!parent) {
        auto m = cp::chem::ParseSmiles(r.substance.smiles);
        if (m.ok()) parent = std::move(*m);
      }
      std::string miss = parent ? NearMiss(*parent, *engine->rules().Find(j), opts.at) : "";
      std::printf("     %s: not controlled: %s\n         nearest class miss: %s\n", j.c_str(),
                  st.explanation.c_str(), miss.c_str());
    }
  }
  std::printf("\n(%zu listed)\n", listed);
  return 0;
}
