#include "util/date.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace chokepoint {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Result<Date> Date::Parse(std::string_view s) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("'" + std::string(s) + "' is not a valid date: " + why,
                                   "invalid_date");
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad("expected YYYY-MM-DD");
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return bad("expected YYYY-MM-DD");
  }
  Date d;
  d.year = std::stoi(std::string(s.substr(0, 4)));
  d.month = std::stoi(std::string(s.substr(5, 2)));
  d.day = std::stoi(std::string(s.substr(8, 2)));
  if (d.year < 1900 || d.year > 2999) return bad("year out of range");
  if (d.month < 1 || d.month > 12) return bad("no month " + std::to_string(d.month));
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return bad("no such day in that month");
  return d;
}

Date Date::Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string NowIso() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace chokepoint
