// `chokepoint depict`: an SVG of a substance with the atoms that decided its record highlighted.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/engine_setup.h"
#include "flags/depict.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string input;
  std::string output;
  std::string jurisdiction;
  std::string as = "auto";
  std::string at;
  std::string rulebooks;
  int flag = -1;
  int width = 500;
  int height = 400;
};

int Run(const Options& o) {
  flags::DepictOptions d;
  d.flag = o.flag;
  d.width = o.width;
  d.height = o.height;
  auto as = chem::ParseInputType(o.as);
  if (!as.ok()) {
    std::cerr << "chokepoint depict: --as: " << as.status().message() << "\n";
    return kExitUsage;
  }
  d.classify.as = *as;
  if (!o.at.empty()) d.classify.at = *Date::Parse(o.at);  // checked by AddAtOption
  if (o.width < 100 || o.height < 100 || o.width > 4000 || o.height > 4000) {
    std::cerr << "chokepoint depict: --width/--height must be between 100 and 4000 pixels\n";
    return kExitUsage;
  }
  auto engine = LoadEngine(o.rulebooks.empty() ? DefaultRulebookDir() : o.rulebooks);
  if (!engine.ok()) {
    std::cerr << "chokepoint depict: cannot load rulebooks: " << engine.status().message() << "\n";
    return kExitFailure;
  }
  if (!o.jurisdiction.empty()) {
    auto js = ParseJurisdictions(o.jurisdiction, **engine);
    if (!js.ok() || js->size() != 1) {
      std::cerr << "chokepoint depict: --jurisdiction: "
                << (js.ok() ? std::string("give exactly one") : js.status().message()) << "\n";
      return kExitUsage;
    }
    d.jurisdiction = js->front();
  }
  auto dep = flags::Depict(**engine, o.input, d);
  if (!dep.ok()) {
    std::cerr << "chokepoint depict: " << dep.status().message() << "\n";
    return dep.status().code() == StatusCode::kInternal ? kExitFailure : kExitUsage;
  }
  if (o.output.empty() || o.output == "-") {
    std::cout << dep->svg;
  } else {
    std::ofstream out(o.output, std::ios::binary);
    out << dep->svg;
    if (!out) {
      std::cerr << "chokepoint depict: cannot write '" << o.output << "': " << std::strerror(errno)
                << "\n";
      return kExitFailure;
    }
  }
  std::cerr << dep->legend << " (" << dep->atoms.size() << " atom(s) highlighted)\n";
  return kExitOk;
}

}  // namespace

void RegisterDepict(CLI::App& root, std::vector<Subcommand>& out) {
  auto opts = std::make_shared<Options>();
  auto* app = root.add_subcommand(
      "depict", "SVG of a substance with the atoms that matched a rule or flag highlighted");
  app->add_option("input", opts->input, "Substance (SMILES, InChI, CAS, name)")->required();
  AddOutputOption(app, &opts->output, "Write the SVG to FILE (default: standard output)");
  app->add_option("-j,--jurisdiction", opts->jurisdiction,
                  "Show this jurisdiction's status or flags (default: the first with a status)");
  app->add_option("--flag", opts->flag,
                  "Show flag number N of the record (0-based) instead of a status");
  app->add_option("--as", opts->as,
                  "Input type: smiles, inchi, cas, name, molfile (default: detected)");
  AddAtOption(app, &opts->at, "Evaluate the law as it stood on YYYY-MM-DD (default: today)");
  AddRulebooksOption(app, &opts->rulebooks);
  app->add_option("--width", opts->width, "Image width in pixels (default 500)");
  app->add_option("--height", opts->height, "Image height in pixels (default 400)");
  out.push_back({app, [opts] { return Run(*opts); }});
}

}  // namespace chokepoint::cli
