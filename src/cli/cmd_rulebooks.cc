#include "cli/command.h"
namespace chokepoint::cli {
void RegisterRulebooks(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("rulebooks", "(in progress)");
  out.push_back({app, [] { return kExitFailure; }});
}
}  // namespace chokepoint::cli
