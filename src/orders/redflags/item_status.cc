#include "orders/redflags/item_status.h"

#include <set>
#include <vector>

namespace chokepoint::orders::redflags {

std::string DescribeReadings(const ItemResult& r, rules::Category category) {
  std::string out;
  for (const Reading& rd : r.readings) {
    if (rd.status.category != category) continue;
    std::string s =
        rd.country == "UN" ? std::string("UN conventions") : rd.country + " (" + rd.role + ")";
    s += ": ";
    if (rd.strictest) s += "no " + rd.country + " rulebook loaded, strictest reading: ";
    s += (rd.strictest || rd.rulebook != rd.country ? rd.rulebook + " " : std::string()) +
         rd.status.listing;
    if (rd.status.basis != "entry" && !rd.status.basis.empty()) s += " [" + rd.status.basis + "]";
    std::string since = !rd.status.effective.empty()     ? ", in force since " + rd.status.effective
                        : !rd.status.in_force_by.empty() ? ", in force by " + rd.status.in_force_by
                                                         : "";
    s += " (" + rd.status.rule + since + ")";
    out += (out.empty() ? "" : "; ") + s;
  }
  return out;
}

std::string Citations(const ItemResult& r, rules::Category category) {
  std::vector<std::string> seen;
  for (const Reading& rd : r.readings) {
    if (rd.status.category != category || rd.status.citation.empty()) continue;
    std::string c = rd.rulebook + ": " + rd.status.citation;
    bool dup = false;
    for (const auto& s : seen) dup = dup || s == c;
    if (!dup) seen.push_back(c);
  }
  std::string out;
  for (const auto& s : seen) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace chokepoint::orders::redflags
