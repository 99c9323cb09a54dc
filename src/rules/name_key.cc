#include "rules/name_key.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace chokepoint::rules {
namespace {

struct Greek {
  const char* utf8;
  const char* ascii;
};
constexpr Greek kGreek[] = {{"α", "alpha"}, {"β", "beta"}, {"γ", "gamma"}, {"δ", "delta"},
                            {"ω", "omega"}, {"Α", "alpha"}, {"Β", "beta"}, {"µ", "mu"}};

}  // namespace

std::string NameKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    bool matched = false;
    for (const auto& g : kGreek) {
      std::string_view u(g.utf8);
      if (name.substr(i, u.size()) == u) {
        out += g.ascii;
        i += u.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // Full-width punctuation (，、（）) is dropped like ASCII punctuation.
    static const std::string_view kWidePunct[] = {"，", "、", "（", "）", "－", "　", "·"};
    for (auto p : kWidePunct) {
      if (name.substr(i, p.size()) == p) {
        i += p.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    out += name[i++];
  }
  return out;
}

int BoundedEditDistance(std::string_view a, std::string_view b, int cap) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > cap) return cap + 1;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

}  // namespace chokepoint::rules
