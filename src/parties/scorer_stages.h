// The stages of CompareVariants (scorer.h), internal to cp_parties: the alignment passes in
// the order they run, the legal-form relation, and the tally that turns an alignment into a
// score. Declared here so each decision can be tested on its own; callers use scorer.h.
//
// Order matters: each token aligns at most once, and every pass only sees the tokens the
// passes before it left free, so the surest evidence (the same word) claims a token before a
// weaker reading (a typing slip, a close spelling) can.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parties/name.h"
#include "parties/scorer.h"

namespace chokepoint::parties::scoring {

// One name's tokens during alignment: the credit each has earned (-1 while free) and its
// weight in the score.
struct Side {
  const std::vector<Token>* toks;
  std::vector<double> credit;
  std::vector<double> weight;
  Side(const std::vector<Token>& t, bool rarity);
  bool Free(size_t i) const { return credit[i] < 0; }
};

// The alignment of a query variant with a candidate variant as the passes build it up. It
// refers to the variants' tokens, so the variants must outlive it.
struct Alignment {
  // `rarity`: scale company and vessel name words by Token::rarity (persons keep full weights).
  Alignment(const NameVariant& qv, const NameVariant& cv, bool rarity);
  Alignment(NameVariant&&, const NameVariant&, bool) = delete;
  Alignment(const NameVariant&, NameVariant&&, bool) = delete;
  Alignment(NameVariant&&, NameVariant&&, bool) = delete;
  const std::vector<Token>& qt;
  const std::vector<Token>& ct;
  Side q, c;
  std::vector<AlignedTokens> aligned;
  void Align(size_t i, size_t j, double credit, const char* how);
};

// The credit one pair of tokens earns and how ("exact", "reading" …).
struct PairMatch {
  double credit;
  const char* how;
};

// Weight of a token in the score (scorer.h "weights").
double Weight(const Token& t, bool rarity);

// Pair rules of the first-match passes, surest first. Each says whether query token `q` and
// candidate token `c` are the same word by its kind of evidence.
std::optional<PairMatch> SameWord(const Token& q, const Token& c);  // same word or concept
std::optional<PairMatch> SameReading(const Token& q,
                                     const Token& c);  // romanization, Wade-Giles, readings
std::optional<PairMatch> MisspeltVocabulary(const Token& q,
                                            const Token& c);  // "Enterprisses" vs "Enterprises"
std::optional<PairMatch> SameConsonants(const Token& q,
                                        const Token& c);  // abjad, vowel variant, initial

// Credit for two words one typing slip apart (companies and vessels), or 0.
double TypoCredit(const Token& a, const Token& b);
// Jaro-Winkler similarity over every spelling of two person-name words (one OSA edit counts
// 0.95), or 0 when the words are too short to be told apart that way.
double CloseSpelling(const Token& q, const Token& c);

// The passes, in the order CompareVariants runs them.
void AlignSameWords(Alignment& al);
void AlignReadings(Alignment& al);
void AlignMisspeltVocabulary(Alignment& al);
void AlignByConsonants(Alignment& al);
void AlignUnspacedWords(Alignment& al);
void AlignJoinedWords(Alignment& al);
void AlignShiftedSpaces(Alignment& al);
void AlignTypingSlips(Alignment& al);
void AlignCloseSpellings(Alignment& al);

// True when either name has a sole-proprietorship legal form ("FOP", "IP", "Ets", "EURL").
bool HasSoleProprietorship(const Alignment& al);

enum class LegalRelation { kAgree, kCompatible, kDiffer, kConflict };  // best first
LegalRelation Relate(const Token& a, const Token& b);

// A running product of penalty factors with the names of those applied, in order.
struct Penalties {
  explicit Penalties(std::vector<std::string>& names) : names(names) {}
  double factor = 1.0;
  std::vector<std::string>& names;
  void Apply(double f, const char* name) {
    factor *= f;
    names.push_back(name);
  }
};

// The legal forms still free on each side, related as a whole: they align with one credit
// when they agree or are compatible, and a conflict or difference is a penalty.
struct LegalForms {
  bool query_has = false, candidate_has = false;
  std::string relation;  // NameComparison::legal_form
};
LegalForms AlignLegalForms(Alignment& al, Penalties& penalties);

// Weighted Dice terms of an alignment and what each side left unaligned.
struct Tally {
  double matched = 0;  // Σ credit · weight over aligned tokens, query side first
  double query_weight = 0, candidate_weight = 0;
  bool distinct_aligned = false;
  bool query_free_industry = false, candidate_free_industry = false;
  bool query_free_number = false, candidate_free_number = false;
  std::vector<std::string> unmatched_query, unmatched_candidate;
};
Tally TallyAlignment(const Alignment& al);

// Industry words or numbers left unaligned on both sides, and a vessel against a company.
void ApplyDisagreements(const Tally& t, const LegalForms& legal, const CompareOptions& options,
                        Penalties& penalties);

// The number of distinctive tokens of a side when all of them aligned, else -1.
int AlignedDistinctive(const Side& s);

}  // namespace chokepoint::parties::scoring
