#include "parties/cjk_readings.h"

#include <unicode/utf8.h>

#include <string_view>
#include <unordered_map>

#include "parties/hangul.h"

namespace chokepoint::parties {

std::string_view CjkReadingsTsv();  // cjk_readings_data.cc, generated from the TSV

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (size_t a = 0; a < s.size();) {
    size_t b = s.find(' ', a);
    if (b == std::string_view::npos) b = s.size();
    if (b > a) out.emplace_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

const std::unordered_map<char32_t, HanReadings>& Table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<char32_t, HanReadings>;
    std::string_view tsv = CjkReadingsTsv();
    for (size_t p = 0; p < tsv.size();) {
      size_t e = tsv.find('\n', p);
      if (e == std::string_view::npos) e = tsv.size();
      std::string_view line = tsv.substr(p, e - p);
      p = e + 1;
      if (line.empty() || line[0] == '#') continue;
      size_t t1 = line.find('\t'), t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string_view::npos) continue;
      int32_t i = 0;
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(line.data()), i, static_cast<int32_t>(t1), c);
      if (c < 0) continue;
      HanReadings r;
      r.japanese = Words(line.substr(t1 + 1, t2 - t1 - 1));
      std::string_view ko = line.substr(t2 + 1);
      for (int32_t k = 0, n = static_cast<int32_t>(ko.size()); k < n;) {
        UChar32 h;
        U8_NEXT(reinterpret_cast<const uint8_t*>(ko.data()), k, n, h);
        if (h > 0 && IsHangulSyllable(static_cast<char32_t>(h))) {
          for (auto& s : RomanizeHangul(static_cast<char32_t>(h), true)) {
            bool seen = false;
            for (const auto& x : r.korean) seen |= x == s;
            if (!seen) r.korean.push_back(std::move(s));
          }
        }
      }
      t->emplace(static_cast<char32_t>(c), std::move(r));
    }
    return t;
  }();
  return *table;
}

}  // namespace

const HanReadings* ReadingsOfHan(char32_t c) {
  auto it = Table().find(c);
  return it == Table().end() ? nullptr : &it->second;
}

}  // namespace chokepoint::parties
