// The suspicious-order report: every record field 21 CFR 1310.06(a) asks for, the reasons
// the order was stopped, and the 1310.05(b) filing dates, as JSON and as Markdown.
#pragma once

#include <string>

#include "orders/decision_json.h"
#include "util/date.h"
#include "util/status.h"

namespace chokepoint::orders {

struct ReportInput {
  std::string order_raw;        //!< the order as received (JSON)
  std::string decision_output;  //!< the stored decision record (JSON)
  std::string policy;           //!< policy version that decided
  Date aware;                   //!< the day the regulated person became aware (report clock)
};

// Fails (Corruption) when the stored texts are not valid.
Result<Json> BuildReport(const ReportInput& input);
std::string ReportMarkdown(const Json& report);

}  // namespace chokepoint::orders
