// The words of company and person names that are not the name: legal forms, industry words,
// places, stop words, vessel prefixes, abbreviations and spelled-out numbers.
//
// Legal forms and industry words are recognised in many languages and mapped to one concept
// ("Co., Ltd." = "Company Limited" = 有限公司 → legal "ltd"; "Biotechnology" = 生物科技 →
// industry "biotech"), so they can agree across languages. They are down-weighted by the
// scorer, never deleted: "Zhejiang Yongxu Chemical" and "… Pharmaceutical" disagree on an
// industry word.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::parties {

enum class TokenClass : uint8_t {
  kName,      //!< distinctive word of the name
  kNumber,    //!< digits (ordinals, roman and spelled-out numbers are converted)
  kPlace,     //!< province or city common in Chinese company names ("Zhejiang", "Hebei")
  kIndustry,  //!< industry or generic business word ("Chemical", "Trading", "Group")
  kLegal,     //!< legal form ("Co., Ltd.", "GmbH", "S.A. de C.V.")
  kStop,      //!< article, conjunction, vessel prefix, honorific
};

const char* TokenClassName(TokenClass c);

struct VocabHit {
  TokenClass cls = TokenClass::kName;
  std::string canon;   //!< concept the phrase maps to ("ltd", "pharma", "and")
  std::string family;  //!< legal forms: "ltd", "stock", "corp", "partnership", "sole", "coop", "co"
  std::string
      jurisdiction;   //!< legal forms: country code when specific to one ("de"), empty when generic
  size_t length = 0;  //!< tokens consumed
};

// Longest vocabulary phrase starting at tokens[i]; length 0 when none.
VocabHit MatchVocabulary(const std::vector<std::string>& tokens, size_t i);

// Every vocabulary phrase starting at tokens[i], shortest first ("company", "company limited").
std::vector<VocabHit> MatchVocabularyAll(const std::vector<std::string>& tokens, size_t i);

// The vocabulary word that `token` is one typing slip away from ("tarding" → "trading",
// "managment" → "management", "internatonal" → "international"): two neighbours swapped, or
// a letter dropped or added, in words of five letters or more. A replaced letter is not a
// slip here, because it makes other words ("experts" is not "exports"). Empty when there is
// no such word or more than one.
std::string_view CorrectVocabularyTypo(std::string_view token);

// Expansion of a common abbreviation ("bros" → "brothers", "intl" → "international"); empty
// when `token` is not one.
std::string_view ExpandAbbreviation(std::string_view token);

// "three" → 3, "iii" → 3 (roman numerals of two or more letters), "third" → 3; -1 otherwise.
int WordNumber(std::string_view token);

// "mv", "mt", "ss", "fv" … prefixes of vessel names.
bool IsVesselPrefix(std::string_view token);

// Words that introduce a former or other name ("ex", "fka", "formerly", "aka").
bool IsAliasMarker(std::string_view token);

}  // namespace chokepoint::parties
