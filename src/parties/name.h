// Party name normalization: raw name → variants of classified tokens the scorer compares.
//
// Pipeline (each step is reported by name in explanations):
//  1. FoldToAscii (text.h): UTF-8 check, NFKC + case folding, diacritics, Han → pinyin,
//     Traditional → Simplified, other scripts → Latin.
//  2. Party labels dropped ("SHIPPER: X", "BENEFICIARY: X"); "c/o …" starts an annotation.
//  3. Tokenization: dots vanish inside words ("S.A." → "sa", "F.lli" → "flli"), other
//     punctuation splits; letters and digits split ("No.3" → "no 3"); possessive 's dropped;
//     runs of single letters join ("d. o. o." → "doo", "M/V" → "mv").
//  4. Numbers: spelled-out and roman numerals → digits, "No." before a number dropped.
//  5. Abbreviations expanded ("Bros" → "brothers", "Intl" → "international").
//  6. Vocabulary: legal forms, industry words, places and stop words classified and mapped to
//     one concept across languages (vocabulary.h). Vessel prefixes (MV, M/T) become stop words.
//  7. Variants: former/other names after "ex", "f.k.a.", "formerly", "a.k.a." become their
//     own variants; "(… Branch)" and "(… flag)" annotations are dropped; for non-persons the
//     part before the first comma is a variant when the rest carries no legal form
//     ("MV Siam Orchid 7, Bangkok"); a vessel name is also a variant without its
//     parentheses ("M/V MZIURI (Batumi)").
// Person-name order needs no step: tokens are aligned as a set ("SHEN, Xingbiao" =
// "Xingbiao Shen").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parties/vocabulary.h"
#include "util/status.h"

namespace chokepoint::parties {

struct Token {
  std::string text;     //!< normalized word, or the concept for vocabulary words
  std::string surface;  //!< the word as tokenized, before concept mapping (for explanations)
  std::string skel;  //!< Skeleton of the word (AbjadKey for abjad words), used for variant matching
                     //!< and the index
  std::vector<std::string>
      alts;  //!< other readings, as skeletons: pinyin of a Wade-Giles syllable; Japanese and Korean
             //!< readings of a Han character; other romanizations of a Hangul syllable
  TokenClass cls = TokenClass::kName;
  std::string family;        //!< legal forms only
  std::string jurisdiction;  //!< legal forms only; empty = generic
  bool from_han =
      false;  //!< one syllable transliterated from a Han character (pinyin) or a Hangul syllable
  bool abjad = false;  //!< transliterated from Hebrew/Arabic: mostly consonants; skel is AbjadKey
  int group = 0;       //!< punctuation group (commas and parentheses open a new one)
  bool in_parens = false;  //!< inside parentheses
  bool unspaced = false;   //!< transliterated from a script without word spaces (Myanmar, Thai …)
  bool typo = false;       //!< a vocabulary word read despite one typing slip ("tarding")
  float rarity =
      1.0f;  //!< weight factor of a name word by how many listed names use it (rarity.h); 1 = rare
};

// True for the classes that identify a party: name words, numbers and places.
bool IsDistinctive(TokenClass c);

struct NameVariant {
  std::string kind;  //!< "name", "former_name" (after ex/f.k.a.), "head" (before a comma)
  std::vector<Token> tokens;
  bool HasDistinctive() const;
};

struct NormalizedName {
  std::vector<NameVariant> variants;  //!< variants[0] is the name itself
  std::vector<std::string> steps;     //!< normalization steps that changed something
};

struct NormalizeOptions {
  bool person = false;      //!< a person's name: no head-before-comma variant ("SHEN, Xingbiao")
  size_t max_bytes = 1024;  //!< longer names are rejected (tag "name_too_long")
};

// Errors: invalid UTF-8 ("invalid_utf8"), too long ("name_too_long"). An empty or all-generic
// name is not an error here: its variants simply have no distinctive token.
Result<NormalizedName> NormalizeName(std::string_view raw, const NormalizeOptions& options = {});

// "hebei guanlang biotech ltd": the tokens of a variant joined, for explanations and tests.
std::string JoinTokens(const NameVariant& v);

}  // namespace chokepoint::parties
