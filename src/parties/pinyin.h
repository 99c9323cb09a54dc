// Wade-Giles ↔ pinyin syllable variants for Chinese names.
//
// Older lists, Taiwanese and Hong Kong documents romanize with Wade-Giles (apostrophes lost):
// Hsu = Xu, Chang = Zhang, Tsai = Cai, Chiang = Jiang, Hsi Chin-p'ing = Xi Jinping. Aspiration
// marks are usually dropped, so one Wade-Giles syllable can stand for two pinyin syllables
// (chin → jin or qin); all are returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::parties {

// Pinyin readings of a Wade-Giles syllable ("hsu" → {"xu"}, "chin" → {"jin", "qin"}); empty
// when `syllable` is not a Wade-Giles spelling that differs from pinyin.
const std::vector<std::string>& WadeGilesToPinyin(std::string_view syllable);

// True when `word` (lower-case ASCII) splits into toneless pinyin or Wade-Giles syllables
// ("lixing" = li + xing). Two such words one letter apart are two names, not a typo:
// "Lixin" and "Lixing" are different firms.
bool IsChineseSyllables(std::string_view word);

}  // namespace chokepoint::parties
