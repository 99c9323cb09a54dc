#include "cli/engine_setup.h"

#include <algorithm>
#include <sstream>

#include "flags/flag_stages.h"
#include "rules/rulebook_set.h"

namespace chokepoint::cli {

Result<std::shared_ptr<const classify::Engine>> LoadEngine(const std::string& rulebook_dir) {
  auto rules = rules::LoadRulebooks(rulebook_dir);
  if (!rules.ok()) return rules.status();
  auto engine = std::make_shared<classify::Engine>(*rules);
  // Flag stages: masked precursors, similarity, watch lists; data next to the rulebooks.
  Status flags = flags::AddFlagStages(*engine, flags::DefaultFlagStages(rulebook_dir));
  if (!flags.ok()) return flags;
  return std::shared_ptr<const classify::Engine>(engine);
}

Result<std::vector<std::string>> ParseJurisdictions(const std::string& text,
                                                    const classify::Engine& engine) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  auto loaded = engine.rules().Jurisdictions();
  while (std::getline(ss, item, ',')) {
    for (auto& c : item) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (item.empty()) continue;
    if (std::find(loaded.begin(), loaded.end(), item) == loaded.end()) {
      std::string known;
      for (const auto& j : loaded) known += (known.empty() ? "" : ", ") + j;
      return Status::InvalidArgument("unknown jurisdiction '" + item + "' (loaded: " + known + ")");
    }
    out.push_back(item);
  }
  return out;
}

}  // namespace chokepoint::cli
