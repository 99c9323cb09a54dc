// String similarity primitives for name tokens (ASCII, lower case).
#pragma once

#include <string>
#include <string_view>

#include "util/edit_distance.h"  // BoundedEditDistance, OsaDistance

namespace chokepoint::parties {

// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::string_view a, std::string_view b);

// The single typing slip that turns one word into the other, when there is exactly one.
enum class Slip {
  kNone,           //!< equal, or more than one edit apart
  kTransposition,  //!< two neighbours swapped ("exchagne")
  kInsertion,      //!< one letter more on the second word, or one less ("shippng")
  kSubstitution,   //!< one letter replaced ("impergosa")
};
Slip OneSlip(std::string_view a, std::string_view b);

// A romanization skeleton: the same word spelled by different transliteration conventions
// gets the same key, while different words keep different keys. It folds kh→h, zh→j, ph→f,
// w→v, q→k, ck→k, tz/ts→c, non-initial ch→h, y/iy/ii/ee→i (word-final y), oo/ou→u and doubled
// letters ("Khoury"/"Khouri", "Levitsky"/"Levitskiy", "Hussain"/"Husain", "Rachamim"/
// "Rakhamim"). Vowels are kept, so "Exports" ≠ "Experts" and "Lixing" ≠ "Lixin".
std::string Skeleton(std::string_view token);

// Consonant key for matching a word transliterated from an abjad (Hebrew, Arabic: vowels
// mostly unwritten, ICU renders ו/י as w/y) against its Latin spelling: sh/ph/th/tz/ts fold,
// kh/ch drop with h (ח), ww is v (וו), x is ks, vowels and w/y drop, b=v, p=f, k=q=c, doubled
// letters collapse.
// "Zafririm" and צפרירים ("zpryrym") both give "zprrm". With `w_is_consonant`, a w is the
// consonant v (ו read as vav, not as the vowel o/u): דוד ("dwd") gives "dbd", as "David" does.
std::string AbjadKey(std::string_view token, bool w_is_consonant = false);

// Loose consonant key for scripts written without word spaces (Myanmar, Thai, Khmer, Lao),
// whose ICU transliteration and customary romanization differ in vowels and breaks:
// "shwaypulell" (ICU) and "Shwe" + "Pale" both give "shpl". c=s, j=z, ng=n; vowels, y, w
// and h drop; doubled letters collapse. `customary` marks the customary romanization side,
// where a word-initial "th" is Burmese သ (ICU writes "s"; in ICU output "th" only spans two
// syllables). Key customary words one by one and concatenate.
std::string LooseKey(std::string_view text, bool customary);

// Consonants only (vowels and y removed), for vowel-variant romanizations of long words:
// "Qureshi"/"Quraishi", "Abdalla"/"Abdulla".
std::string Consonants(std::string_view token);

}  // namespace chokepoint::parties
