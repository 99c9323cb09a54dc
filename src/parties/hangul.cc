#include "parties/hangul.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace chokepoint::parties {
namespace {

// Jamo order of the Unicode syllable block: 19 initials, 21 vowels, 28 finals (0 = none).
//                              ㄱ   ㄲ    ㄴ   ㄷ   ㄸ    ㄹ   ㅁ   ㅂ   ㅃ    ㅅ   ㅆ    ㅇ  ㅈ ㅉ
//                              ㅊ    ㅋ   ㅌ   ㅍ   ㅎ
constexpr const char* kRrInitial[] = {"g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                      "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kMrInitial[] = {"k",  "kk", "n",  "t",   "tt", "r", "m", "p", "pp", "s",
                                      "ss", "",   "ch", "tch", "ch", "k", "t", "p", "h"};
constexpr const char* kDprkInitial[] = {"k",  "kk", "n", "t",  "tt", "r",  "m",  "p",  "pp", "s",
                                        "ss", "",   "j", "jj", "ch", "kh", "th", "ph", "h"};
//                            ㅏ   ㅐ    ㅑ    ㅒ     ㅓ    ㅔ   ㅕ     ㅖ    ㅗ   ㅘ    ㅙ     ㅚ
//                            ㅛ    ㅜ   ㅝ    ㅞ    ㅟ    ㅠ    ㅡ    ㅢ    ㅣ
constexpr const char* kRrVowel[] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                    "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                    "wo", "we", "wi", "yu",  "eu", "ui", "i"};
constexpr const char* kMrVowel[] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                    "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                    "wo", "we", "wi", "yu",  "u",  "ui", "i"};
constexpr const char* kCustomaryVowel[] = {"a",  "ae", "ya", "yae", "u",  "e",  "yu",
                                           "ye", "o",  "wa", "wae", "oi", "yo", "oo",
                                           "wo", "we", "wi", "yu",  "u",  "ee", "i"};
//                            -   ㄱ   ㄲ   ㄳ   ㄴ   ㄵ   ㄶ   ㄷ   ㄹ   ㄺ   ㄻ   ㄼ   ㄽ   ㄾ ㄿ
//                            ㅀ   ㅁ   ㅂ   ㅄ   ㅅ   ㅆ   ㅇ    ㅈ   ㅊ   ㅋ   ㅌ   ㅍ   ㅎ
constexpr const char* kFinal[] = {"",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                  "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                  "t", "ng", "t", "t", "k", "t", "p", "t"};

// Family-name spellings that no system produces (Lee, Park, Choi …), by syllable.
const std::unordered_map<char32_t, std::vector<std::string_view>>& FamilyNames() {
  static const auto* m = new std::unordered_map<char32_t, std::vector<std::string_view>>{
      {U'이', {"lee", "yi", "rhee", "ri"}},
      {U'리', {"lee", "yi", "rhee"}},
      {U'박', {"park", "bahk"}},
      {U'최', {"choi", "choe"}},
      {U'정', {"chung", "jung"}},
      {U'윤', {"yoon"}},
      {U'신', {"shin"}},
      {U'오', {"oh"}},
      {U'안', {"ahn"}},
      {U'문', {"moon"}},
      {U'우', {"woo"}},
      {U'구', {"koo"}},
      {U'주', {"joo"}},
      {U'유', {"yoo"}},
      {U'류', {"ryu", "yoo", "yu", "lyu"}},
      {U'노', {"noh", "roh"}},
      {U'로', {"roh"}},
      {U'허', {"huh", "hur"}},
      {U'서', {"suh"}},
      {U'손', {"sohn"}},
      {U'백', {"paik", "baik"}},
      {U'임', {"lim", "rim"}},
      {U'림', {"lim"}},
      {U'심', {"shim"}},
      {U'고', {"koh"}},
      {U'전', {"chun", "jun"}},
      {U'나', {"ra"}},
      {U'라', {"na"}},
      {U'양', {"yang"}},
      {U'량', {"yang", "ryang"}},
      {U'김', {"kim"}},
      {U'곽', {"kwak"}},
      {U'권', {"kwon"}},
      {U'배', {"bae", "pae"}},
      {U'변', {"byun"}},
      {U'염', {"yeom", "yum"}},
      {U'천', {"chun"}},
      {U'현', {"hyun"}},
      {U'명', {"myung"}},
      {U'경', {"kyung"}},
      {U'성', {"sung"}},
      {U'여', {"yeo", "yuh"}},
      {U'려', {"ryo", "yeo"}},
      {U'장', {"chang"}},
      {U'조', {"cho"}},
      {U'진', {"chin"}},
      {U'지', {"chi"}},
      {U'차', {"cha"}},
      {U'채', {"chae"}},
      {U'추', {"choo"}},
      {U'하', {"ha"}},
      {U'황', {"hwang"}},
  };
  return *m;
}

void Add(std::vector<std::string>& out, std::string s) {
  if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
}

}  // namespace

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

std::vector<std::string> RomanizeHangul(char32_t c, bool family_name) {
  std::vector<std::string> out;
  if (!IsHangulSyllable(c)) return out;
  unsigned s = c - 0xAC00, l = s / 588, v = (s % 588) / 28, t = s % 28;
  const char* fin = kFinal[t];
  Add(out, std::string(kRrInitial[l]) + kRrVowel[v] + fin);
  Add(out, std::string(kMrInitial[l]) + kMrVowel[v] + fin);
  Add(out, std::string(kDprkInitial[l]) + kMrVowel[v] + fin);
  // Customary: the unvoiced initials of McCune-Reischauer with ㅈ as j, and u for ㅓ ㅡ
  // ("Sung", "Kyung", "Hyun", "Un"); ㅕ also as "yo" of McCune-Reischauer above.
  const char* ci = l == 12 ? "j" : kMrInitial[l];
  Add(out, std::string(ci) + kCustomaryVowel[v] + fin);
  Add(out, std::string(kRrInitial[l]) + kCustomaryVowel[v] + fin);
  if (family_name) {
    auto it = FamilyNames().find(c);
    if (it != FamilyNames().end())
      for (auto f : it->second) Add(out, std::string(f));
  }
  return out;
}

}  // namespace chokepoint::parties
