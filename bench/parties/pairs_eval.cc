// Evaluates the name scorer on every labelled pair file in ../shared/data/sanctions/pairs/:
// precision, recall and F1 at the documented threshold, per file, beside the reference tools;
// the distribution of scores of true and false pairs (--histogram), from which the default
// threshold is chosen; F1 over thresholds (--sweep) and every miss (--errors).
//
// Names are scored as Screen() scores them against the reference lists: the word weights of
// companies and vessels come from how many listed names use each word (Screener::ApplyRarity),
// so the four lists are loaded first (--no-lists: every word counts fully).
//
//   build/bench/parties/parties_pairs_eval [pairs_dir] [--sweep] [--errors] [--histogram]
//   [--no-lists]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "parties/name.h"
#include "parties/scorer.h"
#include "parties/screener.h"
#include "reference_lists.h"
#include "util/csv.h"

namespace fs = std::filesystem;
using namespace chokepoint::parties;

namespace {

struct Pair {
  std::string schema, a, b, category;
  bool match = false;
  double reference = -1;  // Watchman's score when the file carries it
};

std::vector<Pair> LoadPairs(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::vector<Pair> out;
  chokepoint::CsvReader r(text);
  chokepoint::CsvRecord rec;
  std::vector<std::string> header;
  bool cross = p.filename().string().find("cross_script") != std::string::npos;
  std::string section;  // the cross-script file's "# Arabic to Latin (…)" headings name the script
  while (r.Next(rec)) {
    if (!rec.fields.empty() && !rec.fields[0].empty() && rec.fields[0][0] == '#') {
      const std::string& c = rec.fields[0];
      size_t to = c.find(" to Latin");
      if (cross && to != std::string::npos) section = c.substr(2, to - 2);
      continue;
    }
    if (cross) {  // Query, Expected Match, Min Score, Description: all positive
      if (rec.fields.size() < 2) continue;
      out.push_back({section.empty() ? "cross-script" : section, rec.fields[0], rec.fields[1],
                     "cross-script", true, -1});
      continue;
    }
    if (header.empty()) {
      header = rec.fields;
      continue;
    }
    auto col = [&](const char* n) -> std::string {
      for (size_t i = 0; i < header.size() && i < rec.fields.size(); ++i)
        if (header[i] == n) return rec.fields[i];
      return "";
    };
    Pair pr{
        col("schema"), col("name1"), col("name2"), col("category"), col("is_match") == "true", -1};
    std::string s = col("score");
    if (!s.empty()) pr.reference = std::atof(s.c_str());
    out.push_back(pr);
  }
  return out;
}

struct Prf {
  double p, r, f;
  int tp, fp, fn;
};
Prf Eval(const std::vector<Pair>& ps, const std::vector<double>& sc, double th) {
  int tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < ps.size(); ++i) {
    bool hit = sc[i] + 1e-9 >= th;  // as Screen() compares
    if (hit && ps[i].match) ++tp;
    if (hit && !ps[i].match) ++fp;
    if (!hit && ps[i].match) ++fn;
  }
  double p = tp + fp ? double(tp) / (tp + fp) : 1.0, r = tp + fn ? double(tp) / (tp + fn) : 1.0;
  return {p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0, tp, fp, fn};
}

}  // namespace

// Scores of true and false pairs in bins of 0.05: where they separate is where the threshold
// belongs.
void Histogram(const std::vector<Pair>& ps, const std::vector<double>& sc) {
  int t[21] = {}, f[21] = {};
  for (size_t i = 0; i < ps.size(); ++i) {
    int b = std::clamp(static_cast<int>(sc[i] * 20.0 + 1e-9), 0, 20);
    (ps[i].match ? t : f)[b]++;
  }
  std::printf("    score        true  false\n");
  for (int b = 0; b <= 20; ++b) {
    if (!t[b] && !f[b]) continue;
    std::printf("    %s%.2f-%.2f %6d %6d  %s|%s\n", b == 20 ? "=" : " ", b / 20.0,
                b == 20 ? 1.0 : (b + 1) / 20.0, t[b], f[b],
                std::string(std::min(t[b], 60), '+').c_str(),
                std::string(std::min(f[b], 60), '-').c_str());
  }
}

