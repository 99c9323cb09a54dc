#include "parties/scorer.h"

#include <algorithm>

#include "parties/scorer_stages.h"

namespace chokepoint::parties {
namespace {

using scoring::Alignment;

// The alignment passes, surest evidence first (scorer_stages.h says why the order matters).
void AlignTokens(Alignment& al, const CompareOptions& options) {
  scoring::AlignSameWords(al);
  scoring::AlignReadings(al);
  scoring::AlignMisspeltVocabulary(al);
  scoring::AlignByConsonants(al);
  scoring::AlignUnspacedWords(al);
  scoring::AlignJoinedWords(al);
  scoring::AlignShiftedSpaces(al);
  // A sole proprietorship ("FOP", "IP", "Ets", "EURL") is named after its owner, so its name
  // is compared as a person's name.
  bool sole = scoring::HasSoleProprietorship(al);
  if (!options.person && !sole) scoring::AlignTypingSlips(al);
  if (options.person || sole) scoring::AlignCloseSpellings(al);
}

// A person's name with middle names or patronymics left out: when every distinctive word of
// the shorter name aligned, and at least two of them, the score is at least 0.88.
double PersonFloor(const Alignment& al, double score, std::vector<std::string>& penalties) {
  int cq = scoring::AlignedDistinctive(al.q), cc = scoring::AlignedDistinctive(al.c);
  if ((cq >= 2 || cc >= 2) && score < 0.88) {
    penalties.push_back("subset_name");  // not a penalty: records that the floor applied
    return 0.88;
  }
  return score;
}

}  // namespace

NameComparison CompareVariants(const NameVariant& qv, const NameVariant& cv,
                               const CompareOptions& options) {
  Alignment al(qv, cv, /*rarity=*/!options.person);
  AlignTokens(al, options);
  NameComparison r;
  scoring::Penalties penalties(r.penalties);
  scoring::LegalForms legal = scoring::AlignLegalForms(al, penalties);
  r.legal_form = legal.relation;
  r.aligned = std::move(al.aligned);
  scoring::Tally t = scoring::TallyAlignment(al);
  r.unmatched_query = std::move(t.unmatched_query);
  r.unmatched_candidate = std::move(t.unmatched_candidate);
  if (t.query_weight + t.candidate_weight <= 0) return r;
  double score = t.matched / (t.query_weight + t.candidate_weight);
  scoring::ApplyDisagreements(t, legal, options, penalties);
  score *= penalties.factor;
  if (options.person && penalties.factor == 1.0) score = PersonFloor(al, score, r.penalties);
  // Generic words alone ("Global Trading LLC", "CORP") never reach the threshold.
  if (!t.distinct_aligned || !qv.HasDistinctive() || !cv.HasDistinctive()) {
    score = std::min(score, 0.5);
    r.penalties.push_back("generic_only");
  }
  r.score = std::clamp(score, 0.0, 1.0);
  r.query_variant = qv.kind;
  r.candidate_variant = cv.kind;
  return r;
}

NameComparison CompareNames(const NormalizedName& q, const NormalizedName& c,
                            const CompareOptions& options) {
  NameComparison best;
  bool have = false;
  for (const auto& qv : q.variants) {
    for (const auto& cv : c.variants) {
      if (qv.kind == "former_name" && cv.kind == "former_name") continue;
      if (qv.tokens.empty() || cv.tokens.empty()) continue;
      NameComparison r = CompareVariants(qv, cv, options);
      if (!have || r.score > best.score) {
        best = std::move(r);
        have = true;
      }
    }
  }
  return best;
}

}  // namespace chokepoint::parties
