// The legal data model: entries (named substances) and class rules (structural definitions),
// per jurisdiction, each with its citation and dates. Loaded from data/rulebooks/ by loader.h.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/date.h"

namespace RDKit {
class ROMol;
}

namespace chokepoint::rules {

enum class Category { kNone, kDrug, kPrecursor };
const char* CategoryName(Category c);

// Where a record was written, for `file:line` messages.
struct Location {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

// Fields every legal record carries.
struct Listing {
  std::string jurisdiction;  //!< "US", "CN", "UN", ...
  std::string id;            //!< stable unique id, e.g. "us.csa.fentanyl"
  std::string name;
  Category category = Category::kNone;
  std::string listing;   //!< "Schedule II", "List I", "Table I", ...
  std::string citation;  //!< primary legal source
  Date effective;
  std::optional<Date> end;  //!< exclusive
  std::string source;       //!< URL of the text, optional
  std::string note;
  Location location;

  // True when the listing is in force on `at`.
  bool InForce(const Date& at) const { return effective <= at && (!end || at < *end); }
};

struct Entry : Listing {
  std::vector<std::string> synonyms;
  std::vector<std::string> cas;
  std::string smiles;             //!< as written in the file
  std::string parent_smiles;      //!< canonical, stereo kept, after standardization
  std::string parent_smiles_flat; //!< canonical without stereochemistry
  std::string formula;
  std::set<std::string> covers;   //!< "salts", "isomers", "stereoisomers", "esters", "ethers"
  bool Covers(const std::string& clause) const { return covers.count(clause) > 0; }
};

// Substituent vocabulary of class regions (docs/rulebook-format.md).
enum class SubstituentType {
  kAny, kAlkyl, kCycloalkyl, kAlkenyl, kAlkynyl, kAlkoxy, kHydroxy, kOxo, kHalo, kHaloalkyl,
  kAmino, kNitro, kEster, kEther, kAcyl, kAlkoxycarbonyl, kAcetal, kAryl,
};
const char* SubstituentTypeName(SubstituentType t);
std::optional<SubstituentType> ParseSubstituentType(const std::string& name);

// kAromaticSystem: the atom's whole aromatic ring system (fused rings allowed, e.g. naphthyl).
enum class RingRequirement { kNone, kMonocycle, kAromaticMonocycle, kAromaticSystem };

struct Region {
  std::string name;
  std::vector<int> atoms;  //!< atom-map numbers in the core SMARTS
  std::vector<SubstituentType> allow;
  int min = 0;
  int max = -1;                        //!< -1: unlimited
  std::vector<std::string> reference;  //!< canonical SMILES of the reference substituents ("*CC")
  RingRequirement ring = RingRequirement::kNone;
  std::string reference_ring;  //!< canonical SMILES of the unmodified ring, e.g. "c1ccccc1"
  std::vector<SubstituentType> minor_allow;
  std::string minor_modification;
  std::string modification;  //!< label reported when modified, e.g. "(E)" or "(一)"
  std::string basis;         //!< for derivative classes: "amide", "carbamate", ...
  bool always = false;       //!< modified whenever matched (a replacement encoded in the core)
};

// A substance a class definition leaves to another listing ("unless listed in another
// schedule") whose own entry is not in the rulebook yet, e.g. because its effective date could
// not be confirmed. Reported with that listing and citation and without a date.
struct Exclusion {
  std::string name;
  std::string smiles;
  std::string parent_smiles_flat;
  Category category = Category::kNone;
  std::string listing;
  std::string citation;
  std::string note;
};

struct ClassRule : Listing {
  std::string basis = "class";  //!< "class" or "derivative"
  bool unless_listed = false;   //!< an entry of the same jurisdiction takes precedence
  std::string reference;        //!< reference structure (SMILES) the modifications relate to
  std::string core_smarts;
  std::shared_ptr<const RDKit::ROMol> core;  //!< compiled core; atom maps preserved
  std::vector<Region> regions;
  std::set<std::string> covers;
  std::vector<Exclusion> excludes;
};

struct Rulebook {
  std::string jurisdiction;
  std::string version;  //!< content hash of the files, e.g. "us@1a2b3c4d"
  std::vector<std::string> files;
  std::vector<std::shared_ptr<const Entry>> entries;
  std::vector<std::shared_ptr<const ClassRule>> classes;
  //! What the files do not (yet) encode, from their `coverage:` keys: a "not listed" answer
  //! repeats it, so nobody reads a gap in our data as a legal clearance.
  std::vector<std::string> coverage;
};

// A non-legal reference identity (counter-ion, solvent, common chemical, medicine).
struct Substance {
  std::string id;
  std::string name;
  std::vector<std::string> synonyms;
  std::vector<std::string> cas;
  std::string smiles;
  std::string parent_smiles;
  std::string role;
  Location location;
};

}  // namespace chokepoint::rules