int main(int argc, char** argv) {
  std::string dir = "../shared/data/sanctions/pairs";
  std::string lists_dir = "../shared/data/sanctions";
  bool sweep = false, errors = false, histogram = false, use_lists = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--no-lists")) use_lists = false;
  }
  std::unique_ptr<Screener> screener;
  if (use_lists) {
    ListSet lists;
    if (!LoadReferenceLists(lists_dir, lists, false)) return 1;
    screener = Screener::Build(lists);
  }
  auto normalize = [&](const std::string& raw, const NormalizeOptions& no) {
    auto n = NormalizeName(raw, no);
    if (n.ok() && screener) screener->ApplyRarity(*n);
    return n;
  };
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--pair") && i + 2 < argc) {
      // Debug one pair: tokens of both names and the alignment.
      CompareOptions o;
      o.person = i + 3 < argc && !std::strcmp(argv[i + 3], "person");
      NormalizeOptions no;
      no.person = o.person;
      auto a = normalize(argv[i + 1], no), b = normalize(argv[i + 2], no);
      if (!a.ok() || !b.ok()) {
        std::printf("error\n");
        return 1;
      }
      for (const auto* n : {&*a, &*b}) {
        for (const auto& v : n->variants) {
          std::printf("  [%s]", v.kind.c_str());
          for (const auto& t : v.tokens)
            std::printf(" %s/%s/%s/%.2f", t.text.c_str(), TokenClassName(t.cls), t.skel.c_str(),
                        t.rarity);
          std::printf("\n");
        }
      }
      auto r = CompareNames(*a, *b, o);
      std::printf("score %.3f (%s vs %s) legal %s\n", r.score, r.query_variant.c_str(),
                  r.candidate_variant.c_str(), r.legal_form.c_str());
      for (const auto& al : r.aligned)
        std::printf("  %s = %s (%s %.2f)\n", al.query.c_str(), al.candidate.c_str(), al.how.c_str(),
                    al.credit);
      for (const auto& u : r.unmatched_query) std::printf("  q-only %s\n", u.c_str());
      for (const auto& u : r.unmatched_candidate) std::printf("  c-only %s\n", u.c_str());
      for (const auto& p : r.penalties) std::printf("  penalty %s\n", p.c_str());
      return 0;
    }
    if (!std::strcmp(argv[i], "--sweep"))
      sweep = true;
    else if (!std::strcmp(argv[i], "--errors"))
      errors = true;
    else if (!std::strcmp(argv[i], "--histogram"))
      histogram = true;
    else if (!std::strcmp(argv[i], "--no-lists"))
      continue;
    else
      dir = argv[i];
  }
  if (!fs::exists(dir)) {
    std::fprintf(stderr, "pairs directory %s not found (run from the repo root)\n", dir.c_str());
    return 1;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  double th = ScreenOptions{}.threshold;
  std::printf("threshold %.2f\n", th);
  std::map<int, double> mean_f1;  // threshold × 100 → sum of F1 over the labelled files
  std::map<int, int> files_f1;
  std::printf("%-40s %5s %6s %6s %6s   %s\n", "file", "pairs", "P", "R", "F1", "reference");
  for (const auto& f : files) {
    auto ps = LoadPairs(f);
    std::vector<double> sc;
    for (const auto& p : ps) {
      CompareOptions o;
      // The cross-script pairs are people's names (their "schema" is the script).
      o.person = p.schema == "Person" || p.category == "cross-script";
      o.vessel = p.schema == "Vessel";
      NormalizeOptions no;
      no.person = o.person;
      auto a = normalize(p.a, no), b = normalize(p.b, no);
      sc.push_back(a.ok() && b.ok() ? CompareNames(*a, *b, o).score : 0.0);
    }
    Prf m = Eval(ps, sc, th);
    std::string ref;
    bool has_ref = !ps.empty() && ps[0].reference >= 0;
    if (has_ref) {
      // Watchman's own scores are in the file: its best F1 over every threshold, and the
      // mean score of matches vs non-matches (the separation SOURCES.md §6 quotes).
      std::vector<double> ws;
      double mt = 0, mf = 0;
      int nt = 0, nf = 0;
      for (const auto& p : ps) {
        ws.push_back(p.reference);
        (p.match ? mt : mf) += p.reference;
        (p.match ? nt : nf)++;
      }
      // Best threshold that rejects anything (t > 0): at t = 0 every pair "matches".
      double bestf = 0, bestt = 0.01;
      for (double t = 0.01; t <= 1.0001; t += 0.01) {
        Prf w = Eval(ps, ws, t);
        if (w.f > bestf) {
          bestf = w.f;
          bestt = t;
        }
      }
      Prf w = Eval(ps, ws, bestt);
      Prf all = Eval(ps, ws, 0.0);
      char buf[300];
      std::snprintf(buf, sizeof buf,
                    "Watchman (its scores in the file): best threshold %.2f P %.2f R %.2f F1 %.2f; "
                    "accept-all F1 %.2f; "
                    "mean match %.3f vs non-match %.3f",
                    bestt, w.p, w.r, w.f, all.f, nt ? mt / nt : 0, nf ? mf / nf : 0);
      ref = buf;
    } else if (f.filename().string().find("nomenklatura") != std::string::npos) {
      ref = "yente logic-v2 P 0.76 R 0.82 F1 0.79 (published)";
    } else {
      ref = "positives only: recall is the figure (Watchman embeddings: per-pair min scores)";
    }
    std::printf("%-40s %5zu %6.3f %6.3f %6.3f   %s\n", f.filename().c_str(), ps.size(), m.p, m.r,
                m.f, ref.c_str());
    // Per schema (Company, Vessel, Person …).
    std::map<std::string, std::pair<std::vector<Pair>, std::vector<double>>> by_schema;
    for (size_t i = 0; i < ps.size(); ++i) {
      by_schema[ps[i].schema].first.push_back(ps[i]);
      by_schema[ps[i].schema].second.push_back(sc[i]);
    }
    if (by_schema.size() > 1) {
      for (const auto& [schema, v] : by_schema) {
        Prf x = Eval(v.first, v.second, th);
        std::printf("    %-36s %5zu %6.3f %6.3f %6.3f\n", schema.c_str(), v.first.size(), x.p, x.r,
                    x.f);
      }
    }
    if (histogram) Histogram(ps, sc);
    if (sweep) {
      for (int k = 70; k <= 96; ++k) {
        Prf s = Eval(ps, sc, k / 100.0);
        std::printf("    th %.2f  P %.3f R %.3f F1 %.3f\n", k / 100.0, s.p, s.r, s.f);
        // Files with true and false pairs choose the threshold; the positives-only one cannot.
        bool labelled = std::any_of(ps.begin(), ps.end(), [](const Pair& p) { return !p.match; });
        if (labelled) {
          mean_f1[k] += s.f;
          ++files_f1[k];
        }
      }
    }
    if (errors) {
      for (size_t i = 0; i < ps.size(); ++i) {
        bool hit = sc[i] >= th;
        if (hit != ps[i].match)
          std::printf("    %s %.3f [%s] %s || %s\n", ps[i].match ? "FN" : "FP", sc[i],
                      ps[i].category.c_str(), ps[i].a.c_str(), ps[i].b.c_str());
      }
    }
  }
  if (sweep && !mean_f1.empty()) {
    // The default threshold: best mean F1 over the labelled files, the middle of its plateau.
    double best = 0;
    for (const auto& [k, f] : mean_f1) best = std::max(best, f / files_f1[k]);
    std::printf("mean F1 over the %d labelled files:\n", files_f1.begin()->second);
    for (const auto& [k, f] : mean_f1) {
      double m = f / files_f1[k];
      std::printf("    th %.2f  %.3f%s\n", k / 100.0, m,
                  m >= best - 0.005 ? "  (within 0.005 of the best)" : "");
    }
  }
  return 0;
}
