#include "cli/command.h"
namespace chokepoint::cli {
void RegisterClassify(CLI::App& root, std::vector<Subcommand>& out) {
  auto* app = root.add_subcommand("classify", "(in progress)");
  out.push_back({app, [] { return kExitFailure; }});
}
}  // namespace chokepoint::cli
