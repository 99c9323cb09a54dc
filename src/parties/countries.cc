#include "parties/countries.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <string>
#include <unordered_map>

namespace chokepoint::parties {
namespace {

std::string Key(std::string_view s) {
  std::string k;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) k += static_cast<char>(std::tolower(u));
  }
  return k;
}

const std::unordered_map<std::string, std::string>& Table() {
  static const auto* t = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      std::string code = *c;
      icu::UnicodeString name;
      icu::Locale("en", *c).getDisplayCountry(icu::Locale::getEnglish(), name);
      std::string n;
      name.toUTF8String(n);
      (*m)[Key(n)] = code;
      (*m)[Key(code)] = code;
    }
    const std::pair<const char*, const char*> kExtra[] = {
        {"People's Republic of China", "CN"}, {"PRC", "CN"}, {"Mainland China", "CN"},
        {"Hong Kong", "HK"}, {"Hong Kong SAR", "HK"}, {"Macau", "MO"}, {"Macao", "MO"},
        {"Taiwan", "TW"}, {"Korea, North", "KP"}, {"North Korea", "KP"},
        {"Democratic People's Republic of Korea", "KP"}, {"Korea, South", "KR"}, {"South Korea", "KR"},
        {"Republic of Korea", "KR"}, {"Burma", "MM"}, {"Myanmar", "MM"}, {"Russia", "RU"},
        {"Russian Federation", "RU"}, {"Iran", "IR"}, {"Iran (Islamic Republic of)", "IR"},
        {"Syria", "SY"}, {"Syrian Arab Republic", "SY"}, {"United States", "US"}, {"USA", "US"},
        {"United States of America", "US"}, {"United Kingdom", "GB"}, {"UK", "GB"},
        {"Great Britain", "GB"}, {"Venezuela", "VE"}, {"Bolivia", "BO"}, {"Vietnam", "VN"},
        {"Viet Nam", "VN"}, {"Laos", "LA"}, {"Moldova", "MD"}, {"Tanzania", "TZ"},
        {"Congo, Democratic Republic of the", "CD"}, {"Democratic Republic of the Congo", "CD"},
        {"Turkey", "TR"}, {"Turkiye", "TR"}, {"Czech Republic", "CZ"}, {"Ivory Coast", "CI"},
        {"Cote d'Ivoire", "CI"}, {"UAE", "AE"}, {"United Arab Emirates", "AE"},
        {"West Bank", "PS"}, {"Gaza", "PS"}, {"Palestinian", "PS"}, {"Kosovo", "XK"},
    };
    for (const auto& [n, c] : kExtra) (*m)[Key(n)] = c;
    return m;
  }();
  return *t;
}

}  // namespace

std::string CountryCode(std::string_view s) {
  std::string k = Key(s);
  if (k.empty()) return "";
  auto it = Table().find(k);
  return it == Table().end() ? "" : it->second;
}

std::string CountryOfAddress(std::string_view address) {
  size_t comma = address.rfind(',');
  std::string_view last = comma == std::string_view::npos ? address : address.substr(comma + 1);
  return CountryCode(last);
}

}  // namespace chokepoint::parties
