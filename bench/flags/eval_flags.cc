// Evaluation of the flag stages on the curated sets in tests/data:
//   designer_precursors.csv        known masked and designer precursors (positives)
//   uncontrolled_analogs.csv       analogs of controlled drugs that no list names (positives)
//   approved_medicines_negatives.csv  approved medicines that share the scaffolds (negatives)
// Prints, for every similarity metric, precision / recall / false-positive rate over a threshold
// sweep, the figures at the configured threshold, the masked-precursor recall on the designer set,
// and how many negatives gain any flag with the full engine.
//
// Usage: eval_flags [--rulebooks DIR] [--data DIR] [--at YYYY-MM-DD] [--verbose]
#include <GraphMol/RDKitBase.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "chem/molecule.h"
#include "chem/standardize.h"
#include "classify/engine.h"
#include "flags/flag_stages.h"
#include "flags/masked_search.h"
#include "flags/similarity.h"
#include "rules/rulebook_set.h"
#include "util/csv.h"

using namespace chokepoint;

namespace {

struct Item {
  std::string name, smiles, set;  // set: designer | analog | negative
  double best[4] = {0, 0, 0, 0};  // ecfp, fcfp, mean, containment against the relevant references
  std::string nearest[4];
  bool scored = false;
  bool prefilter = false;  // passes the similarity stage's prefilter
};

const char* kMetricNames[] = {"ECFP4", "FCFP4", "mean(ECFP4,FCFP4)", "pattern containment"};

}  // namespace

