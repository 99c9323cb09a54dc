// Counterparty screening: the public API of cp_parties.
//
//   auto lists = parties::ListSet();  lists.Add(parties::LoadList("data/sdn/"));   // loaders.h
//   auto screener = parties::Screener::Build(lists);        // once; immutable afterwards
//   auto matches = screener->Screen(query, options);         // from any number of threads
//
// Screener is immutable after Build and safe for concurrent Screen() calls: it holds the
// entities, their normalized name variants, an inverted index (tokens, one-letter deletions of
// long words for typos, and character trigrams, with IDF weights) and an identifier table. Screen()
// normalizes the query, gathers candidates from the index and identifiers, scores each with
// scorer.h, and returns the top k at or above the threshold, best first, each with a structured
// explanation.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parties/entity.h"
#include "parties/list_set.h"
#include "parties/scorer.h"
#include "util/status.h"

namespace chokepoint::parties {

// One party to screen, as it appears on an order or a customer record.
struct PartyQuery {
  std::string name;
  std::string country;  //!< ISO alpha-2 code or English country name; empty when unknown
  std::string address;
  std::map<std::string, std::string>
      ids;  //!< kind → value: {"uscc": "91130…", "passport": "E382464"}
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> websites;
  std::string date_of_birth;  //!< "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  EntityType type = EntityType::kUnknown;
};

struct ScreenOptions {
  // Matches scoring below this are not returned. 0.85 is where F1 peaks on the company pair
  // files (bench/parties/pairs_eval); see docs/parties.md "Threshold".
  double threshold = 0.85;
  size_t top_k = 5;        //!< at most this many matches, best first
  size_t candidates = 48;  //!< index candidates scored per query (recall vs speed)
};

// Why an identifier matched.
struct IdentifierHit {
  std::string kind;         //!< kind on the list side ("uscc", "email" …)
  std::string query_value;  //!< as the query gave it
  std::string list_value;   //!< as the list prints it
  std::string key;          //!< the normalized key both reduce to
};

struct Explanation {
  NameComparison name;  //!< token alignment of the best name variant
  std::vector<std::string>
      normalization;  //!< steps applied to the query name ("han_to_pinyin", "legal_form" …)
  std::vector<IdentifierHit>
      identifiers;            //!< identifiers both sides share (a strong hit on its own)
  std::string country;        //!< "agree", "disagree", "unknown"
  std::string date_of_birth;  //!< "agree", "disagree", "unknown"
  std::string type;           //!< "agree", "disagree", "unknown"
  double name_score = 0;      //!< score of the name alone, before country/DOB/type factors
  std::string summary;        //!< one sentence for people
};

struct Match {
  std::string list;          //!< list name ("ofac_sdn")
  std::string entity_id;     //!< the list's own id (OFAC ent_num, CSL entity_number, UN DATAID …)
  std::string name;          //!< primary name on the list
  std::string matched_name;  //!< the name or alias that matched
  double score = 0;          //!< [0, 1]; 1.0 for an identifier match
  std::vector<std::string> programs;
  EntityType type = EntityType::kUnknown;
  Explanation explanation;
};

class Screener {
 public:
  // Normalizes every name and alias and builds the index. Names that cannot be normalized
  // (invalid UTF-8 in a custom list) are skipped and counted in skipped_names().
  static std::unique_ptr<Screener> Build(const ListSet& lists);
  ~Screener();

  // Errors (InvalidArgument): invalid UTF-8 ("invalid_utf8"), name over 1 kB ("name_too_long"),
  // nothing to screen ("empty_query": no name and no identifier), a name of legal-form words
  // only ("CORP") with no identifier ("generic_name"). No match is an empty vector.
  Result<std::vector<Match>> Screen(const PartyQuery& query, const ScreenOptions& options) const;

  // Sets Token::rarity on the name words of `name` from how many indexed names use each word,
  // as Screen() does for every query: to compare two names (CompareNames) the way Screen()
  // would against these lists.
  void ApplyRarity(NormalizedName& name) const;

  size_t entity_count() const;
  size_t name_count() const;  //!< indexed name variants (names + aliases + former names)
  size_t skipped_names() const;
  size_t MemoryBytes() const;  //!< approximate heap size of the index

  struct Impl;

 private:
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chokepoint::parties
