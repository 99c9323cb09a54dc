#include "parties/entity.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace chokepoint::parties {

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kEntity:
      return "entity";
    case EntityType::kIndividual:
      return "individual";
    case EntityType::kVessel:
      return "vessel";
    case EntityType::kAircraft:
      return "aircraft";
    case EntityType::kUnknown:
      break;
  }
  return "unknown";
}

EntityType ParseEntityType(std::string_view s) {
  std::string l;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c)))
      l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (l == "individual" || l == "person" || l == "individuals") return EntityType::kIndividual;
  // OFAC writes -0- (empty) for entities.
  if (l == "entity" || l == "-0-" || l == "organization" || l == "company" || l == "legalentity" ||
      l == "entities")
    return EntityType::kEntity;
  if (l == "vessel") return EntityType::kVessel;
  if (l == "aircraft") return EntityType::kAircraft;
  return EntityType::kUnknown;
}

void Recount(LoadedList& list) {
  auto& i = list.info;
  i.entities = list.entities.size();
  i.names = i.addresses = i.identifiers = 0;
  for (const auto& e : list.entities) {
    i.names += 1 + e.aliases.size() + e.weak_aliases.size();
    i.addresses += e.addresses.size();
    i.identifiers += e.ids.size();
  }
}

}  // namespace chokepoint::parties
