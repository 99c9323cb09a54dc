// The data model of screening lists: one designated party (Entity) and one loaded list.
//
// Every loader (OFAC, CSL, UN, BIS DPL, custom) produces LoadedList values in this shape, so
// the normalizer, index and scorer never see a source format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::parties {

enum class EntityType { kUnknown, kEntity, kIndividual, kVessel, kAircraft };

// "entity", "individual", "vessel", "aircraft", "unknown".
const char* EntityTypeName(EntityType t);
// Accepts the spellings of every supported list ("Entity", "individual", "-0-", "vessel"…);
// anything else is kUnknown.
EntityType ParseEntityType(std::string_view s);

// An identifier as printed by the list ("Passport E382464 (Thailand)") with its kind and the
// normalized key the matcher compares (see identifiers.h).
struct Identifier {
  std::string kind;     //!< "passport", "uscc", "tax_id", "email", "website", "phone", "crypto"…
  std::string value;    //!< as printed in the source
  std::string country;  //!< issuing country when the source says so, else empty
};

struct Entity {
  std::string list;       //!< name of the list it came from ("ofac_sdn")
  std::string entity_id;  //!< the list's own id: OFAC ent_num, CSL entity_number…
  EntityType type = EntityType::kUnknown;
  std::string name;                       //!< primary name as printed
  std::vector<std::string> aliases;       //!< a.k.a./f.k.a./native-script names
  std::vector<std::string> weak_aliases;  //!< OFAC "low quality" a.k.a. (nicknames); matched too
  std::vector<std::string> programs;      //!< sanction programs ("SDNTK", "ILLICIT-DRUGS-EO14059")
  std::vector<std::string> countries;     //!< ISO 3166 alpha-2 codes found in addresses/nationality
  std::vector<std::string> addresses;     //!< one line per address
  std::vector<Identifier> ids;            //!< documents, registration codes, emails, phones…
  std::vector<std::string> dates_of_birth;  //!< "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  std::vector<std::string> linked_to;       //!< OFAC "Linked To:" names
  std::string remarks;                      //!< free text kept for the explanation
};

// Where a list came from and what it holds. Counts are of successfully loaded rows.
struct ListInfo {
  std::string name;  //!< short name used in results ("ofac_sdn", "csl", "un", "bis_dpl", or custom)
  std::string format;   //!< "ofac_csv", "csl_csv", "un_xml", "bis_dpl", "custom_csv", "custom_json"
  std::string source;   //!< file or folder it was loaded from
  std::string version;  //!< date of the list ("YYYY-MM-DD") or "unknown" when the file carries none
  size_t entities = 0;
  size_t names = 0;  //!< primary names + aliases
  size_t addresses = 0;
  size_t identifiers = 0;
  size_t skipped = 0;                 //!< malformed rows reported in `problems` and not loaded
  std::vector<std::string> problems;  //!< "file:line: reason" for every skipped row
};

struct LoadedList {
  ListInfo info;
  std::vector<Entity> entities;
};

// Fills info.entities/names/addresses/identifiers from `entities`.
void Recount(LoadedList& list);

}  // namespace chokepoint::parties
