// Romanization of Hangul syllables for party names, in the spellings sanctions lists and
// customers use:
//   - Revised Romanization (South Korea's official system since 2000): 김정은 → gim jeong eun;
//   - McCune-Reischauer without diacritics (older South Korean documents): kim chong un;
//   - the DPRK's own variant of it, which lists copy for North Korean names: kim jong un,
//     ri (리) — ㅈ is j, ㄹ opens a syllable as r, ㅋ ㅌ ㅍ are kh th ph;
//   - customary spellings (ㅓ and ㅡ as u: sung, hyun, eun → un) and, for the first syllable
//     of a name, the family-name spellings people use (이 Lee/Yi/Rhee, 박 Park, 최 Choi …).
// Each syllable is romanized on its own, as Korean personal names are written ("Kim Jong Un",
// "Jong-un"); the scorer joins syllables when a name writes them together.
#pragma once

#include <string>
#include <vector>

namespace chokepoint::parties {

// True for a precomposed Hangul syllable (U+AC00–U+D7A3).
bool IsHangulSyllable(char32_t c);

// The romanizations of one syllable, Revised Romanization first, without repeats. With
// `family_name`, the customary spellings of that family name are added. Empty when `c` is
// not a Hangul syllable.
std::vector<std::string> RomanizeHangul(char32_t c, bool family_name);

}  // namespace chokepoint::parties
