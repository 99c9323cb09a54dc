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
#include "util/yaml_reader.h"

namespace RDKit {
class ROMol;
}

namespace chokepoint::rules {

enum class Category { kNone, kDrug, kPrecursor };
const char* CategoryName(Category c);
// Which category wins when several apply: a drug listing over a precursor listing over none.
inline int CategoryRank(Category c) {
  return c == Category::kDrug ? 2 : c == Category::kPrecursor ? 1 : 0;
}

using Location = ::chokepoint::Location;  // where a record was written (util/yaml_reader.h)

// Fields every legal record carries: one listing of a substance or class, with its dates.
struct Listing {
  std::string jurisdiction;  //!< "US", "CN", "UN", ...
  std::string id;            //!< stable unique id, e.g. "us.csa.fentanyl"
  std::string name;
  Category category = Category::kNone;
  std::string listing;   //!< "Schedule II", "List I", "Table I", ...
  std::string code;      //!< the list's own number (DEA code, catalogue sequence), optional
  std::string citation;  //!< primary legal source
  //! The first day of control; when `effective_known` is false, only a day on which the official
  //! text read lists it (`in_force_by:` in the file) — the day control began is not recorded.
  Date effective;
  bool effective_known = true;
  std::optional<Date> end;  //!< exclusive
  std::string source;       //!< URL of the text, optional
  std::string note;
  Location location;

  // True when the listing is in force on `at`. A listing whose first day is not recorded is
  // taken to apply before its in-force-by date too (the strictest reading).
  bool InForce(const Date& at) const {
    return (!effective_known || effective <= at) && (!end || at < *end);
  }
};

// A threshold above which a transaction in a listed chemical is regulated (US 21 CFR 1310.04).
struct Threshold {
  std::string scope;    //!< "all", "domestic", "import_export", "import", "export"
  double quantity = 0;  //!< 0: every transaction
  std::string unit;     //!< g, kg, mg, L, mL, gal
  std::string basis;    //!< e.g. "base weight"
  std::string citation;
  std::string note;
};

struct Entry : Listing {
  std::vector<std::string> synonyms;
  std::vector<std::string> cas;
  std::string smiles;              //!< as written in the file; empty for `no_structure` entries
  std::string no_structure;        //!< why there is no single structure (plant, preparation ...)
  std::string parent_smiles;       //!< canonical, stereo kept, after standardization
  std::string parent_smiles_flat;  //!< canonical without stereochemistry
  std::string formula;
  std::set<std::string> covers;  //!< "salts", "isomers", "stereoisomers", "esters", "ethers"
  //! Earlier listings of the same substance (dated transfers), oldest first; each has an `end`.
  //! The entry's own Listing fields are the latest state.
  std::vector<Listing> history;
  std::vector<std::string> refs;  //!< official-list rows this entry encodes, "<list_id>:<key>"
  std::string check_smiles, check_by, check_note;  //!< the second, independent derivation
  std::string expected_formula;                    //!< the formula printed by the source, if given
  bool excepted = false;  //!< an express exception from the listings in `excepts`
  std::vector<std::string> excepts;
  std::vector<std::string>
      concurrent_with;  //!< other entries of the same structure in force at once
  std::vector<Threshold> thresholds;

  bool Covers(const std::string& clause) const { return covers.count(clause) > 0; }
  bool HasStructure() const { return !parent_smiles.empty(); }
  // The state (this entry's latest listing or one of its history) in force on `at`, or null.
  const Listing* StateAt(const Date& at) const;
  // The state nearest to `at` (the next one when `at` precedes them all, else the last), for
  // "was listed until" / "is listed from" notes.
  const Listing& NearestState(const Date& at) const;
};

// Substituent vocabulary of class regions (docs/rulebook-format.md).
enum class SubstituentType {
  kAny,
  kAlkyl,
  kCycloalkyl,
  kAlkenyl,
  kAlkynyl,
  kAlkoxy,
  kHydroxy,
  kOxo,
  kHalo,
  kHaloalkyl,
  kAmino,
  kNitro,
  kEster,
  kEther,
  kAcyl,
  kAlkoxycarbonyl,
  kAcetal,
  kAryl,
  // R-groups of general formulae (China's synthetic-cannabinoid class); each "substituted or not".
  kMethyl,                   //!< -CH3 only
  kHydrocarbylC3C8,          //!< a C3-C8 hydrocarbyl skeleton
  kHydrocarbylC3C10,         //!< a C3-C10 hydrocarbyl skeleton
  kArylC6C10,                //!< a carbocyclic aromatic system of 6-10 carbons (phenyl, naphthyl)
  kHeterocyclyl,             //!< a ring system with 1-3 heteroatoms
  kHeterocyclylMethylEthyl,  //!< methyl or ethyl carrying such a heterocyclyl
  kPhenyl,                   //!< a phenyl ring, substituted or not
  kBenzyl,                   //!< -CH2-phenyl, the phenyl substituted or not
  kZR3,  //!< Z-R3 on a carbonyl: Z = O, NH or nothing; R3 aryl C6-10, hydrocarbyl C3-10,
         //!< heterocyclyl(methyl/ethyl)
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
  //! Appended to every explanation of a match: an element of the definition that a structure
  //! cannot show (e.g. "CB1 agonism ... not evaluated").
  std::string caveat;
};

// One official list as published (a CFR section, a convention schedule, a catalogue), kept as
// data/rulebooks/<jurisdiction>/official/<id>.csv so coverage is proven, not claimed.
struct OfficialList {
  struct Row {
    std::string key, code, name, cas;
    std::string omitted_reason;  //!< reviewed reason the row is not encoded, or empty
    int line = 0;
  };
  std::string id;  //!< file stem, e.g. "us_1308_11"
  std::string jurisdiction, title, source, as_of;
  std::string file;
  std::vector<Row> rows;
};

// How much of one official list the rulebook encodes.
struct ListCoverage {
  const OfficialList* list = nullptr;
  size_t encoded = 0;                             //!< rows some entry `refs`
  size_t omitted = 0;                             //!< rows with a reviewed omitted_reason
  std::vector<const OfficialList::Row*> missing;  //!< neither
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
  std::vector<OfficialList> official;       //!< the official lists this jurisdiction encodes
  std::vector<ListCoverage> list_coverage;  //!< per official list, computed at load
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
