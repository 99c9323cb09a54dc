// Calendar dates (YYYY-MM-DD), as used by listings' effective and end dates and `--at`.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "util/status.h"

namespace chokepoint {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // Strict YYYY-MM-DD that must name a real calendar day (2023-02-29 is rejected).
  static Result<Date> Parse(std::string_view text);
  // Today in UTC.
  static Date Today();

  std::string ToString() const;
  auto operator<=>(const Date&) const = default;
};

// UTC now as "YYYY-MM-DDTHH:MM:SS.mmmZ" (sorts as text): the timestamps of tokens, reviews and
// audit entries.
std::string NowIso();

}  // namespace chokepoint
