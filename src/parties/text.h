// Unicode → Latin ASCII folding for party names: the first stage of normalization.
//
// Steps, in order: UTF-8 validation; NFKC with case folding; every decimal digit (Arabic-Indic,
// Myanmar, full-width …) to ASCII; Latin diacritics stripped (ł→l, ß→ss, æ→ae …); Han runs
// converted Traditional→Simplified, known business words (有限公司, 生物科技 …) replaced by
// their English words, the rest transliterated to toneless pinyin one syllable per character;
// other scripts (Cyrillic, Greek, Hebrew, Arabic, Hangul, kana, Myanmar …) through ICU
// "Any-Latin; Latin-ASCII". Punctuation that matters to tokenization (. , ( ) ' & / : ; -)
// is kept; everything else becomes a space.
//
// Thread-safe: ICU transliterators are created once per process (Han-Latin costs ~200 ms, so
// lazily, on the first Han character) and cloned per thread; transliterations are cached per
// thread by input run.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace chokepoint::parties {

// Which folding steps changed something; reported in explanations.
enum FoldStep : unsigned {
  kFoldCase = 1u << 0,            //!< NFKC + case folding changed the text
  kFoldDiacritics = 1u << 1,      //!< Latin diacritics or special letters removed
  kFoldHanPinyin = 1u << 2,       //!< Han characters transliterated to pinyin
  kFoldTradSimp = 1u << 3,        //!< Traditional Han characters converted to Simplified
  kFoldHanWords = 1u << 4,        //!< Han business words (有限公司 …) translated
  kFoldTransliterated = 1u << 5,  //!< another non-Latin script transliterated
  kFoldDigits = 1u << 6,          //!< non-ASCII digits converted
  kFoldNativeWords =
      1u << 7,  //!< business words of another script translated (주식회사, בע"מ, บริษัท …)
};

struct FoldedText {
  std::string text;    //!< lower-case ASCII
  unsigned steps = 0;  //!< FoldStep bits
};

// Fails (InvalidArgument, tag "invalid_utf8") on malformed UTF-8; never throws.
Result<FoldedText> FoldToAscii(std::string_view utf8);

// Names of the FoldStep bits set in `steps`, comma-separated, e.g. "han_to_pinyin,case_fold".
std::string FoldStepNames(unsigned steps);

}  // namespace chokepoint::parties
