#include "server/problem.h"

namespace chokepoint::server {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

Problem Problem::FromStatus(const Status& s, std::string field) {
  int code = 500;
  if (s.code() == StatusCode::kInvalidArgument)
    code = 400;
  else if (s.code() == StatusCode::kNotFound)
    code = 404;
  else if (s.code() == StatusCode::kFailedPrecondition)
    code = 409;
  return {code, s.tag(), code == 500 ? "internal error: " + s.message() : s.message(),
          std::move(field)};
}

namespace {
// Details and fields echo request bytes (a query parameter's name, an order id); JSON text
// must be UTF-8, so invalid sequences become U+FFFD instead of failing the serialization.
std::string Utf8(const std::string& s) {
  std::string quoted =
      nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(quoted).get<std::string>();
}
}  // namespace

nlohmann::ordered_json Problem::ToJson() const {
  nlohmann::ordered_json j;
  j["type"] = "https://chokepoint.dev/problems/" + code;
  j["title"] = ReasonPhrase(status);
  j["status"] = status;
  j["code"] = code;
  j["detail"] = Utf8(detail);
  if (!field.empty()) j["field"] = Utf8(field);
  return j;
}

}  // namespace chokepoint::server
