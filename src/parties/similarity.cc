#include "parties/similarity.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace chokepoint::parties {

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > 64 || b.size() > 64) return a == b ? 1.0 : 0.0;  // names are short; stay bounded
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  int window = std::max(0, std::max(la, lb) / 2 - 1);
  bool ma[64] = {}, mb[64] = {};
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    int lo = std::max(0, i - window), hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int t = 0, k = 0;
  for (int i = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    if (a[i] != b[k]) ++t;
    ++k;
  }
  double m = matches;
  double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

Slip OneSlip(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (i == a.size()) return Slip::kNone;
    if (a.substr(i + 1) == b.substr(i + 1)) return Slip::kSubstitution;
    if (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
        a.substr(i + 2) == b.substr(i + 2))
      return Slip::kTransposition;
    return Slip::kNone;
  }
  if (a.size() + 1 != b.size()) return Slip::kNone;
  return a.substr(i) == b.substr(i + 1) ? Slip::kInsertion : Slip::kNone;
}

std::string AbjadKey(std::string_view t, bool w_is_consonant) {
  std::string s;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    char n = i + 1 < t.size() ? t[i + 1] : '\0';
    // kh/ch (ח or כ) fold with h into nothing: ICU writes ח as "h", which Hebrew spelling
    // shares with silent final ה.
    if ((c == 'k' || c == 'c') && n == 'h') {
      ++i;
      continue;
    }
    if ((c == 's' || c == 'p' || c == 't') && n == 'h') {
      s += c == 's' ? 's' : c == 'p' ? 'p' : 't';
      ++i;
      continue;
    }
    if (c == 'w' && n == 'w') {
      s += 'b';
      ++i;
      continue;
    }  // double vav is the consonant v
    if (c == 'x') {
      s += "ks";
      continue;
    }
    if (c == 't' && (n == 'z' || n == 's')) {
      s += 'z';
      ++i;
      continue;
    }
    if (c == 'w' && w_is_consonant) {
      s += 'b';
      continue;
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
      case 'h':
        continue;
      case 'v':
        s += 'b';
        break;
      case 'f':
        s += 'p';
        break;
      case 'q':
      case 'c':
        s += 'k';
        break;
      default:
        s += c;
    }
  }
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out += c;
  return out;
}

std::string LooseKey(std::string_view t, bool customary) {
  std::string s;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    char n = i + 1 < t.size() ? t[i + 1] : '\0';
    if (customary && i == 0 && c == 't' && n == 'h') {
      s += 's';
      ++i;
      continue;
    }
    if (c == 'n' && n == 'g') {
      s += 'n';
      ++i;
      if (i + 1 < t.size() && t[i + 1] == 'g') ++i;  // ICU's "aungg"
      continue;
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
      case 'h':
        continue;
      case 'c':
        s += 's';
        break;
      case 'j':
        s += 'z';
        break;
      default:
        if (std::isalnum(static_cast<unsigned char>(c))) s += c;
    }
  }
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out += c;
  return out;
}

std::string Consonants(std::string_view t) {
  std::string s;
  for (char c : t) {
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y') continue;
    if (s.empty() || s.back() != c) s += c;
  }
  return s;
}

namespace {

// One spelling equivalence of the skeleton: `from` (one or two letters) at position i is written
// `to` when `when` allows it there. The first rule that applies wins.
struct Respelling {
  const char* from;
  const char* to;
  bool (*when)(std::string_view word, size_t i);  //!< null: everywhere
};

bool NotFirst(std::string_view, size_t i) { return i > 0; }
bool NextIs(std::string_view t, size_t i, const char* letters) {
  return i + 1 < t.size() && std::strchr(letters, t[i + 1]) != nullptr;
}

const Respelling kRespellings[] = {
    {"kh", "h", nullptr},
    {"zh", "j", nullptr},
    {"ph", "f", nullptr},
    {"ck", "k", nullptr},
    {"tz", "c", nullptr},
    {"ts", "c", nullptr},
    {"ch", "h", NotFirst},
    {"w", "v", nullptr},
    {"x", "ks", NotFirst},  // "Express"/"Ekspres"; an initial x is pinyin
    {"j", "y",
     [](std::string_view t, size_t i) { return i > 0 && NextIs(t, i, "aou"); }},  // "Zavjalov"
    {"z", "s",
     [](std::string_view t, size_t i) { return i > 0 && t[i - 1] == 'i'; }},  // "Organization"
    {"q", "k", nullptr},
    {"iy", "i", nullptr},
    {"yi", "i", nullptr},
    {"ee", "i", nullptr},
    {"oo", "o", [](std::string_view t, size_t i) { return i + 2 == t.size(); }},  // "Comercioo"
    {"oo", "u", nullptr},
    {"ou", "u", nullptr},
    // Word-final or after a consonant y reads as i ("Levitsky"); before a vowel it stays
    // ("Zavyalov").
    {"y", "i",
     [](std::string_view t, size_t i) {
       return (i + 1 == t.size() || i > 0) && !NextIs(t, i, "aeou");
     }},
};

const Respelling* RespellingAt(std::string_view t, size_t i) {
  for (const auto& r : kRespellings) {
    std::string_view from = r.from;
    if (t.substr(i, from.size()) == from && (r.when == nullptr || r.when(t, i))) return &r;
  }
  return nullptr;
}

}  // namespace

std::string Skeleton(std::string_view word) {
  // Slavic patronymic endings written German-, Polish- or English-style: "Rabinowitz",
  // "Rabinovich", "Rabinowicz".
  std::string w(word);
  for (const char* end : {"itch", "itz", "icz", "ich"}) {
    size_t n = std::strlen(end);
    if (w.size() > n + 3 && w.compare(w.size() - n, n, end) == 0) {
      w = w.substr(0, w.size() - n) + "ic";
      break;
    }
  }
  std::string_view t = w;
  std::string s;
  s.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    if (const Respelling* r = RespellingAt(t, i)) {
      s += r->to;
      i += std::strlen(r->from);
    } else {
      s += t[i++];
    }
  }
  // Doubled letters: "Hussain"/"Husain", "Kipkorrir"/"Kipkorir".
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (out.empty() || out.back() != c || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

}  // namespace chokepoint::parties
