// `chokepoint rulebooks list|check|coverage|verify`: what legal data is loaded, is it valid, is
// it complete against the official lists, and do its structures agree with a second derivation.
#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "rules/rulebook_set.h"
#include "rules/verify.h"

namespace chokepoint::cli {
namespace {

struct Options {
  std::string dir;
  std::string format = "table";
  std::vector<std::string> jurisdictions;  //!< empty: all
  bool all = false;                        //!< verify: list agreeing entries too
};

bool Wanted(const Options& o, const std::string& j) {
  return o.jurisdictions.empty() ||
         std::find(o.jurisdictions.begin(), o.jurisdictions.end(), j) != o.jurisdictions.end();
}

// Encoded / official per list, and every row neither encoded nor given a reviewed reason.
int Coverage(const Options& o) {
  auto set = rules::LoadRulebooks(o.dir.empty() ? DefaultRulebookDir() : o.dir);
  if (!set.ok()) {
    std::cerr << "chokepoint rulebooks coverage: " << set.status().message() << "\n";
    return kExitFailure;
  }
  size_t missing_total = 0;
  if (o.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& rb : (*set)->rulebooks()) {
      if (!Wanted(o, rb.jurisdiction)) continue;
      for (const auto& c : rb.list_coverage) {
        nlohmann::ordered_json j;
        j["jurisdiction"] = rb.jurisdiction;
        j["list"] = c.list->id;
        j["title"] = c.list->title;
        j["source"] = c.list->source;
        j["as_of"] = c.list->as_of;
        j["official"] = c.list->rows.size();
        j["encoded"] = c.encoded;
        j["omitted"] = c.omitted;
        nlohmann::ordered_json omitted = nlohmann::ordered_json::array();
        for (const auto& r : c.list->rows)
          if (!r.omitted_reason.empty())
            omitted.push_back({{"key", r.key}, {"name", r.name}, {"reason", r.omitted_reason}});
        j["omitted_rows"] = omitted;
        nlohmann::ordered_json missing = nlohmann::ordered_json::array();
        for (const auto* r : c.missing)
          missing.push_back(
              {{"key", r->key}, {"code", r->code}, {"name", r->name}, {"cas", r->cas}});
        j["missing"] = missing;
        missing_total += c.missing.size();
        out.push_back(j);
      }
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-4s %-28s %8s %8s %8s %8s  %s\n", "JUR", "LIST", "OFFICIAL", "ENCODED", "OMITTED",
              "MISSING", "TITLE");
  for (const auto& rb : (*set)->rulebooks()) {
    if (!Wanted(o, rb.jurisdiction)) continue;
    for (const auto& c : rb.list_coverage) {
      std::printf("%-4s %-28s %8zu %8zu %8zu %8zu  %s\n", rb.jurisdiction.c_str(),
                  c.list->id.c_str(), c.list->rows.size(), c.encoded, c.omitted, c.missing.size(),
                  c.list->title.c_str());
      missing_total += c.missing.size();
    }
    if (rb.list_coverage.empty())
      std::printf("%-4s (no official lists in %s/official)\n", rb.jurisdiction.c_str(),
                  rb.jurisdiction.c_str());
  }
  for (const auto& rb : (*set)->rulebooks()) {
    if (!Wanted(o, rb.jurisdiction)) continue;
    for (const auto& c : rb.list_coverage) {
      bool header = false;
      for (const auto& r : c.list->rows) {
        if (r.omitted_reason.empty()) continue;
        if (!header)
          std::printf("\n%s %s: left out with a reviewed reason\n", rb.jurisdiction.c_str(),
                      c.list->id.c_str());
        header = true;
        std::printf("  %-12s %-40s %s\n", r.key.c_str(), r.name.c_str(), r.omitted_reason.c_str());
      }
      if (c.missing.empty()) continue;
      std::printf("\n%s %s: NOT ENCODED (%s)\n", rb.jurisdiction.c_str(), c.list->id.c_str(),
                  c.list->file.c_str());
      for (const auto* r : c.missing)
        std::printf("  %-12s %-6s %-40s %s  (line %d)\n", r->key.c_str(), r->code.c_str(),
                    r->name.c_str(), r->cas.c_str(), r->line);
    }
  }
  std::printf("\n%zu official item(s) neither encoded nor left out with a reason\n", missing_total);
  return kExitOk;
}

// Second derivations: every structure against its `check`, by InChIKey.
int Verify(const Options& o) {
  auto set = rules::LoadRulebooks(o.dir.empty() ? DefaultRulebookDir() : o.dir);
  if (!set.ok()) {
    std::cerr << "chokepoint rulebooks verify: " << set.status().message() << "\n";
    return kExitFailure;
  }
  using O = rules::StructureCheck::Outcome;
  std::map<std::string, std::map<O, size_t>> counts;
  size_t problems = 0;
  for (const auto& c : rules::VerifyStructures(**set)) {
    const auto& e = *c.entry;
    if (!Wanted(o, e.jurisdiction)) continue;
    ++counts[e.jurisdiction][c.outcome];
    bool problem = rules::IsProblem(c.outcome);
    problems += problem;
    if (problem || o.all || c.outcome == O::kExplained) {
      std::printf("%s: %s %s: %s %s%s%s\n", e.location.ToString().c_str(), e.id.c_str(),
                  rules::OutcomeName(c.outcome), c.inchikey.c_str(), c.check_inchikey.c_str(),
                  c.problem.empty() ? "" : (" " + c.problem).c_str(),
                  c.outcome == O::kExplained ? (" (" + e.check_note + ")").c_str() : "");
    }
  }
  std::printf("\n%-4s %7s %9s %11s %9s %12s %7s\n", "JUR", "AGREE", "EXPLAINED", "UNEXPLAINED",
              "NO-CHECK", "NO-STRUCTURE", "FAILED");
  for (const auto& [j, m] : counts) {
    auto n = [&](O x) {
      auto it = m.find(x);
      return it == m.end() ? size_t{0} : it->second;
    };
    std::printf("%-4s %7zu %9zu %11zu %9zu %12zu %7zu\n", j.c_str(), n(O::kAgree), n(O::kExplained),
                n(O::kUnexplained) + n(O::kSkeletonOnly), n(O::kNoCheck), n(O::kNoStructure),
                n(O::kFailed));
  }
  if (problems) {
    std::fprintf(stderr,
                 "%zu structure(s) disagree with their second derivation and no reviewed note "
                 "explains why\n",
                 problems);
    return kExitFailure;
  }
  return kExitOk;
}

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
        classes.push_back({{"id", c->id},
                           {"name", c->name},
                           {"listing", c->listing},
                           {"citation", c->citation},
                           {"effective", c->effective.ToString()}});
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
    std::printf("%-6s %-14s %8zu %8zu  %s\n", rb.jurisdiction.c_str(), rb.version.c_str(),
                rb.entries.size(), rb.classes.size(), files.c_str());
    for (const auto& c : rb.classes) {
      std::printf("       class %s: %s (%s, effective %s)\n", c->id.c_str(), c->name.c_str(),
                  c->listing.c_str(), c->effective.ToString().c_str());
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
  std::printf(
      "ok: %zu entries and %zu class rules in %zu jurisdictions, %zu reference substances (%s)\n",
      entries, classes, (*set)->rulebooks().size(), (*set)->substances().size(), dir.c_str());
  return kExitOk;
}

}  // namespace

void RegisterRulebooks(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("rulebooks", "Show and validate the legal rulebooks");
  app->require_subcommand(1);
  auto list_opts = std::make_shared<Options>();
  auto* list = app->add_subcommand("list", "Jurisdictions, versions, entry and class counts");
  AddRulebooksOption(list, &list_opts->dir);
  AddFormatOption(list, &list_opts->format, {"table", "json"});
  out.push_back({list, [list_opts] { return List(*list_opts); }});
  auto check_opts = std::make_shared<Options>();
  auto* check = app->add_subcommand(
      "check", "Validate rulebook files; problems print as file:line: what is wrong");
  check->add_option("dir", check_opts->dir,
                    "Rulebook directory (default: the bundled data/rulebooks)");
  AddRulebooksOption(check, &check_opts->dir);
  out.push_back({check, [check_opts] { return Check(*check_opts); }});
  auto cov_opts = std::make_shared<Options>();
  auto* cov = app->add_subcommand(
      "coverage", "Per official list: items encoded / official, and every item missing");
  AddRulebooksOption(cov, &cov_opts->dir);
  AddFormatOption(cov, &cov_opts->format, {"table", "json"});
  cov->add_option("-j,--jurisdictions", cov_opts->jurisdictions,
                  "Only these jurisdictions (comma-separated)")
      ->delimiter(',');
  out.push_back({cov, [cov_opts] { return Coverage(*cov_opts); }});
  auto ver_opts = std::make_shared<Options>();
  auto* ver = app->add_subcommand("verify",
                                  "Compare every structure with its second derivation (check:) by "
                                  "InChIKey; exit 1 on an unexplained difference");
  AddRulebooksOption(ver, &ver_opts->dir);
  ver->add_option("-j,--jurisdictions", ver_opts->jurisdictions,
                  "Only these jurisdictions (comma-separated)")
      ->delimiter(',');
  ver->add_flag("--all", ver_opts->all, "List every entry, not only differences");
  out.push_back({ver, [ver_opts] { return Verify(*ver_opts); }});
}

}  // namespace chokepoint::cli
