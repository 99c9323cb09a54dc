#include "chem/cas.h"

#include <cctype>

#include "util/strings.h"

namespace chokepoint::chem {
namespace {

// Splits "dddd-dd-d" into its three digit groups; false if the shape is wrong.
bool SplitCas(std::string_view s, std::string_view& a, std::string_view& b, std::string_view& c) {
  size_t p1 = s.find('-');
  if (p1 == std::string_view::npos) return false;
  size_t p2 = s.find('-', p1 + 1);
  if (p2 == std::string_view::npos || s.find('-', p2 + 1) != std::string_view::npos) return false;
  a = s.substr(0, p1);
  b = s.substr(p1 + 1, p2 - p1 - 1);
  c = s.substr(p2 + 1);
  auto digits = [](std::string_view x) {
    for (char ch : x)
      if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
    return !x.empty();
  };
  return digits(a) && digits(b) && digits(c) && a.size() >= 2 && a.size() <= 7 && b.size() == 2 &&
         c.size() == 1;
}

}  // namespace

bool LooksLikeCas(std::string_view text) {
  std::string_view a, b, c;
  return SplitCas(Trim(text), a, b, c);
}

Result<std::string> ParseCas(std::string_view text) {
  std::string_view s = Trim(text);
  std::string_view a, b, c;
  if (!SplitCas(s, a, b, c)) {
    return Status::InvalidArgument(
        "'" + std::string(s) + "' is not a CAS number (expected digits like 437-38-7)",
        "invalid_cas");
  }
  while (a.size() > 2 && a.front() == '0') a.remove_prefix(1);
  std::string body = std::string(a) + std::string(b);
  // Check digit: sum of each digit times its position counted from the right, modulo 10.
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    sum += (body[body.size() - 1 - i] - '0') * static_cast<int>(i + 1);
  }
  int expected = sum % 10;
  if (expected != c[0] - '0') {
    return Status::InvalidArgument("CAS number " + std::string(s) +
                                       " fails its check digit (the last digit should be " +
                                       std::to_string(expected) + ")",
                                   "bad_cas_checksum");
  }
  return std::string(a) + "-" + std::string(b) + "-" + std::string(c);
}

}  // namespace chokepoint::chem
