// Throughput of `classify` on the NCI sample (Debian rdkit-data first_5K.smi) repeated to
// 100,000 molecules: parse-only (the floor), intermediate stages, full Engine::Classify, on 1 and
// 2 threads with the CLI's ordered chunked batch scheme; a per-stage cost breakdown; the naive
// python3-rdkit baseline (naive_baseline.py); and the throughput targets with PASS/FAIL.
//
//   bench_classify_throughput [--n 100000] [--threads 1,2] [--rulebooks DIR] [--nci FILE]
//                             [--stage-sample 5000] [--inchi-sample 500] [--inchi-n 10000]
//                             [--baseline-n 20000] [--baseline-rate R | --no-baseline]
//                             [--python /usr/bin/python3] [--repeat 1] [--quick] [--strict]
//                             [--profile N | --profile-rules N]
//
// Exit status 0 unless --strict is given and a target fails (then 3).
#include <DataStructs/ExplicitBitVect.h>
#include <GraphMol/Fingerprints/MorganFingerprints.h>
#include <GraphMol/MolStandardize/MolStandardize.h>
#include <GraphMol/RDKitBase.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <GraphMol/Substruct/SubstructMatch.h>
#include <GraphMol/new_canon.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "bench_common.h"
#include "chem/inchi.h"
#include "chem/smiles_diagnosis.h"
#include "classify/class_matcher.h"
#include "classify/record_json.h"
#include "cli/batch.h"
#include "util/csv.h"

namespace cp = chokepoint;
using cp::bench::Now;

namespace {

struct Args {
  size_t n = 100000;
  std::vector<int> threads = {1, 2};
  std::string rulebooks = cp::bench::DefaultRulebookDir();
  std::string nci = "/usr/share/RDKit/Data/NCI/first_5K.smi";
  size_t stage_sample = 5000;
  size_t inchi_sample = 500;
  size_t inchi_n = 10000;
  size_t baseline_n = 20000;
  double baseline_rate = 0;
  bool baseline = true;
  std::string python = "/usr/bin/python3";
  std::string baseline_script =
      std::string(CHOKEPOINT_SOURCE_DIR) + "/bench/classify/naive_baseline.py";
  int repeat = 1;
  size_t chunk = 512;
  bool strict = false;
  size_t profile = 0;  //!< --profile N: only classify N molecules on 1 thread (for callgrind/perf)
  bool profile_rules = false;  //!< --profile-rules N: same with the rules-only engine
};

void Usage() {
  std::fprintf(
      stderr,
      "usage: bench_classify_throughput [--n N] [--threads 1,2] [--rulebooks DIR] [--nci FILE]\n"
      "       [--stage-sample N] [--inchi-sample N] [--inchi-n N] [--baseline-n N]\n"
      "       [--baseline-rate R | --no-baseline] [--python EXE] [--repeat R] [--chunk N] "
      "[--quick] [--strict]\n"
      "       [--profile N | --profile-rules N]   (only classify N molecules, for "
      "callgrind/perf)\n");
}

bool ParseArgs(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto val = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (k == "--n")
      a.n = std::strtoull(val("--n"), nullptr, 10);
    else if (k == "--threads") {
      a.threads.clear();
      std::stringstream ss(val("--threads"));
      std::string t;
      while (std::getline(ss, t, ',')) a.threads.push_back(std::max(1, std::atoi(t.c_str())));
    } else if (k == "--rulebooks")
      a.rulebooks = val("--rulebooks");
    else if (k == "--nci")
      a.nci = val("--nci");
    else if (k == "--stage-sample")
      a.stage_sample = std::strtoull(val("--stage-sample"), nullptr, 10);
    else if (k == "--inchi-sample")
      a.inchi_sample = std::strtoull(val("--inchi-sample"), nullptr, 10);
    else if (k == "--inchi-n")
      a.inchi_n = std::strtoull(val("--inchi-n"), nullptr, 10);
    else if (k == "--baseline-n")
      a.baseline_n = std::strtoull(val("--baseline-n"), nullptr, 10);
    else if (k == "--baseline-rate")
      a.baseline_rate = std::atof(val("--baseline-rate"));
    else if (k == "--no-baseline")
      a.baseline = false;
    else if (k == "--python")
      a.python = val("--python");
    else if (k == "--baseline-script")
      a.baseline_script = val("--baseline-script");
    else if (k == "--repeat")
      a.repeat = std::max(1, std::atoi(val("--repeat")));
    else if (k == "--chunk")
      a.chunk = std::strtoull(val("--chunk"), nullptr, 10);
    else if (k == "--strict")
      a.strict = true;
    else if (k == "--profile")
      a.profile = std::strtoull(val("--profile"), nullptr, 10);
    else if (k == "--profile-rules") {
      a.profile = std::strtoull(val("--profile-rules"), nullptr, 10);
      a.profile_rules = true;
    } else if (k == "--quick") {
      a.n = 10000;
      a.stage_sample = 1000;
      a.inchi_sample = 100;
      a.inchi_n = 1000;
      a.baseline_n = 2000;
    } else if (k == "-h" || k == "--help") {
      Usage();
      std::exit(0);
    } else {
      std::fprintf(stderr, "unknown argument '%s'\n", k.c_str());
      Usage();
      return false;
    }
  }
  return true;
}

