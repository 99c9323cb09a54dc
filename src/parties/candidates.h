// Candidate generation, the first stage of Screener::Screen (internal to cp_parties): the
// listed names that share the most evidence with the query go on to the scorer, so the
// scorer runs on a few dozen names instead of every name on the lists.
//
// Evidence per listed name, with IDF weights from the index (screener_index.h): exact
// tokens and joined neighbours weigh twice a trigram; a typo probe 1.5 × the IDF of the
// rarest deletion key that met.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "parties/name.h"
#include "parties/screener_index.h"

namespace chokepoint::parties {

// The keys a query probes the index with.
struct QueryKeys {
  // One group per query word (its spelling, readings and industry concept) and one per joined
  // pair or triple of neighbours. A group adds its best key's weight to a name once, however
  // many of its keys meet: a Han character's dozen readings are one word.
  std::set<std::vector<std::string>> groups;
  std::vector<uint32_t> grams;  //!< trigrams of every variant's compact name, sorted, unique
  std::vector<const Token*>
      typo_words;  //!< words probed with their one-letter deletions (point into the query)
};

// The keys point into `query`, which must outlive them.
QueryKeys KeysOfQuery(const NormalizedName& query);
QueryKeys KeysOfQuery(NormalizedName&&) = delete;

// (evidence, name number), best first.
using Candidate = std::pair<float, uint32_t>;

// The names of `index` with the most evidence for `keys`, at most `limit`.
std::vector<Candidate> GatherCandidates(const Screener::Impl& index, const QueryKeys& keys,
                                        size_t limit);

// The `limit` best of `all`, best first (ties: the lower name number first), without those
// under a quarter of the best one's evidence: they cannot reach a useful score, and scoring
// them only costs time.
std::vector<Candidate> TopCandidates(std::vector<Candidate> all, size_t limit);

}  // namespace chokepoint::parties
