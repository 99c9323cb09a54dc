// `chokepoint classify`: structure, name or CAS in -> cited status per jurisdiction.
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "classify/record_json.h"
#include "cli/batch.h"
#include "cli/command.h"
#include "cli/engine_setup.h"
#include "util/csv.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string file;
  std::string as = "auto";
  std::string jurisdictions;
  std::string at;
  std::string format = "jsonl";
  std::string fields;
  std::string rulebooks;
  int threads = 0;
  int time_budget_ms = 2000;  //!< per input; 0: none
  bool explain = false;
  bool quiet = false;
};

// First line of `s`, cut to at most `n` code points (never inside a UTF-8 sequence).
std::string Truncate(const std::string& s, size_t n) {
  std::string one = s.substr(0, s.find('\n'));
  size_t cps = 0, cut = std::string::npos;
  for (size_t i = 0; i < one.size(); ++i) {
    if ((static_cast<unsigned char>(one[i]) & 0xC0) == 0x80) continue;
    if (cps == n - 3 && cut == std::string::npos) cut = i;
    if (++cps > n) return one.substr(0, cut) + "...";
  }
  return one;
}

std::string StatusCell(const classify::JurisdictionStatus& st) {
  if (st.category == rules::Category::kNone) return "-";
  std::string s = st.listing.substr(0, st.listing.find(" ("));
  if (!st.basis.empty() && st.basis != "entry") s += " [" + st.basis + "]";
  return s;
}

class Formatter {
 public:
  Formatter(const Options& o, std::vector<std::string> jurisdictions)
      : o_(o), js_(std::move(jurisdictions)) {}

  std::string Header() const {
    if (o_.format == "csv") {
      std::string h = "line,input,ok,verdict,name,smiles,formula";
      for (const auto& j : js_)
        h += "," + j + "_category," + j + "_listing," + j + "_basis," + j + "_rule," + j +
             "_citation";
      return h + ",flags,error_code,error_message";
    }
    if (o_.format == "table") {
      char buf[256];
      std::snprintf(buf, sizeof buf, "%-5s %-40s %-11s %-24s", "LINE", "INPUT", "VERDICT", "NAME");
      std::string h = buf;
      for (const auto& j : js_) h += " " + Pad(j, 26);
      return h;
    }
    return "";
  }

  std::string Format(const classify::Record& r) const {
    if (o_.format == "csv") return Csv(r);
    if (o_.format == "table") return Table(r);
    return classify::RecordToJsonText(r);
  }

 private:
  static std::string Pad(const std::string& s, size_t n) {
    // Width by code points so Chinese listings do not break the columns too badly.
    size_t cps = 0;
    for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
    std::string t = s;
    if (cps > n) {
      t = Truncate(s, n);
      cps = n;
    }
    return t + std::string(n > cps ? n - cps : 0, ' ');
  }

  std::string Csv(const classify::Record& r) const {
    std::string s = std::to_string(r.line) + "," + CsvField(Truncate(r.input, 200)) + "," +
                    (r.ok ? "true" : "false") + "," + r.verdict + "," + CsvField(r.substance.name) +
                    "," + CsvField(r.substance.smiles) + "," + r.substance.formula;
    for (const auto& j : js_) {
      auto it = r.status.find(j);
      if (it == r.status.end()) {
        s += ",,,,,";
        continue;
      }
      const auto& st = it->second;
      s += std::string(",") + rules::CategoryName(st.category) + "," + CsvField(st.listing) + "," +
           st.basis + "," + st.rule + "," + CsvField(st.citation);
    }
    std::string flags;
    for (const auto& f : r.flags) flags += (flags.empty() ? "" : ";") + f.type + ":" + f.target;
    s += "," + CsvField(flags) + "," + (r.ok ? "" : r.error.tag()) + "," +
         CsvField(r.ok ? "" : r.error.message());
    return s;
  }

  std::string Table(const classify::Record& r) const {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%-5d ", r.line);
    std::string s =
        buf + Pad(Truncate(r.input, 40), 40) + " " + Pad(r.verdict, 11) + " " +
        Pad(r.ok ? (r.substance.name.empty() ? "-" : r.substance.name) : r.error.tag(), 24);
    for (const auto& j : js_) {
      auto it = r.status.find(j);
      s += " " + Pad(it == r.status.end() ? "" : StatusCell(it->second), 26);
    }
    if (!r.ok) s += "\n      error: " + r.error.message();
    if (o_.explain && r.ok) {
      for (const auto& j : js_) {
        auto it = r.status.find(j);
        if (it == r.status.end()) continue;
        s += "\n      " + j + ": " + it->second.explanation;
      }
      for (const auto& f : r.flags)
        s += "\n      flag " + f.type + " -> " + f.target + ": " + f.explanation;
      if (!r.substance.removed.empty()) {
        s += "\n      removed:";
        for (const auto& f : r.substance.removed) s += " " + (f.name.empty() ? f.smiles : f.name);
      }
    }
    return s;
  }

  const Options& o_;
  std::vector<std::string> js_;
};

// The classify options the command line asks for; a usage error names the option.
Result<classify::ClassifyOptions> EngineOptions(const Options& o) {
  classify::ClassifyOptions copts;
  auto as = chem::ParseInputType(o.as);
  if (!as.ok()) return Status::InvalidArgument("--as: " + as.status().message());
  copts.as = *as;
  if (!o.at.empty()) copts.at = *Date::Parse(o.at);  // checked by AddAtOption
  std::stringstream fields(o.fields);
  for (std::string f; std::getline(fields, f, ',');) {
    if (f == "inchi" || f == "inchikey")
      copts.want_inchi = true;
    else if (!f.empty())
      return Status::InvalidArgument("unknown --fields value '" + f + "' (expected inchi)");
  }
  return copts;
}

