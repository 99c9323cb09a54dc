// Japanese and Korean readings of Han characters (data/parties/cjk_readings.tsv, from Unicode's
// Unihan database), so that 山田太郎 meets "Yamada Taro" and 金正恩 meets "Kim Jong Un" beside
// the pinyin reading every Han character gets.
#pragma once

#include <string>
#include <vector>

namespace chokepoint::parties {

struct HanReadings {
  std::vector<std::string> japanese;  //!< Hepburn, lower case ("yama", "san")
  std::vector<std::string>
      korean;  //!< romanized Sino-Korean readings (hangul.h): "kim", "gim", "geum" …
};

// Readings of one Han character, or nullptr when the table has none. Thread-safe; the table
// is parsed on first use.
const HanReadings* ReadingsOfHan(char32_t c);

}  // namespace chokepoint::parties