int main(int argc, char** argv) {
  std::string rulebooks = std::string(CHOKEPOINT_SOURCE_DIR) + "/data/rulebooks";
  std::string data = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/data";
  std::string at = "2026-11-22";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rulebooks") && i + 1 < argc)
      rulebooks = argv[++i];
    else if (!std::strcmp(argv[i], "--data") && i + 1 < argc)
      data = argv[++i];
    else if (!std::strcmp(argv[i], "--at") && i + 1 < argc)
      at = argv[++i];
    else if (!std::strcmp(argv[i], "--verbose"))
      verbose = true;
    else {
      std::fprintf(
          stderr,
          "usage: eval_flags [--rulebooks DIR] [--data DIR] [--at YYYY-MM-DD] [--verbose]\n");
      return 2;
    }
  }
  auto rules = rules::LoadRulebooks(rulebooks);
  if (!rules.ok()) {
    std::fprintf(stderr, "eval_flags: %s\n", rules.status().message().c_str());
    return 1;
  }
  classify::ClassifyOptions copts;
  copts.at = *Date::Parse(at);

  // Bare engine for statuses; full engine (as the CLI builds it) for the flag counts.
  classify::Engine bare(*rules);
  classify::Engine full(*rules);
  Status st = flags::AddFlagStages(full, flags::DefaultFlagStages(rulebooks));
  if (!st.ok()) {
    std::fprintf(stderr, "eval_flags: %s\n", st.message().c_str());
    return 1;
  }
  flags::SimilarityOptions sopts;
  sopts.prefilter = false;
  sopts.pattern_fingerprints = true;  // the containment column
  flags::SimilarityStage sim(**rules, sopts);
  const flags::SimilarityOptions chosen;  // the defaults the engine uses
  flags::SimilarityStage sim_engine(**rules, chosen);

  std::vector<Item> items;
  auto add = [&](const std::map<std::string, std::string>& row, const char* set) {
    Item it;
    it.name = row.at("name");
    it.smiles = row.at("smiles");
    it.set = set;
    items.push_back(std::move(it));
  };
  for (const auto& r : ReadCsvTable(data + "/designer_precursors.csv")) add(r, "designer");
  for (const auto& r : ReadCsvTable(data + "/uncontrolled_analogs.csv")) add(r, "analog");
  for (const auto& r : ReadCsvTable(data + "/approved_medicines_negatives.csv")) add(r, "negative");
  std::printf("rulebooks: %s (%zu references for similarity)\n", rulebooks.c_str(),
              sim.references().size());
  std::printf("sets: %s\n", data.c_str());

  // Similarity scores: best reference of the relevant category, listed in a jurisdiction where the
  // molecule itself has no status (the only neighbours the stage may flag).
  std::map<std::string, size_t> counts;
  for (auto& it : items) {
    ++counts[it.set];
    auto mol = chem::ParseSmiles(it.smiles);
    if (!mol.ok()) continue;
    auto sd = chem::Standardize(std::move(*mol), &(*rules)->known_fragments());
    if (!sd.ok()) continue;
    const auto& parent = *sd->parent;
    std::string smiles = chem::CanonicalSmiles(parent);
    it.prefilter = sim_engine.Prefilter(parent);
    auto status = bare.StatusOf(parent, smiles, !sd->removed.empty(), copts);
    for (const auto& n : sim.Rank(parent, true)) {
      const auto& ref = *n.ref;
      if (ref.smiles == smiles) continue;
      bool eligible = false;
      for (const auto& e : ref.listed) {
        if (!e->InForce(copts.at)) continue;
        const std::string& j = e->jurisdiction;
        const rules::Category c = e->category;
        bool want = it.set == "designer" ? c == rules::Category::kPrecursor
                    : it.set == "analog" ? c == rules::Category::kDrug
                                         : true;
        auto s = status.find(j);
        if (want && s != status.end() && s->second.category == rules::Category::kNone)
          eligible = true;
      }
      if (!eligible) continue;
      double v[4] = {n.ecfp, n.fcfp, n.mean, n.containment};
      for (int m = 0; m < 4; ++m) {
        if (v[m] > it.best[m]) {
          it.best[m] = v[m];
          it.nearest[m] = ref.name;
        }
      }
    }
    it.scored = true;
  }
  std::printf(
      "items: %zu designer/masked precursors, %zu uncontrolled analogs, %zu approved-medicine "
      "negatives\n\n",
      counts["designer"], counts["analog"], counts["negative"]);

  auto figures = [&](int m, double t, size_t* tp, size_t* fn, size_t* fp, size_t* tn,
                     bool with_prefilter = false) {
    *tp = *fn = *fp = *tn = 0;
    for (const auto& it : items) {
      bool flagged = it.best[m] >= t && (!with_prefilter || it.prefilter);
      bool positive = it.set != "negative";
      if (positive)
        (flagged ? *tp : *fn) += 1;
      else
        (flagged ? *fp : *tn) += 1;
    }
  };
  for (int m = 0; m < 4; ++m) {
    std::printf("similarity metric %s (positives: designer+analog sets; negatives: medicines)\n",
                kMetricNames[m]);
    std::printf("  threshold  precision  recall  F1     FPR(negatives)\n");
    for (double t = 0.30; t <= 0.901; t += 0.05) {
      size_t tp, fn, fp, tn;
      figures(m, t, &tp, &fn, &fp, &tn);
      double p = tp + fp ? double(tp) / (tp + fp) : 1.0, r = tp + fn ? double(tp) / (tp + fn) : 0;
      double f1 = p + r ? 2 * p * r / (p + r) : 0;
      std::printf("  %.2f       %.3f      %.3f   %.3f  %.3f (%zu/%zu)\n", t, p, r, f1,
                  tn + fp ? double(fp) / (fp + tn) : 0, fp, fp + tn);
    }
    std::printf("\n");
  }
  {
    int m = static_cast<int>(chosen.metric);
    size_t tp, fn, fp, tn;
    figures(m, chosen.threshold, &tp, &fn, &fp, &tn);
    std::printf(
        "CHOSEN: %s >= %.2f: precision %.3f, recall %.3f (TP %zu, FN %zu, FP %zu, TN %zu)\n",
        kMetricNames[m], chosen.threshold, tp + fp ? double(tp) / (tp + fp) : 1.0,
        tp + fn ? double(tp) / (tp + fn) : 0.0, tp, fn, fp, tn);
    figures(m, chosen.threshold, &tp, &fn, &fp, &tn, true);
    std::printf(
        "CHOSEN with the stage's prefilter: precision %.3f, recall %.3f (TP %zu, FN %zu, FP %zu, "
        "TN %zu)\n",
        tp + fp ? double(tp) / (tp + fp) : 1.0, tp + fn ? double(tp) / (tp + fn) : 0.0, tp, fn, fp,
        tn);
    if (verbose) {
      for (const auto& it : items) {
        bool flagged = it.best[m] >= chosen.threshold && it.prefilter;
        if (flagged != (it.set != "negative"))
          std::printf("  %s %-40s %.2f nearest %s\n", flagged ? "FP" : "FN", it.name.c_str(),
                      it.best[m], it.nearest[m].c_str());
      }
    }
  }

  // Full engine: masked-precursor recall on the designer set; flags gained by the negatives.
  std::printf("\nfull engine (masked search + similarity + watch list), law at %s:\n", at.c_str());
  size_t designer = 0, designer_masked = 0, designer_any = 0, neg = 0, neg_masked = 0, neg_any = 0;
  size_t analogs = 0, analog_flag = 0, analog_any = 0;
  std::map<std::string, size_t> neg_types;
  for (const auto& it : items) {
    classify::Record r = full.Classify(it.smiles, copts);
    std::set<std::string> types;
    for (const auto& f : r.flags) types.insert(f.type);
    bool controlled = r.verdict == "controlled" || r.verdict == "precursor";
    if (it.set == "designer") {
      ++designer;
      designer_masked += types.count("masked_precursor");
      designer_any += !types.empty() || controlled;
      if (verbose && !types.count("masked_precursor"))
        std::printf("  designer without masked flag: %-40s verdict %s%s\n", it.name.c_str(),
                    r.verdict.c_str(), types.empty() ? "" : (" flags: " + *types.begin()).c_str());
    } else if (it.set == "analog") {
      ++analogs;
      analog_flag += types.count("analog");
      analog_any += !types.empty() || controlled;
    } else if (it.set == "negative") {
      ++neg;
      neg_masked += types.count("masked_precursor");
      neg_any += !types.empty();
      for (const auto& t : types) ++neg_types[t];
      if (!types.empty()) {
        std::printf("  negative flagged: %-20s", it.name.c_str());
        for (const auto& f : r.flags)
          std::printf(" [%s -> %s %.2f]", f.type.c_str(), f.target.c_str(), f.score);
        std::printf("\n");
      }
    }
  }
  std::printf(
      "designer/masked precursors with a masked_precursor flag: %zu/%zu; with any flag or own "
      "status: %zu/%zu\n",
      designer_masked, designer, designer_any, designer);
  std::printf(
      "uncontrolled analogs with an analog flag: %zu/%zu; with any flag or own status: %zu/%zu\n",
      analog_flag, analogs, analog_any, analogs);
  std::printf(
      "approved-medicine negatives with a masked_precursor flag: %zu/%zu; with any flag: %zu/%zu",
      neg_masked, neg, neg_any, neg);
  for (const auto& [t, n] : neg_types) std::printf("; %s %zu", t.c_str(), n);
  std::printf("\n");
  return 0;
}
