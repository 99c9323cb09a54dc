#include "util/contact.h"

#include <cctype>

#include "util/strings.h"

namespace chokepoint {
namespace {

// Contact values in list remarks end in a full stop or a semicolon.
std::string Clean(std::string_view v) { return Lower(Trim(v, ".;")); }

}  // namespace

std::string PhoneKey(std::string_view phone) {
  std::string d;
  for (char c : phone)
    if (std::isdigit(static_cast<unsigned char>(c))) d += c;
  if (d.size() < 7) return "";
  if (d.size() > 10) d.erase(0, d.size() - 10);
  return d;
}

std::string EmailKey(std::string_view email) {
  std::string v = Clean(email);
  size_t at = v.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= v.size() || v.find(' ') != std::string::npos)
    return "";
  return v;
}

std::string WebHost(std::string_view v) {
  std::string s = Clean(v);
  size_t at = s.rfind('@');
  if (at != std::string::npos) s = s.substr(at + 1);
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) s = s.substr(scheme + 3);
  size_t end = s.find_first_of("/?#:");
  if (end != std::string::npos) s = s.substr(0, end);
  if (s.rfind("www.", 0) == 0) s = s.substr(4);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace chokepoint
