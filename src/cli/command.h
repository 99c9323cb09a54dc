// The `chokepoint` command's subcommand table.
//
// Each subcommand lives in its own cmd_<name>.cc and exposes one Register function that adds
// a CLI11 subcommand and stores its handler. Handlers return the process exit code:
// 0 the run completed (per-record errors are reported in the output), 1 the run failed,
// 2 bad usage.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/options.h"

namespace chokepoint::cli {

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Default locations, resolved relative to the executable's source tree when not installed.
std::string DefaultRulebookDir();
std::string DefaultDataDir();
// Per-user state (imported lists, the default database): $CHOKEPOINT_HOME, else
// $XDG_DATA_HOME/chokepoint, else ~/.local/share/chokepoint. Created on first use by callers.
std::string DefaultHomeDir();

// The database a --db value names: itself, or the SQLite file in DefaultHomeDir() when empty.
std::string DatabaseTarget(const std::string& db);

void RegisterClassify(CLI::App& root, std::vector<Subcommand>& out);
void RegisterRulebooks(CLI::App& root, std::vector<Subcommand>& out);
void RegisterScreen(CLI::App& root, std::vector<Subcommand>& out);
void RegisterReport(CLI::App& root, std::vector<Subcommand>& out);
void RegisterParties(CLI::App& root, std::vector<Subcommand>& out);
void RegisterLists(CLI::App& root, std::vector<Subcommand>& out);
void RegisterAdmin(CLI::App& root, std::vector<Subcommand>& out);
void RegisterAudit(CLI::App& root, std::vector<Subcommand>& out);
void RegisterDepict(CLI::App& root, std::vector<Subcommand>& out);
void RegisterServe(CLI::App& root, std::vector<Subcommand>& out);
void RegisterExchange(CLI::App& root, std::vector<Subcommand>& out);

}  // namespace chokepoint::cli
