// Entry point of the `chokepoint` command: a thin dispatcher over the subcommand table.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "store/schema.h"

namespace chokepoint::cli {

std::string DefaultDataDir() {
  if (const char* env = std::getenv("CHOKEPOINT_DATA")) return env;
  return std::string(CHOKEPOINT_SOURCE_DIR) + "/data";
}

std::string DefaultRulebookDir() {
  if (const char* env = std::getenv("CHOKEPOINT_RULEBOOKS")) return env;
  return DefaultDataDir() + "/rulebooks";
}

std::string DefaultHomeDir() {
  if (const char* env = std::getenv("CHOKEPOINT_HOME")) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME")) return std::string(xdg) + "/chokepoint";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/share/chokepoint";
}

std::string DatabaseTarget(const std::string& db) {
  return db.empty() ? store::DefaultDatabase(DefaultHomeDir()) : db;
}

}  // namespace chokepoint::cli

int main(int argc, char** argv) {
  using namespace chokepoint::cli;
  CLI::App app{
      "chokepoint: stop fentanyl and methamphetamine precursors at the point of sale and export"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "chokepoint 0.1.0");
  std::vector<Subcommand> subs;
  RegisterClassify(app, subs);
  RegisterRulebooks(app, subs);
  RegisterScreen(app, subs);
  RegisterReport(app, subs);
  RegisterParties(app, subs);
  RegisterLists(app, subs);
  RegisterAdmin(app, subs);
  RegisterAudit(app, subs);
  RegisterDepict(app, subs);
  RegisterServe(app, subs);
  RegisterExchange(app, subs);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string unknown = UnknownSubcommandMessage(app, argc, argv);
    if (!unknown.empty()) {
      std::cerr << unknown << "\n";
    } else {
      // Name the subcommand whose options were being read, as the commands' own errors do.
      const CLI::App* where = &app;
      while (!where->get_subcommands().empty()) where = where->get_subcommands().front();
      std::string hint =
          dynamic_cast<const CLI::ExtrasError*>(&e) ? UnknownOptionHint(where, argc, argv) : "";
      std::cerr << CommandPath(where) << ": " << e.what() << hint << "\nRun '" << CommandPath(where)
                << " --help' for the options.\n";
    }
    return kExitUsage;
  }
  for (const auto& s : subs) {
    if (s.app->parsed()) return s.run();
  }
  return kExitUsage;
}
