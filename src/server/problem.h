// RFC 9457 problem details: every API error is application/problem+json with a clear detail.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "util/status.h"

namespace chokepoint::server {

struct Problem {
  int status = 400;
  std::string code;    //!< stable snake_case identifier ("bad_field", "invalid_token" …)
  std::string detail;  //!< what is wrong, for a person
  std::string field;   //!< the offending request field (JSON path or query parameter), if any

  static Problem BadRequest(std::string code, std::string detail, std::string field = "") {
    return {400, std::move(code), std::move(detail), std::move(field)};
  }
  static Problem NotFound(std::string detail) { return {404, "not_found", std::move(detail), ""}; }
  // Status codes of the Status vocabulary: InvalidArgument 400, NotFound 404, other 500.
  static Problem FromStatus(const Status& s, std::string field = "");

  nlohmann::ordered_json ToJson() const;
};

const char* ReasonPhrase(int status);

}  // namespace chokepoint::server
