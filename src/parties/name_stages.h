// Stages of NormalizeName (name.h) that are tested on their own; internal to cp_parties.
#pragma once

#include <string>
#include <vector>

#include "parties/vocabulary.h"

namespace chokepoint::parties {

// A word as tokenized, before vocabulary classification.
struct RawToken {
  std::string text;
  int group = 0;  // punctuation group (commas and parentheses open a new one)
  bool from_han = false;
  bool abjad = false;
  bool in_parens = false;
  bool unspaced = false;
  std::vector<std::string> alts;  // other readings of a syllable ("|kim|gim" after "jin")
};

// Reads `toks` as vocabulary phrases: one VocabHit per resulting token, in order, covering
// every word (length 0: a plain word, not vocabulary). `words` are the tokens' texts as the
// vocabulary should see them (a slip corrected). Of the possible readings, the one that
// leaves the fewest words unexplained, then in the fewest pieces, then with the longest
// phrases first: "Managing Company Limited Liability Company" is company + LLC, not
// Co. Ltd + "liability". A phrase stays within one punctuation group, except a legal form
// ("Co., Ltd."); short legal forms that are also ordinary words or syllables ("Chao", "PT",
// "AS") count only at the start or end of a group; no phrase starts at a Han syllable (Han
// business words were translated when folding, so the syllables left are names).
std::vector<VocabHit> ChoosePhrases(const std::vector<RawToken>& toks,
                                    const std::vector<std::string>& words);

}  // namespace chokepoint::parties