// The inputs: the command's arguments, else --file, else standard input.
Result<BatchInput> OpenInputs(const Options& o) {
  if (o.inputs.empty()) return OpenBatchInput(o.file, "chokepoint classify", "inputs");
  std::string joined;
  for (const auto& i : o.inputs) joined += i + "\n";
  BatchInput args;
  args.owned = std::make_unique<std::istringstream>(joined);
  args.stream = args.owned.get();
  return args;
}

void PrintSummary(size_t n, std::map<std::string, size_t>& counts, size_t empty, double secs) {
  std::fprintf(stderr,
               "classified %zu input(s): controlled %zu, precursor %zu, flagged %zu, clear %zu, "
               "errors %zu",
               n, counts["controlled"], counts["precursor"], counts["flagged"], counts["clear"],
               counts["error"]);
  if (empty) std::fprintf(stderr, "; %zu empty line(s) skipped", empty);
  std::fprintf(stderr, " (%.2f s)\n", secs);
}

int Run(const Options& o) {
  auto parsed = EngineOptions(o);
  if (!parsed.ok()) {
    std::cerr << "chokepoint classify: " << parsed.status().message() << "\n";
    return kExitUsage;
  }
  classify::ClassifyOptions copts = *parsed;
  auto engine = LoadEngine(o.rulebooks.empty() ? DefaultRulebookDir() : o.rulebooks);
  if (!engine.ok()) {
    std::cerr << "chokepoint classify: cannot load rulebooks: " << engine.status().message()
              << "\n";
    return kExitFailure;
  }
  if (!o.jurisdictions.empty()) {
    auto js = ParseJurisdictions(o.jurisdictions, **engine);
    if (!js.ok()) {
      std::cerr << "chokepoint classify: --jurisdictions: " << js.status().message() << "\n";
      return kExitUsage;
    }
    copts.jurisdictions = *js;
  }
  std::vector<std::string> shown =
      copts.jurisdictions.empty() ? (*engine)->rules().Jurisdictions() : copts.jurisdictions;

  auto in = OpenInputs(o);
  if (!in.ok()) {
    std::cerr << "chokepoint classify: " << in.status().message() << "\n";
    return kExitFailure;
  }

  Formatter fmt(o, shown);
  std::map<std::string, size_t> counts;
  bool first = true;
  std::string header = fmt.Header();
  if (!header.empty()) std::cout << header << "\n";
  if (o.format == "json") std::cout << "[";
  RecordReader reader(*in->stream, copts.as == chem::InputType::kMolfile);
  BatchOptions bopts;
  bopts.threads = o.threads;
  bopts.progress = !o.quiet && StderrIsTerminal() && o.inputs.empty();
  bopts.total_bytes = in->total_bytes;
  bopts.label = "inputs";
  std::mutex counts_mu;
  size_t empty = 0;
  auto start = std::chrono::steady_clock::now();
  size_t n = RunBatch(
      reader, bopts,
      [&](const BatchItem& item) {
        classify::ClassifyOptions mine = copts;
        if (o.time_budget_ms > 0)
          mine.deadline =
              std::chrono::steady_clock::now() + std::chrono::milliseconds(o.time_budget_ms);
        classify::Record r = (*engine)->Classify(item.text, mine);
        r.line = item.line;
        {
          std::lock_guard<std::mutex> lock(counts_mu);
          ++counts[r.verdict];
        }
        return fmt.Format(r);
      },
      [&](const std::string& line) {
        if (o.format == "json") {
          std::cout << (first ? "\n" : ",\n") << line;
          first = false;
        } else {
          std::cout << line << "\n";
        }
      },
      &empty);
  if (o.format == "json") std::cout << (first ? "]\n" : "\n]\n");
  std::cout.flush();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!o.quiet) PrintSummary(n, counts, empty, secs);
  return kExitOk;
}

}  // namespace

void RegisterClassify(CLI::App& root, std::vector<Subcommand>& out) {
  auto opts = std::make_shared<Options>();
  auto* app = root.add_subcommand(
      "classify",
      "Control status of substances (SMILES, InChI, CAS, name, molfile) per jurisdiction");
  app->add_option("inputs", opts->inputs,
                  "Substances to classify (default: --file or standard input, one per line)");
  app->add_option("-f,--file", opts->file,
                  "Read inputs from FILE, one per line ('-' for stdin; SD file with --as molfile)");
  app->add_option("--as", opts->as,
                  "Input type: smiles, inchi, cas, name, molfile (default: detected per input)");
  app->add_option("-j,--jurisdictions", opts->jurisdictions,
                  "Comma-separated jurisdictions, e.g. US,CN,UN (default: all loaded)");
  AddAtOption(app, &opts->at, "Evaluate the law as it stood on YYYY-MM-DD (default: today)");
  AddFormatOption(app, &opts->format, {"jsonl", "json", "table", "csv"});
  app->add_option("--fields", opts->fields, "Extra fields to compute for every record: inchi");
  AddRulebooksOption(app, &opts->rulebooks);
  AddThreadsOption(app, &opts->threads, "Worker threads (default: all cores)");
  app->add_option("--time-budget-ms", opts->time_budget_ms,
                  "Give up on an input after this long with error code too_complex, and go on "
                  "(default: 2000; 0: no limit)")
      ->check(CLI::Range(0, 3600000));
  app->add_flag("--explain", opts->explain,
                "Table view: print each jurisdiction's explanation and the flags");
  AddQuietFlag(app, &opts->quiet);
  out.push_back({app, [opts] { return Run(*opts); }});
}

}  // namespace chokepoint::cli