std::vector<std::string> LoadSmiles(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto end = line.find_first_of(" \t");
    std::string s = line.substr(0, end);
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

std::string LoadAvg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// One throughput measurement: `process` over the first `n` SMILES (the file repeated) with the
// CLI's ordered chunked batch runner.
struct RunResult {
  double seconds = 0;
  size_t n = 0;
  double rate() const { return seconds > 0 ? static_cast<double>(n) / seconds : 0; }
};

RunResult RunMode(const std::string& text, size_t n, int threads, size_t chunk, int repeat,
                  const std::function<std::string(const cp::BatchItem&)>& process) {
  RunResult best;
  for (int r = 0; r < repeat; ++r) {
    std::istringstream in(text);
    cp::RecordReader reader(in, false);
    cp::cli::BatchOptions o;
    o.threads = threads;
    o.chunk = chunk;
    size_t empty = 0, emitted = 0, bytes = 0;
    double t0 = Now();
    size_t done = cp::cli::RunBatch(
        reader, o, process,
        [&](const std::string& s) {
          emitted += 1 + (s.size() & 1);
          bytes += s.size();
        },
        &empty);
    double t = Now() - t0;
    if (r == 0 || t < best.seconds) best = {t, done};
    if (emitted == 0 && done > 0) std::fprintf(stderr, "?");  // keeps `emitted` observable
  }
  return best;
}

// Per-stage accumulator (µs per molecule over the molecules the stage ran on).
struct Stage {
  std::string name;
  std::string note;
  double total = 0;
  size_t count = 0;
  void Add(double secs) {
    total += secs;
    ++count;
  }
  double us() const { return count ? total * 1e6 / static_cast<double>(count) : 0; }
};

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) return 2;
  cp::chem::QuietRdkitLogs();

  auto nci = LoadSmiles(args.nci);
  if (nci.empty()) {
    std::fprintf(stderr, "cannot read SMILES from %s (Debian: apt-get install rdkit-data)\n",
                 args.nci.c_str());
    return 1;
  }
  std::string rb_note;
  std::string used_dir;
  auto engine = cp::bench::LoadEngineOrFallback(args.rulebooks, &rb_note, &used_dir);
  if (!engine) return 1;
  auto rules_only = cp::bench::LoadRulesOnlyEngine(used_dir);
  if (!rules_only) return 1;
  const auto& rules = engine->rules();
  size_t n_entries = 0, n_classes = 0;
  for (const auto& rb : rules.rulebooks()) {
    n_entries += rb.entries.size();
    n_classes += rb.classes.size();
  }

  if (args.profile) {
    // For `valgrind --tool=callgrind --toggle-collect='chokepoint::classify::Engine::Classify*'`.
    const auto& e = args.profile_rules ? *rules_only : *engine;
    cp::classify::ClassifyOptions o;
    size_t controlled = 0;
    double t0 = Now();
    for (size_t i = 0; i < args.profile; ++i)
      controlled += e.Classify(nci[i % nci.size()], o).verdict == "controlled";
    std::printf("profiled %zu classifications (%s engine) in %.2f s, %zu controlled\n",
                args.profile, args.profile_rules ? "rules-only" : "CLI", Now() - t0, controlled);
    return 0;
  }
  std::string text;
  for (size_t i = 0; i < args.n; ++i) text += nci[i % nci.size()] + "\n";
  std::string inchi_text;
  for (size_t i = 0; i < std::min(args.inchi_n, args.n); ++i)
    inchi_text += nci[i % nci.size()] + "\n";

  std::printf("== chokepoint classify throughput ==\n");
  std::printf("input: %s (%zu SMILES) repeated to %zu molecules\n", args.nci.c_str(), nci.size(),
              args.n);
  std::string js;
  for (const auto& j : rules.Jurisdictions()) js += (js.empty() ? "" : ",") + j;
  std::printf("%s\n  jurisdictions %s, %zu entries, %zu class rules\n", rb_note.c_str(), js.c_str(),
              n_entries, n_classes);
  std::printf(
      "machine: %u hardware threads, load average at start %s; batch chunk %zu, best of %d "
      "run(s)\n\n",
      std::thread::hardware_concurrency(), LoadAvg().c_str(), args.chunk, args.repeat);

  cp::classify::ClassifyOptions copts;  // defaults: all jurisdictions, today, no InChI
  cp::classify::ClassifyOptions copts_inchi = copts;
  copts_inchi.want_inchi = true;
  const auto* known = &rules.known_fragments();

  std::mutex mu;
  std::map<std::string, size_t> verdicts;
  struct Mode {
    std::string name;
    std::function<std::string(const cp::BatchItem&)> fn;
    const std::string* text;
  };
  std::vector<Mode> modes = {
      {"parse only (chem::ParseSmiles)",
       [](const cp::BatchItem& it) {
         auto m = cp::chem::ParseSmiles(it.text);
         return std::string(m.ok() ? "" : "e");
       },
       &text},
      {"parse + standardize",
       [&](const cp::BatchItem& it) {
         auto m = cp::chem::ParseSmiles(it.text);
         if (!m.ok()) return std::string("e");
         auto s = cp::chem::Standardize(std::move(*m), known);
         return std::string(s.ok() ? "" : "e");
       },
       &text},
      {"parse + standardize + canonical SMILES",
       [&](const cp::BatchItem& it) {
         auto m = cp::chem::ParseSmiles(it.text);
         if (!m.ok()) return std::string("e");
         auto s = cp::chem::Standardize(std::move(*m), known);
         if (!s.ok()) return std::string("e");
         return std::string(cp::chem::CanonicalSmiles(*s->parent).empty() ? "e" : "");
       },
       &text},
      {"full classify (Engine::Classify, CLI engine)",
       [&](const cp::BatchItem& it) {
         auto r = engine->Classify(it.text, copts);
         std::lock_guard<std::mutex> lock(mu);
         ++verdicts[r.verdict];
         return std::string();
       },
       &text},
      {"classify, rules only (no flag stages)",
       [&](const cp::BatchItem& it) {
         auto r = rules_only->Classify(it.text, copts);
         return std::string(r.ok ? "" : "e");
       },
       &text},
      {"full classify + JSONL record (CLI work)",
       [&](const cp::BatchItem& it) {
         auto r = engine->Classify(it.text, copts);
         r.line = it.line;
         return cp::classify::RecordToJson(r).dump();
       },
       &text},
      {"full classify --fields inchi",
       [&](const cp::BatchItem& it) {
         auto r = engine->Classify(it.text, copts_inchi);
         return r.substance.inchikey;
       },
       &inchi_text},
  };

  // ---------------------------------------------------------------- throughput table
  std::map<std::pair<std::string, int>, RunResult> results;
  std::printf("%-42s %7s %8s %9s %11s %9s %9s\n", "mode", "threads", "n", "seconds", "molecules/s",
              "us/mol", "vs parse");
  for (const auto& m : modes) {
    for (int t : args.threads) {
      size_t n = static_cast<size_t>(std::count(m.text->begin(), m.text->end(), '\n'));
      auto r = RunMode(*m.text, n, t, args.chunk, args.repeat, m.fn);
      results[{m.name, t}] = r;
      double parse_rate = results[{modes[0].name, t}].rate();
      std::printf("%-42s %7d %8zu %9.2f %11.0f %9.1f %8.2fx\n", m.name.c_str(), t, r.n, r.seconds,
                  r.rate(), 1e6 / r.rate() * t, parse_rate > 0 ? r.rate() / parse_rate : 0);
      std::fflush(stdout);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    std::printf(
        "(us/mol is CPU time per molecule: wall time x threads / n)\nverdicts over the "
        "full-classify runs:");
    for (const auto& [v, c] : verdicts) std::printf(" %s %zu", v.c_str(), c);
    std::printf("\n\n");
  }

  // ---------------------------------------------------------------- per-stage costs
  // Each stage runs as its own pass over the sample (after a warm-up pass), so no stage pays
  // another's cache misses; stages that need inputs get them from the previous passes.
  size_t sample = std::min(args.stage_sample, nci.size());
  size_t isample = std::min(args.inchi_sample, sample);
  const std::vector<std::string> smis(nci.begin(), nci.begin() + static_cast<long>(sample));
  std::vector<Stage> st;
  auto add = [&](const std::string& name, double secs, size_t n, const std::string& note = "") {
    st.push_back({name, note, secs, n});
  };
  auto pass = [&](size_t n, const std::function<void(size_t)>& fn) {
    double t0 = Now();
    for (size_t i = 0; i < n; ++i) fn(i);
    return Now() - t0;
  };
  double dummy = 0;
  size_t parse_errors = 0, multi = 0, charged = 0, formula_hits = 0;
  pass(sample, [&](size_t i) { dummy += cp::chem::ParseSmiles(smis[i]).ok(); });  // warm-up
  add("parse: chem::ParseSmiles",
      pass(sample, [&](size_t i) { dummy += cp::chem::ParseSmiles(smis[i]).ok(); }), sample,
      "the floor");
  add("  of which SMILES syntax pre-scan",
      pass(sample, [&](size_t i) { dummy += cp::chem::DiagnoseSmilesSyntax(smis[i]).size(); }),
      sample, "DiagnoseSmilesSyntax");
  add("  RDKit SmilesToMol alone (for reference)",
      pass(sample,
           [&](size_t i) {
             RDKit::SmilesParserParams p;
             p.allowCXSMILES = true;
             p.strictCXSMILES = false;
             std::unique_ptr<RDKit::RWMol> raw;
             try {
               raw.reset(RDKit::SmilesToMol(smis[i], p));
             } catch (...) {
             }
             dummy += raw ? raw->getNumAtoms() : 0;
           }),
      sample);
  add("input-type detection + parse (Engine::Resolve)",
      pass(sample,
           [&](size_t i) {
             cp::chem::InputType type;
             std::string name;
             std::vector<std::string> sugg, notes;
             dummy += engine->Resolve(smis[i], copts, &type, &name, &sugg, &notes).ok();
           }),
      sample);

  std::vector<cp::chem::MolPtr> mols(sample);
  std::vector<std::unique_ptr<RDKit::RWMol>> originals(isample);
  for (size_t i = 0; i < sample; ++i) {
    auto m = cp::chem::ParseSmiles(smis[i]);
    if (!m.ok()) {
      ++parse_errors;
      continue;
    }
    mols[i] = std::move(*m);
    std::vector<int> frag_map;
    if (RDKit::MolOps::getMolFrags(*mols[i], frag_map) > 1) ++multi;
    for (const auto* a : mols[i]->atoms())
      if (a->getFormalCharge()) {
        ++charged;
        break;
      }
    if (i < isample) originals[i] = std::make_unique<RDKit::RWMol>(*mols[i]);
  }
  std::vector<cp::chem::Standardized> stds(sample);
  add("standardize (fast path)",
      pass(sample,
           [&](size_t i) {
             if (!mols[i]) return;
             auto s = cp::chem::Standardize(std::move(mols[i]), known);
             if (s.ok()) stds[i] = std::move(*s);
           }),
      sample, "salts/charges only when present");
  std::vector<size_t> ok;  // molecules with a parent
  for (size_t i = 0; i < sample; ++i)
    if (stds[i].parent) ok.push_back(i);
  auto P = [&](size_t k) -> const RDKit::ROMol& { return *stds[ok[k]].parent; };
  const size_t n_ok = ok.size();
  std::vector<std::string> cans(n_ok), formulas(n_ok);
  add("canonical SMILES (stereo)",
      pass(n_ok, [&](size_t k) { cans[k] = cp::chem::CanonicalSmiles(P(k)); }), n_ok,
      "substance.smiles + entry lookup key");
  add("  canonical SMILES without stereo",
      pass(n_ok, [&](size_t k) { dummy += cp::chem::CanonicalSmiles(P(k), false).size(); }), n_ok,
      "isomer lookup key");
  add("  non-canonical SMILES (writer only)",
      pass(n_ok,
           [&](size_t k) {
             RDKit::SmilesWriteParams p;
             p.canonical = false;
             dummy += RDKit::MolToSmiles(P(k), p).size();
           }),
      n_ok);
  add("  canonical atom ranking alone (Canon::rankMolAtoms)",
      pass(n_ok,
           [&](size_t k) {
             std::vector<unsigned> ranks;
             RDKit::Canon::rankMolAtoms(P(k), ranks);
             dummy += ranks.size();
           }),
      n_ok);
  add("molecular formula", pass(n_ok, [&](size_t k) { formulas[k] = cp::chem::Formula(P(k)); }),
      n_ok);
  add("formula prefilter (+ flat SMILES when indexed)",
      pass(n_ok,
           [&](size_t k) {
             if (rules.FormulaIndexed(formulas[k])) {
               ++formula_hits;
               dummy += rules.EntriesByFlatStructure(cp::chem::CanonicalSmiles(P(k), false)).size();
             }
           }),
      n_ok);
  add("entry + identity hash lookups",
      pass(n_ok,
           [&](size_t k) {
             dummy += rules.EntriesByStructure(cans[k]).size() +
                      (rules.IdentityByStructure(cans[k]) != nullptr);
           }),
      n_ok);

  std::vector<const cp::rules::ClassRule*> classes;
  for (const auto& rb : rules.rulebooks())
    for (const auto& c : rb.classes) classes.push_back(c.get());
  RDKit::SubstructMatchParameters engine_params;
  engine_params.uniquify = false;
  engine_params.maxMatches = 256;
  RDKit::SubstructMatchParameters first_params;
  first_params.maxMatches = 1;
  std::vector<std::vector<char>> core_hit(classes.size(), std::vector<char>(n_ok, 0));
  add("class rules: MatchClass, every rule",
      pass(n_ok,
           [&](size_t k) {
             for (const auto* c : classes) dummy += cp::classify::MatchClass(P(k), *c).matched;
           }),
      n_ok, std::to_string(classes.size()) + " rules");
  add("  core SubstructMatch only (engine: <=256, not uniquified)",
      pass(n_ok,
           [&](size_t k) {
             for (const auto* c : classes)
               if (c->core) dummy += RDKit::SubstructMatch(P(k), *c->core, engine_params).size();
           }),
      n_ok);
  add("  core HasSubstructMatch only (first match)",
      pass(n_ok,
           [&](size_t k) {
             for (size_t r = 0; r < classes.size(); ++r)
               if (classes[r]->core)
                 core_hit[r][k] =
                     !RDKit::SubstructMatch(P(k), *classes[r]->core, first_params).empty();
           }),
      n_ok);

  // Experiment: a necessary-condition prefilter from each core's element counts and size
  // (one pass over the molecule's atoms, then an array compare per rule).
  struct Needs {
    std::array<int, 128> z{};
    unsigned atoms = 0;
  };
  std::vector<Needs> needs(classes.size());
  for (size_t r = 0; r < classes.size(); ++r) {
    if (!classes[r]->core) continue;
    for (const auto* a : classes[r]->core->atoms()) {
      ++needs[r].atoms;
      int z = a->getAtomicNum();
      if (z > 0 && z < 128) ++needs[r].z[z];
    }
  }
  auto passes = [&](const RDKit::ROMol& m, size_t r, const std::array<int, 128>& have) {
    if (m.getNumAtoms() < needs[r].atoms) return false;
    for (int z = 1; z < 128; ++z)
      if (needs[r].z[z] > have[z]) return false;
    return true;
  };
  auto counts_of = [](const RDKit::ROMol& m) {
    std::array<int, 128> have{};
    for (const auto* a : m.atoms()) ++have[std::min(127, a->getAtomicNum())];
    return have;
  };
  size_t pre_pass = 0, pre_false_reject = 0;
  add("  EXPERIMENT: element-count prefilter + MatchClass",
      pass(n_ok,
           [&](size_t k) {
             auto have = counts_of(P(k));
             for (size_t r = 0; r < classes.size(); ++r) {
               if (!passes(P(k), r, have)) {
                 pre_false_reject += core_hit[r][k];
                 continue;
               }
               ++pre_pass;
               dummy += cp::classify::MatchClass(P(k), *classes[r]).matched;
             }
           }),
      n_ok, "not in engine");
  // The prefilter must never reject a structure whose core matches: check it on the fentanyl
  // library too, where almost every core matches.
  size_t lib_checked = 0, lib_false_reject = 0;
  {
    for (auto& row : cp::ReadCsvTable("/work/shared/data/chem/fentanyl_hunter_library.csv")) {
      auto m = cp::chem::ParseSmiles(row["SMILES"]);
      if (!m.ok()) continue;
      auto s = cp::chem::Standardize(std::move(*m), known);
      if (!s.ok()) continue;
      auto have = counts_of(*s->parent);
      for (size_t r = 0; r < classes.size(); ++r) {
        if (!classes[r]->core) continue;
        ++lib_checked;
        bool hit = !RDKit::SubstructMatch(*s->parent, *classes[r]->core, first_params).empty();
        lib_false_reject += hit && !passes(*s->parent, r, have);
      }
    }
  }

  add("StatusOf, all jurisdictions (incl. the above + text)",
      pass(n_ok,
           [&](size_t k) {
             dummy += engine->StatusOf(P(k), cans[k], !stds[ok[k]].removed.empty(), copts).size();
           }),
      n_ok);
  std::vector<cp::classify::Record> records(sample);
  add("full Engine::Classify (CLI engine)",
      pass(sample, [&](size_t i) { records[i] = engine->Classify(smis[i], copts); }), sample);
  add("  Engine::Classify, rules only (no flag stages)",
      pass(sample, [&](size_t i) { dummy += rules_only->Classify(smis[i], copts).ok; }), sample,
      "difference = flag stages");
  add("JSON record (RecordToJson().dump())",
      pass(sample,
           [&](size_t i) { dummy += cp::classify::RecordToJson(records[i]).dump().size(); }),
      sample, "CLI output");
  size_t in = std::min(isample, n_ok);
  add("InChI + InChIKey",
      pass(in,
           [&](size_t k) {
             auto inchi = cp::chem::ToInchi(P(k));
             dummy += inchi.ok() ? inchi->inchikey.size() : 0;
           }),
      in, "only for controlled/precursor or --fields inchi");
  add("Morgan FP r=2/2048",
      pass(in,
           [&](size_t k) {
             std::unique_ptr<ExplicitBitVect> fp(
                 RDKit::MorganFingerprints::getFingerprintAsBitVect(P(k), 2, 2048));
             dummy += fp->getNumOnBits();
           }),
      in, "not in engine (a similarity stage)");
  add("RDKit MolStandardize::chargeParent",
      pass(isample,
           [&](size_t i) {
             if (!originals[i]) return;
             try {
               std::unique_ptr<RDKit::RWMol> p(RDKit::MolStandardize::chargeParent(*originals[i]));
               dummy += p ? p->getNumAtoms() : 0;
             } catch (...) {
             }
           }),
      isample, "not in engine (full standardization)");

  auto us_of = [&](const std::string& name) {
    for (const auto& s : st)
      if (s.name == name) return s.us();
    return 0.0;
  };
  double parse_us = us_of("parse: chem::ParseSmiles");
  double sum = parse_us + us_of("standardize (fast path)") + us_of("canonical SMILES (stereo)") +
               us_of("molecular formula") +
               us_of("StatusOf, all jurisdictions (incl. the above + text)");
  std::printf(
      "per-stage cost, 1 thread, first %zu NCI molecules (%zu parse errors; %zu multi-component, "
      "%zu with "
      "charges;\n%zu with a formula known to the rulebooks; InChI, Morgan and MolStandardize on "
      "the first %zu)\n",
      sample, parse_errors, multi, charged, formula_hits, isample);
  std::printf("%-58s %9s %8s %6s  %s\n", "stage", "us/mol", "x parse", "n", "note");
  for (const auto& s : st)
    std::printf("%-58s %9.2f %8.2f %6zu  %s\n", s.name.c_str(), s.us(),
                parse_us > 0 ? s.us() / parse_us : 0, s.count, s.note.c_str());
  std::printf("%-58s %9.2f %8.2f %6s  %s\n", "sum: parse+standardize+canonical+formula+StatusOf",
              sum, parse_us > 0 ? sum / parse_us : 0, "", "vs full Engine::Classify above");
  std::printf(
      "prefilter experiment: %zu of %zu (molecule, rule) pairs pass (%.1f%%); false rejections: "
      "%zu in the NCI "
      "sample, %zu of %zu pairs in the fentanyl library\n",
      pre_pass, n_ok * classes.size(), n_ok ? 100.0 * pre_pass / (n_ok * classes.size()) : 0,
      pre_false_reject, lib_false_reject, lib_checked);
  std::printf("class rules, one pass per rule (us/mol, x parse, core hits in the sample):\n");
  for (size_t r = 0; r < classes.size(); ++r) {
    double t =
        pass(n_ok, [&](size_t k) { dummy += cp::classify::MatchClass(P(k), *classes[r]).matched; });
    size_t hits = static_cast<size_t>(std::count(core_hit[r].begin(), core_hit[r].end(), 1));
    double us = n_ok ? t * 1e6 / static_cast<double>(n_ok) : 0;
    std::printf("  %-56s %9.2f %8.2f %6zu hits\n", classes[r]->id.c_str(), us,
                parse_us > 0 ? us / parse_us : 0, hits);
  }
  std::printf("\n");

  // ---------------------------------------------------------------- naive baseline
  double baseline = args.baseline_rate;
  if (baseline <= 0 && args.baseline) {
    // The fixed reference workload (20 SMARTS, 71 references), as the rulebooks grow; run the
    // script without the two limits for the naive screener over the complete rulebooks.
    std::string cmd = args.python + " " + args.baseline_script + " --n " +
                      std::to_string(args.baseline_n) + " --nci " + args.nci + " --rulebooks " +
                      args.rulebooks + " --max-references 71 --max-cores 20 2>&1";
    std::printf("naive baseline: %s\n", cmd.c_str());
    std::fflush(stdout);
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p) {
      char buf[4096];
      while (std::fgets(buf, sizeof buf, p)) {
        std::printf("  | %s", buf);
        if (const char* k = std::strstr(buf, "molecules_per_s="))
          baseline = std::atof(k + std::strlen("molecules_per_s="));
      }
      int rc = ::pclose(p);
      if (rc != 0) std::printf("  (baseline exited with status %d)\n", rc);
    }
    std::fflush(stdout);
  }

  // ---------------------------------------------------------------- targets
  auto rate = [&](const std::string& mode, int t) {
    auto it = results.find({mode, t});
    return it == results.end() ? 0.0 : it->second.rate();
  };
  const std::string kParse = modes[0].name, kFull = modes[3].name, kRules = modes[4].name;
  double parse1 = rate(kParse, 1), full1 = rate(kFull, 1), full2 = rate(kFull, 2),
         parse2 = rate(kParse, 2);
  std::printf("\n== targets ==\n");
  auto verdict = [](bool have, bool ok) { return !have ? "n/a " : ok ? "PASS" : "FAIL"; };
  bool all = true;
  {
    bool have = parse1 > 0 && full1 > 0;
    double r = have ? full1 / parse1 : 0;
    all &= !have || r >= 0.5;
    std::printf(
        "[%s] full classify / parse-only, 1 thread : %6.0f / %6.0f = %.2f   (target >= 0.50)\n",
        verdict(have, r >= 0.5), full1, parse1, r);
    if (parse2 > 0 && full2 > 0)
      std::printf("       (same on 2 threads: %.0f / %.0f = %.2f)\n", full2, parse2,
                  full2 / parse2);
  }
  {
    bool have = baseline > 0 && full1 > 0;
    double r = have ? full1 / baseline : 0;
    all &= !have || r >= 2.5;
    std::printf(
        "[%s] full classify 1 thread / naive python3-rdkit baseline (1 core): %6.0f / %6.0f = %.2f "
        "  (target >= 2.5)\n",
        verdict(have, r >= 2.5), full1, baseline, r);
  }
  {
    bool have = full1 > 0 && full2 > 0;
    double r = have ? full2 / full1 : 0;
    all &= !have || r >= 1.8;
    std::printf(
        "[%s] full classify 2 threads / 1 thread : %6.0f / %6.0f = %.2f   (target >= 1.8; load at "
        "end %s)\n",
        verdict(have, r >= 1.8), full2, full1, r, LoadAvg().c_str());
  }
  if (rate(kRules, 1) > 0)
    std::printf(
        "(rules only, no flag stages: / parse-only %.2f, / baseline %.2f, 2 threads / 1 %.2f)\n",
        parse1 > 0 ? rate(kRules, 1) / parse1 : 0, baseline > 0 ? rate(kRules, 1) / baseline : 0,
        rate(kRules, 2) / rate(kRules, 1));
  if (dummy < 0) std::printf("%f\n", dummy);
  return all || !args.strict ? 0 : 3;
}
