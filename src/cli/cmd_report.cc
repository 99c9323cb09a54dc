// `chokepoint report ORDER_ID`: the suspicious-order report (21 CFR 1310.05/1310.06) of a
// screened order, as Markdown and JSON.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "orders/report.h"
#include "store/order_store.h"
#include "store/schema.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string id;
  std::string db;
  std::string org = "default";
  std::string out = ".";
  std::string format;
  std::string aware;
};

int Run(const Options& o) {
  const char* me = "chokepoint report";
  Date aware = Date::Today();
  if (!o.aware.empty()) {
    auto d = Date::Parse(o.aware);
    if (!d.ok()) {
      std::cerr << me << ": --aware: " << d.status().message() << "\n";
      return kExitUsage;
    }
    aware = *d;
  }
  std::string db_path = DatabaseTarget(o.db);
  if (!store::IsPostgresUrl(db_path) && !std::filesystem::exists(db_path)) {
    std::cerr << me << ": no database at '" << db_path << "' (screen orders first, or pass --db)\n";
    return kExitFailure;
  }
  auto db = store::OpenDatabase(db_path);
  if (!db.ok()) {
    std::cerr << me << ": " << db.status().message() << "\n";
    return kExitFailure;
  }
  auto st = store::OrderStore::Create(db->get(), o.org);
  if (!st.ok()) {
    std::cerr << me << ": " << st.status().message() << "\n";
    return kExitFailure;
  }
  auto stored = (*st)->Get(o.id);
  if (!stored.ok()) {
    std::cerr << me << ": " << stored.status().message() << "\n";
    return kExitFailure;
  }
  auto report = orders::BuildReport({stored->raw, stored->output, stored->policy, aware});
  if (!report.ok()) {
    std::cerr << me << ": " << report.status().message() << "\n";
    return kExitFailure;
  }
  std::string md = orders::ReportMarkdown(*report);
  std::string json = report->dump(2) + "\n";
  if (o.format == "json") {
    std::cout << json;
    return kExitOk;
  }
  if (!o.format.empty()) {
    std::cout << md;
    return kExitOk;
  }
  std::string safe;
  for (char c : o.id)
    safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  std::string base = o.out + "/suspicious-order-" + safe;
  for (const auto& [path, text] : {std::pair{base + ".md", md}, {base + ".json", json}}) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
      std::cerr << me << ": cannot write '" << path << "'\n";
      return kExitFailure;
    }
    std::cerr << "wrote " << path << "\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& root, std::vector<Subcommand>& out) {
  auto opts = std::make_shared<Options>();
  auto* app = root.add_subcommand(
      "report",
      "Suspicious-order report of a screened order (21 CFR 1310.05/1310.06), Markdown + JSON");
  app->add_option("order_id", opts->id, "Order id as screened")->required();
  AddDbOption(app, &opts->db);
  app->add_option("--org", opts->org, "Organization (default: default)");
  AddOutputDirOption(app, &opts->out,
                     "Folder for suspicious-order-ID.md and .json (default: current folder)");
  app->add_option("--format", opts->format, "Print one form to standard output instead: md or json")
      ->check(OneOf({"md", "json", "markdown"}));
  app->add_option(
      "--aware", opts->aware,
      "Day the suspicion arose, YYYY-MM-DD, for the 15-day written-report date (default: today)");
  out.push_back({app, [opts] { return Run(*opts); }});
}

}  // namespace chokepoint::cli
