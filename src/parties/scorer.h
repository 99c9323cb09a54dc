// Name scorer: aligns the tokens of two normalized names and turns the alignment into a score
// in [0, 1] with an explanation of every aligned and unaligned token.
//
// Score (docs/parties.md has the worked derivation):
//   weights   name 1.0 (0.5 for one pinyin or Hangul syllable or a 1–2 letter word; × the word's
//             rarity in the lists for companies and vessels, Token::rarity), number 1.0,
//             place 0.5, industry word 0.4, legal form 0.15, stop word 0.05
//   alignment each token aligns at most once, credit: exact 1.0; same romanization skeleton
//             0.95; another reading (Wade-Giles↔pinyin, a Han character's Japanese or Korean
//             reading, a Hangul syllable's other romanization, a Cyrillic word's French or
//             German spelling) 0.95; a Hebrew/Arabic word and a Latin word with the same
//             consonants 0.9 (one consonant off 0.75); long words with the same consonants
//             ("Qureshi"/"Quraishi") 0.85; an initial and a word 0.8; joined with neighbours
//             ("Xing Biao" = "Xingbiao", "EtsDiallo") 1.0, by readings 0.95, by consonants
//             (عبد الله = "Abdullah") 0.9; for companies and vessels one typing slip
//             ("Exchagne", "Shippng") 0.9, a replaced letter in a long name word 0.85; for
//             persons and sole proprietorships only, Jaro-Winkler ≥ 0.88 (or one OSA edit on
//             words of 3+ letters) JW − 0.05; legal forms agree when the same concept, or the
//             same family with one of them generic ("Co., Ltd." vs "Limited", "OÜ" vs "Ltd")
//   base      weighted Dice: Σ credit·(w_q + w_c) over aligned pairs / (Σ w_q + Σ w_c)
//   penalties × 0.85 industry words disagree, × 0.8 national legal forms conflict ("GmbH" vs
//             "Sdn. Bhd."), × 0.92 generic forms differ ("Inc." vs "Ltd."), × 0.5 numbers
//             disagree, × 0.8 a vessel name against a name with a legal form
//   persons   when every distinctive word of the shorter name aligned (two or more), the
//             score is at least 0.88: middle names and patronymics are often left out
//   guard     no distinctive token (name/number/place) aligned → at most 0.5, so generic
//             words alone ("Global Trading LLC", "CORP") never reach the threshold.
#pragma once

#include <string>
#include <vector>

#include "parties/name.h"

namespace chokepoint::parties {

struct AlignedTokens {
  std::string query;      //!< query token(s), space-joined when several were joined
  std::string candidate;  //!< candidate token(s)
  std::string how;  //!< "exact", "concept", "romanization", "wade_giles", "reading", "joined",
                    //!< "consonants", "transliteration", "vowel_variant", "initial", "typo",
                    //!< "fuzzy", "legal_form"
  double credit = 0;
};

struct NameComparison {
  double score = 0;
  std::string query_variant;      //!< kind of the query variant that scored best
  std::string candidate_variant;  //!< kind of the candidate variant that scored best
  std::vector<AlignedTokens> aligned;
  std::vector<std::string> unmatched_query;
  std::vector<std::string> unmatched_candidate;
  std::string legal_form;  //!< "agree", "compatible", "differ", "conflict", "one_side", "none"
  std::vector<std::string>
      penalties;  //!< "industry_conflict", "legal_form_conflict", "legal_form_differs",
                  //!< "number_conflict", "vessel_vs_company", "generic_only", "subset_name" (person
                  //!< floor applied)
};

struct CompareOptions {
  bool person = false;  //!< allow fuzzy spelling on name words (typos are common in person names)
  bool vessel =
      false;  //!< one side is a vessel: a legal form on the other side is evidence against
};

NameComparison CompareVariants(const NameVariant& q, const NameVariant& c,
                               const CompareOptions& options);

// Best comparison over the variant pairs, except former-name against former-name (two ships
// once called "Warri Osprey" are not the same ship).
NameComparison CompareNames(const NormalizedName& q, const NormalizedName& c,
                            const CompareOptions& options);

}  // namespace chokepoint::parties
