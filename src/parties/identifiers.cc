#include "parties/identifiers.h"

#include <cctype>
#include <string>

#include "util/contact.h"
#include "util/strings.h"

namespace chokepoint::parties {
namespace {

// Identifier values in list remarks end in a full stop or a semicolon.
std::string Trim(std::string_view s) { return std::string(chokepoint::Trim(s, ".;")); }

}  // namespace

std::string IdentifierClass(std::string_view kind) {
  std::string k = Lower(kind);
  if (k.find("email") != std::string::npos || k.find("e-mail") != std::string::npos) return "email";
  if (k.find("website") != std::string::npos || k.find("domain") != std::string::npos ||
      k.find("url") != std::string::npos || k == "web")
    return "domain";
  if (k.find("phone") != std::string::npos || k.find("tel") != std::string::npos ||
      k.find("fax") != std::string::npos)
    return "phone";
  if (k.find("crypto") != std::string::npos || k.find("digital currency") != std::string::npos ||
      k.find("wallet") != std::string::npos)
    return "crypto";
  return "doc";
}

std::string IdentifierKey(std::string_view kind, std::string_view value) {
  std::string cls = IdentifierClass(kind);
  if (cls == "email") {
    std::string v = EmailKey(value);
    return v.empty() ? "" : "email:" + v;
  }
  if (cls == "domain") {
    std::string h = WebHost(value);
    if (h.find('.') == std::string::npos || h.size() < 4 || h.find(' ') != std::string::npos)
      return "";
    return "domain:" + h;
  }
  if (cls == "phone") {
    std::string d = PhoneKey(value);
    return d.empty() ? "" : "phone:" + d;
  }
  if (cls == "crypto") {
    std::string v = Trim(value);
    if (v.size() < 20) return "";
    if (v.rfind("0x", 0) == 0 || v.rfind("0X", 0) == 0) v = Lower(v);
    return "crypto:" + v;
  }
  std::string d;
  bool digit = false;
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      d += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
  }
  if (d.size() < 5 || !digit) return "";
  return "doc:" + d;
}

bool ValidUscc(std::string_view code) {
  static const std::string kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    size_t v = kChars.find(static_cast<char>(std::toupper(static_cast<unsigned char>(code[i]))));
    if (v == std::string::npos) return false;
    sum += static_cast<int>(v) * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return std::toupper(static_cast<unsigned char>(code[17])) == kChars[check];
}

}  // namespace chokepoint::parties
