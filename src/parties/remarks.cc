#include "parties/remarks.h"

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "util/country.h"
#include "util/strings.h"

namespace chokepoint::parties {
namespace {

// Remarks items end in a full stop ("Passport 123 (China).").
std::string Trim(std::string_view s) { return std::string(chokepoint::Trim(s, ".")); }

bool StartsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

std::string Unquote(std::string s) {
  s = Trim(s);
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') s = s.substr(1, s.size() - 2);
  return Trim(s);
}

// Normalized kind of an identifier label ("National ID No." → "national_id").
std::string KindOf(const std::string& label) {
  std::string l = Lower(label);
  if (l.find("passport") != std::string::npos) return "passport";
  if (l.find("uscc") != std::string::npos || l.find("unified social credit") != std::string::npos)
    return "uscc";
  if (l.find("tax") != std::string::npos || l == "rfc" || l.find("nit") == 0) return "tax_id";
  if (l.find("national id") != std::string::npos || l == "cedula no" || l == "curp" || l == "ssn")
    return "national_id";
  if (l.find("imo") != std::string::npos) return "imo";
  if (l.find("mmsi") != std::string::npos) return "mmsi";
  if (l.find("registration") != std::string::npos) return "registration";
  std::string k;
  for (char c : l) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      k += c;
    else if (!k.empty() && k.back() != '_')
      k += '_';
  }
  while (!k.empty() && k.back() == '_') k.pop_back();
  return k.empty() ? "id" : k;
}

bool LooksLikeIdLabel(const std::string& label) {
  static const char* kWords[] = {
      "passport",     " id",  "id ",    "number",  " no",        "code",
      "registration", "tax",  "cedula", "rfc",     "curp",       "nit",
      "ssn",          "imo",  "mmsi",   "licen",   "credential", "identification",
      "d-u-n-s",      "uscc", "swift",  "c.u.i.t", "cuit",       "ruc",
      "nif"};
  std::string l = " " + Lower(label) + " ";
  if (l.find("date") != std::string::npos || l.find("dob") != std::string::npos) return false;
  for (const char* w : kWords)
    if (l.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

std::string ParseLooseDate(std::string_view text) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string t = Lower(text);
  int y = 0, m = 0, d = 0;
  auto plausible = [&] { return y >= 1800 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; };
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && plausible()) {
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    return b;
  }
  if (std::sscanf(t.c_str(), "%2d/%2d/%4d", &m, &d, &y) == 3 && plausible()) {
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    return b;
  }
  // Words: "18 mar 1961", "mar 1961", "circa 1961", "1961 to 1963" (first year wins).
  std::vector<std::string> words;
  std::string w;
  for (char c : t + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)))
      w += c;
    else if (!w.empty()) {
      words.push_back(w);
      w.clear();
    }
  }
  y = m = d = 0;
  for (const auto& x : words) {
    if (x.size() == 4 && std::isdigit(static_cast<unsigned char>(x[0])) && !y) {
      y = std::atoi(x.c_str());
      break;
    }
    if (x.size() <= 2 && std::isdigit(static_cast<unsigned char>(x[0]))) d = std::atoi(x.c_str());
    for (int k = 0; k < 12; ++k)
      if (x.rfind(kMonths[k], 0) == 0 && x.size() >= 3) m = k + 1;
  }
  if (y < 1000 || y > 2100) return "";
  char b[32];
  if (m && d >= 1 && d <= 31)
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  else if (m)
    std::snprintf(b, sizeof b, "%04d-%02d", y, m);
  else
    std::snprintf(b, sizeof b, "%04d", y);
  return b;
}

void ParseOfacRemarks(std::string_view remarks, Entity& e) {
  std::string all(remarks);
  size_t start = 0;
  while (start < all.size()) {
    size_t semi = all.find(';', start);
    if (semi == std::string::npos) semi = all.size();
    std::string item = Trim(std::string_view(all).substr(start, semi - start));
    start = semi + 1;
    if (StartsWith(item, "alt. ")) item = Trim(item.substr(5));
    if (item.empty()) continue;
    std::string low = Lower(item);
    if (StartsWith(low, "dob ")) {
      std::string d = ParseLooseDate(item.substr(4));
      if (!d.empty()) e.dates_of_birth.push_back(d);
    } else if (StartsWith(low, "nationality ") || StartsWith(low, "citizen ")) {
      std::string c = CountryCode(item.substr(item.find(' ') + 1));
      if (!c.empty()) e.countries.push_back(c);
    } else if (StartsWith(low, "a.k.a. ") || StartsWith(low, "f.k.a. ") ||
               StartsWith(low, "n.k.a. ")) {
      std::string a = Unquote(item.substr(7));
      if (!a.empty()) e.weak_aliases.push_back(a);
    } else if (StartsWith(low, "linked to: ")) {
      e.linked_to.push_back(Trim(item.substr(11)));
    } else if (StartsWith(low, "email address ")) {
      e.ids.push_back({"email", Trim(item.substr(14)), ""});
    } else if (StartsWith(low, "website ")) {
      e.ids.push_back({"website", Trim(item.substr(8)), ""});
    } else if (StartsWith(low, "phone number ") || StartsWith(low, "telephone ")) {
      e.ids.push_back({"phone", Trim(item.substr(item.rfind(' ') + 1)), ""});
    } else if (StartsWith(low, "digital currency address")) {
      size_t sp = item.rfind(' ');
      e.ids.push_back({"crypto", Trim(item.substr(sp + 1)), ""});
    } else {
      // "<label> <value>[ (<country>)][ expires …|issued …]".
      std::string body = item;
      for (const char* cut : {" expires", " issued", " Expires", " Issued"}) {
        size_t p = body.find(cut);
        if (p != std::string::npos) body = Trim(body.substr(0, p));
      }
      std::string country;
      if (!body.empty() && body.back() == ')') {
        size_t open = body.rfind(" (");
        if (open != std::string::npos) {
          country = CountryCode(body.substr(open + 2, body.size() - open - 3));
          body = Trim(body.substr(0, open));
        }
      }
      size_t sp = body.rfind(' ');
      if (sp == std::string::npos) continue;
      std::string label = Trim(body.substr(0, sp)), value = Trim(body.substr(sp + 1));
      bool digit = false;
      for (char c : value) digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (!digit || !LooksLikeIdLabel(label)) continue;
      e.ids.push_back({KindOf(label), value, country});
    }
  }
}

}  // namespace chokepoint::parties
