#include "cli/options.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "util/date.h"
#include "util/edit_distance.h"
#include "util/strings.h"

namespace chokepoint::cli {
namespace {

// An option writing to the same variable as `replacement`, listed under "Deprecated" in the help
// and warning on each use. Giving both spellings is an error rather than a silent choice of one.
CLI::Option* AddDeprecatedAlias(CLI::App* app, const std::string& old_name, std::string* target,
                                CLI::Option* replacement, const std::string& note = "") {
  std::string path = CommandPath(app);
  std::string use = replacement->get_name();
  auto warn = CLI::Validator(
      [path, old_name, use, note](std::string&) {
        std::cerr << path << ": warning: " << old_name << " is deprecated" << note << "; use "
                  << use << " (the old spelling will be removed in the next release)\n";
        return std::string();
      },
      "");
  return app->add_option(old_name, *target, "Old spelling of " + use + note)
      ->group("Deprecated")
      ->check(warn)
      ->excludes(replacement);
}

}  // namespace

std::string CommandPath(const CLI::App* app) {
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    std::string name = a->get_parent() == nullptr ? "chokepoint" : a->get_name();
    path = path.empty() ? name : name + " " + path;
  }
  return path;
}

CLI::Validator OneOf(const std::vector<std::string>& allowed) {
  return CLI::Validator(
      [allowed](std::string& value) {
        for (const auto& a : allowed)
          if (value == a) return std::string();
        std::string msg = "'" + value + "' is not one of " + Join(allowed, ", ");
        auto near = Nearest(value, allowed, 2, 1);
        if (!near.empty()) msg += "; did you mean '" + near.front() + "'?";
        return msg;
      },
      "{" + Join(allowed, ",") + "}");
}

CLI::Validator Between(double lo, double hi) {
  auto fmt = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  std::string range = "from " + fmt(lo) + " to " + fmt(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& value) {
        char* end = nullptr;
        double x = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !(x >= lo && x <= hi))
          return "'" + value + "' is not a number " + range;
        return std::string();
      },
      "NUMBER " + range);
}

CLI::Option* AddRulebooksOption(CLI::App* app, std::string* dir) {
  return app->add_option("--rulebooks", *dir,
                         "Rulebook directory (default: the bundled data/rulebooks)");
}

CLI::Option* AddDbOption(CLI::App* app, std::string* db) {
  return app->add_option(
      "--db", *db,
      "Database: a SQLite file (default: chokepoint.db in the chokepoint home directory) or a "
      "postgresql:// URL shared by several nodes");
}

CLI::Option* AddListsDirOption(CLI::App* app, std::string* dir) {
  auto* opt = app->add_option(
      "--lists-dir", *dir,
      "Store of imported screening lists (`chokepoint lists import`; default: the lists folder "
      "in the chokepoint home directory)");
  AddDeprecatedAlias(app, "--store", dir, opt);
  return opt;
}

CLI::Option* AddListOption(CLI::App* app, std::vector<std::string>* lists) {
  return app
      ->add_option("--list", *lists,
                   "A screening list file, or a folder with one list's files (sdn.csv, alt.csv …); "
                   "repeatable "
                   "(default: the imported lists)")
      ->allow_extra_args(false);
}

CLI::Option* AddFormatOption(CLI::App* app, std::string* format,
                             const std::vector<std::string>& formats, const std::string& what) {
  std::string help = what + ": " + formats.front() + " (default)";
  for (size_t i = 1; i < formats.size(); ++i)
    help += (i + 1 == formats.size() ? " or " : ", ") + formats[i];
  return app->add_option("--format", *format, help)->check(OneOf(formats));
}

CLI::Option* AddInputFormatOption(CLI::App* app, std::string* format,
                                  const std::vector<std::string>& formats) {
  std::string help =
      "Format of the input: " + Join(formats, ", ") + " (default: " + formats.front() + ")";
  auto* opt = app->add_option("--input-format", *format, help)->check(OneOf(formats));
  AddDeprecatedAlias(app, "--format", format, opt,
                     " here (--format names the output format elsewhere)")
      ->check(OneOf(formats));
  return opt;
}

CLI::Option* AddOutputOption(CLI::App* app, std::string* path, const std::string& help) {
  auto* opt = app->add_option("-o,--output", *path, help);
  AddDeprecatedAlias(app, "--out", path, opt);
  return opt;
}

CLI::Option* AddOutputDirOption(CLI::App* app, std::string* dir, const std::string& help) {
  auto* opt = app->add_option("--output-dir", *dir, help);
  AddDeprecatedAlias(app, "--out", dir, opt);
  return opt;
}

CLI::Option* AddAtOption(CLI::App* app, std::string* at, const std::string& help) {
  auto real_day = CLI::Validator(
      [](std::string& value) {
        auto d = Date::Parse(value);
        return d.ok() ? std::string() : d.status().message();
      },
      "YYYY-MM-DD");
  return app->add_option("--at", *at, help)->check(real_day);
}

CLI::Option* AddThreadsOption(CLI::App* app, int* threads, const std::string& help, int min,
                              int max) {
  return app->add_option("--threads", *threads, help)->check(CLI::Range(min, max));
}

CLI::Option* AddQuietFlag(CLI::App* app, bool* quiet, const std::string& help) {
  return app->add_flag("-q,--quiet", *quiet, help);
}

std::string UnknownSubcommandMessage(const CLI::App& root, int argc, const char* const* argv) {
  const CLI::App* app = &root;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    // Options come after the subcommand path; the first one ends the walk.
    if (word.empty() || word[0] == '-') return "";
    auto subs = app->get_subcommands([](const CLI::App*) { return true; });
    if (subs.empty()) return "";
    std::vector<std::string> names;
    const CLI::App* next = nullptr;
    for (const auto* s : subs) {
      names.push_back(s->get_name());
      if (s->check_name(word)) next = s;
    }
    if (next != nullptr) {
      app = next;
      continue;
    }
    if (app->get_require_subcommand_min() == 0) return "";
    std::string msg = CommandPath(app) + ": unknown command '" + word + "'";
    int cap = std::max<int>(2, static_cast<int>(word.size()) / 3);
    auto near = Nearest(word, names, cap, 3);
    if (!near.empty()) {
      msg += "; did you mean '" + near.front() + "'";
      for (size_t k = 1; k < near.size(); ++k)
        msg += (k + 1 == near.size() ? " or '" : ", '") + near[k] + "'";
      msg += "?";
    } else {
      msg += " (commands: " + Join(names, ", ") + ")";
    }
    return msg;
  }
  return "";
}

std::string UnknownOptionHint(const CLI::App* app, int argc, const char* const* argv) {
  std::vector<std::string> names;
  for (const auto* opt : app->get_options())
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word.size() < 3 || word.substr(0, 2) != "--") continue;
    std::string name(word.substr(0, word.find('=')));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    auto near = Nearest(name, names, std::max<int>(2, static_cast<int>(name.size()) / 3), 1);
    if (!near.empty()) return "; did you mean '" + near.front() + "'?";
  }
  return "";
}

}  // namespace chokepoint::cli
