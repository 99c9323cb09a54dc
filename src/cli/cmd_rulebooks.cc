// `chokepoint rulebooks list|check`: what legal data is loaded, and is it valid.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "rules/rulebook_set.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string dir;
  std::string format = "table";
};

int List(const Options& o) {
  auto set = rules::LoadRulebooks(o.dir.empty() ? DefaultRulebookDir() : o.dir);
  if (!set.ok()) {
    std::cerr << "chokepoint rulebooks list: " << set.status().message() << "\n";
    return kExitFailure;
  }
  if (o.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& rb : (*set)->rulebooks()) {
      nlohmann::ordered_json j;
      j["jurisdiction"] = rb.jurisdiction;
      j["version"] = rb.version;
      j["files"] = rb.files;
      j["entries"] = rb.entries.size();
      j["classes"] = rb.classes.size();
      nlohmann::ordered_json classes = nlohmann::ordered_json::array();
      for (const auto& c : rb.classes) {
        classes.push_back({{"id", c->id}, {"name", c->name}, {"listing", c->listing},
                           {"citation", c->citation}, {"effective", c->effective.ToString()}});
      }
      j["class_rules"] = classes;
      out.push_back(j);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-6s %-14s %8s %8s  %s\n", "JUR", "VERSION", "ENTRIES", "CLASSES", "FILES");
  for (const auto& rb : (*set)->rulebooks()) {
    std::string files;
    for (const auto& f : rb.files) files += (files.empty() ? "" : ", ") + f;
    std::printf("%-6s %-14s %8zu %8zu  %s\n", rb.jurisdiction.c_str(), rb.version.c_str(), rb.entries.size(),
                rb.classes.size(), files.c_str());
    for (const auto& c : rb.classes) {
      std::printf("       class %s: %s (%s, effective %s)\n", c->id.c_str(), c->name.c_str(), c->listing.c_str(),
                  c->effective.ToString().c_str());
    }
  }
  std::printf("reference substances: %zu\n", (*set)->substances().size());
  return kExitOk;
}

int Check(const Options& o) {
  std::string dir = o.dir.empty() ? DefaultRulebookDir() : o.dir;
  auto set = rules::LoadRulebooks(dir);
  if (!set.ok()) {
    std::cerr << set.status().message() << "\n";
    return kExitFailure;
  }
  size_t entries = 0, classes = 0;
  for (const auto& rb : (*set)->rulebooks()) {
    entries += rb.entries.size();
    classes += rb.classes.size();
  }
  std::printf("ok: %zu entries and %zu class rules in %zu jurisdictions, %zu reference substances (%s)\n", entries,
              classes, (*set)->rulebooks().size(), (*set)->substances().size(), dir.c_str());
  return kExitOk;
}

}  // namespace

void RegisterRulebooks(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("rulebooks", "Show and validate the legal rulebooks");
  app->require_subcommand(1);
  auto list_opts = std::make_shared<Options>();
  auto* list = app->add_subcommand("list", "Jurisdictions, versions, entry and class counts");
  list->add_option("--rulebooks", list_opts->dir, "Rulebook directory (default: the bundled data/rulebooks)");
  list->add_option("--format", list_opts->format, "table (default) or json");
  out.push_back({list, [list_opts] { return List(*list_opts); }});
  auto check_opts = std::make_shared<Options>();
  auto* check = app->add_subcommand("check", "Validate rulebook files; problems print as file:line: what is wrong");
  check->add_option("dir", check_opts->dir, "Rulebook directory (default: the bundled data/rulebooks)");
  out.push_back({check, [check_opts] { return Check(*check_opts); }});
}

}  // namespace chokepoint::cli
