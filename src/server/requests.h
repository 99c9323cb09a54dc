// Parsing and validation of API request bodies and query strings. Pure functions over bytes
// (no engine, no database) so the libFuzzer target (fuzz/server/) drives exactly what the
// server runs. Every rejection names the offending field.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parties/screener.h"
#include "server/problem.h"
#include "util/date.h"

namespace chokepoint::server {

inline constexpr size_t kMaxBatch = 1000;          //!< substances or parties per request
inline constexpr size_t kMaxInputBytes = 100'000;  //!< one substance (a molfile may be long)
inline constexpr size_t kMaxNoteBytes = 4000;

// A JSON object body. 400 "malformed_json" (with the byte offset) or "bad_body" (not an object).
std::optional<Problem> ParseJsonObject(std::string_view body, nlohmann::json* out);

struct ClassifyRequest {
  std::vector<std::string> substances;     //!< "substance" (one) or "substances" (many)
  std::vector<std::string> jurisdictions;  //!< empty: all loaded
  std::optional<Date> at;
  std::string as = "auto";  //!< auto|smiles|inchi|cas|name|molfile
  bool inchi = false;       //!< "fields": ["inchi"]
};
std::optional<Problem> ParseClassifyRequest(std::string_view body, ClassifyRequest* out);

struct PartyScreenRequest {
  std::vector<parties::PartyQuery> parties;  //!< "party" (one) or "parties" (many)
  parties::ScreenOptions options;            //!< "threshold", "top_k"
};
std::optional<Problem> ParsePartyScreenRequest(std::string_view body, PartyScreenRequest* out);

// Analyst dispositions of a screened order.
inline const std::vector<std::string>& Dispositions() {
  static const std::vector<std::string> k = {"release", "confirm_hold", "block", "report"};
  return k;
}
struct ReviewRequest {
  std::string disposition;
  std::string note;  //!< mandatory, 1..kMaxNoteBytes bytes of text
};
std::optional<Problem> ParseReviewRequest(std::string_view body, ReviewRequest* out);

struct OrderFilter {
  std::string decision;  //!< clear|review|hold|block or ""
  std::string from, to;  //!< order date range, YYYY-MM-DD, inclusive
  std::string customer;  //!< substring of the customer (buyer) key, case-insensitive
  bool open = false;     //!< only orders on review or hold without a disposition (the queue)
  int limit = 100;       //!< 1..1000
  int offset = 0;
};
std::optional<Problem> ParseOrderFilter(const std::multimap<std::string, std::string>& params,
                                        OrderFilter* out);

// A query parameter that must be a decimal integer in [lo, hi]: only ASCII digits (no sign,
// no spaces), at most 12 of them. nullopt otherwise; the caller names the parameter.
std::optional<int64_t> ParseIntParam(std::string_view v, int64_t lo, int64_t hi);

// Order ids in paths: 1..200 bytes, printable, no '/'.
std::optional<Problem> ValidateOrderId(std::string_view id);

}  // namespace chokepoint::server
