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
constexpr Greek kGreek[] = {{"α", "alpha"}, {"β", "beta"},  {"γ", "gamma"}, {"δ", "delta"},
                            {"ω", "omega"}, {"Α", "alpha"}, {"Β", "beta"},  {"µ", "mu"}};

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

}  // namespace chokepoint::rules
