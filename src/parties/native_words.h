// Business words written in scripts other than Latin, translated before the rest of the name
// is transliterated: 有限公司 → "co ltd", 주식회사 → "co ltd", บริษัท → "company", בע"מ → "ltd",
// ကုန်သွယ်ရေး → "trading". A transliteration of these words ("youxian gongsi", "jusik hoesa")
// would never meet the English legal forms and industry words of the vocabulary
// (vocabulary.h); their translations do.
//
// Scripts written without spaces between words (Han, Hangul compounds, Thai, Myanmar) have
// their words found inside a run, longest first; in the others (Hebrew, Arabic, Cyrillic,
// Greek, Armenian, Georgian) only whole words are translated.
#pragma once

#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <string>
#include <utility>
#include <vector>

namespace chokepoint::parties {

// Words of `script` found inside runs, longest first: (native, " english ").
const std::vector<std::pair<icu::UnicodeString, const char*>>& RunWords(UScriptCode script);

// Appends the English of a whole word (" ltd ") to `out`; false when the word is not a known
// business word. `word` is NFKC case-folded.
bool TranslateWord(const icu::UnicodeString& word, std::string& out);

}  // namespace chokepoint::parties
