#include "server/requests.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "parties/party_json.h"

namespace chokepoint::server {

namespace {
using nlohmann::json;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF,
// so whatever passes also serializes as JSON text.
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

bool AllDigits(std::string_view v) {
  return std::all_of(v.begin(), v.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

std::optional<Problem> UnknownFields(const json& j, std::initializer_list<const char*> known,
                                     const std::string& at) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; })) {
      std::string allowed;
      for (const char* k : known) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      // An empty key still has to be named: as "" (the JSON spelling of the empty name).
      std::string name = at + (it.key().empty() ? std::string("\"\"") : it.key());
      return Problem::BadRequest("unknown_field",
                                 "unknown field '" + name + "' (expected " + allowed + ")", name);
    }
  }
  return std::nullopt;
}

std::optional<Problem> GetString(const json& v, const std::string& field, size_t max,
                                 std::string* out) {
  if (!v.is_string())
    return Problem::BadRequest("bad_field", "'" + field + "' must be a string", field);
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > max)
    return Problem::BadRequest(
        "bad_field", "'" + field + "' is longer than " + std::to_string(max) + " bytes", field);
  *out = s;
  return std::nullopt;
}
}  // namespace

std::optional<Problem> ParseJsonObject(std::string_view body, json* out) {
  if (body.empty())
    return Problem::BadRequest("malformed_json",
                               "the request body is empty; expected a JSON object");
  try {
    *out = json::parse(body.begin(), body.end());
  } catch (const json::parse_error& e) {
    return Problem::BadRequest("malformed_json", "the request body is not valid JSON (at byte " +
                                                     std::to_string(e.byte) + ")");
  } catch (const json::exception&) {
    // out_of_range: a number beyond a double (1e400) is valid JSON text nlohmann refuses.
    return Problem::BadRequest("malformed_json",
                               "the request body holds a number too large to represent");
  }
  if (!out->is_object())
    return Problem::BadRequest("bad_body", "the request body must be a JSON object");
  return std::nullopt;
}

std::optional<Problem> ParseClassifyRequest(std::string_view body, ClassifyRequest* out) {
  json j;
  if (auto p = ParseJsonObject(body, &j)) return p;
  if (auto p =
          UnknownFields(j, {"substance", "substances", "jurisdictions", "at", "as", "fields"}, ""))
    return p;
  bool one = j.contains("substance"), many = j.contains("substances");
  if (one == many)
    return Problem::BadRequest(
        "bad_field", "give exactly one of 'substance' (a string) or 'substances' (an array)",
        one ? "substances" : "substance");
  if (one) {
    std::string s;
    if (auto p = GetString(j["substance"], "substance", kMaxInputBytes, &s)) return p;
    out->substances.push_back(std::move(s));
  } else {
    const json& a = j["substances"];
    if (!a.is_array())
      return Problem::BadRequest("bad_field", "'substances' must be an array of strings",
                                 "substances");
    if (a.empty()) return Problem::BadRequest("bad_field", "'substances' is empty", "substances");
    if (a.size() > kMaxBatch)
      return Problem::BadRequest("bad_field",
                                 "'substances' has " + std::to_string(a.size()) +
                                     " entries; at most " + std::to_string(kMaxBatch) +
                                     " per request",
                                 "substances");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string s;
      if (auto p = GetString(a[i], "substances[" + std::to_string(i) + "]", kMaxInputBytes, &s))
        return p;
      out->substances.push_back(std::move(s));
    }
  }
  if (j.contains("jurisdictions")) {
    const json& a = j["jurisdictions"];
    if (!a.is_array())
      return Problem::BadRequest("bad_field",
                                 "'jurisdictions' must be an array such as [\"US\", \"CN\"]",
                                 "jurisdictions");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string s;
      if (auto p = GetString(a[i], "jurisdictions[" + std::to_string(i) + "]", 8, &s)) return p;
      out->jurisdictions.push_back(std::move(s));
    }
  }
  if (j.contains("at")) {
    std::string s;
    if (auto p = GetString(j["at"], "at", 10, &s)) return p;
    auto d = Date::Parse(s);
    if (!d.ok()) return Problem::BadRequest("bad_field", "'at': " + d.status().message(), "at");
    out->at = *d;
  }
  if (j.contains("as")) {
    if (auto p = GetString(j["as"], "as", 16, &out->as)) return p;
    static const char* kAs[] = {"auto", "smiles", "inchi", "cas", "name", "molfile"};
    if (std::none_of(std::begin(kAs), std::end(kAs), [&](const char* k) { return out->as == k; }))
      return Problem::BadRequest(
          "bad_field", "'as' must be one of auto, smiles, inchi, cas, name, molfile", "as");
  }
  if (j.contains("fields")) {
    const json& a = j["fields"];
    if (!a.is_array())
      return Problem::BadRequest("bad_field", "'fields' must be an array, e.g. [\"inchi\"]",
                                 "fields");
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != "inchi")
        return Problem::BadRequest(
            "bad_field",
            "'fields[" + std::to_string(i) + "]': the only optional field is \"inchi\"",
            "fields[" + std::to_string(i) + "]");
      out->inchi = true;
    }
  }
  return std::nullopt;
}

std::optional<Problem> ParsePartyScreenRequest(std::string_view body, PartyScreenRequest* out) {
  json j;
  if (auto p = ParseJsonObject(body, &j)) return p;
  if (auto p = UnknownFields(j, {"party", "parties", "threshold", "top_k"}, "")) return p;
  bool one = j.contains("party"), many = j.contains("parties");
  if (one == many)
    return Problem::BadRequest("bad_field",
                               "give exactly one of 'party' (an object) or 'parties' (an array)",
                               one ? "parties" : "party");
  std::vector<std::pair<std::string, const json*>> items;
  if (one) {
    items.push_back({"party", &j["party"]});
  } else {
    const json& a = j["parties"];
    if (!a.is_array() || a.empty())
      return Problem::BadRequest("bad_field", "'parties' must be a non-empty array of objects",
                                 "parties");
    if (a.size() > kMaxBatch)
      return Problem::BadRequest(
          "bad_field", "at most " + std::to_string(kMaxBatch) + " parties per request", "parties");
    for (size_t i = 0; i < a.size(); ++i)
      items.push_back({"parties[" + std::to_string(i) + "]", &a[i]});
  }
  for (const auto& [field, v] : items) {
    if (!v->is_object())
      return Problem::BadRequest("bad_field", "'" + field + "' must be an object", field);
    auto q = parties::PartyQueryFromJson(*v);
    if (!q.ok())
      return Problem::BadRequest("bad_field", "'" + field + "': " + q.status().message(), field);
    out->parties.push_back(std::move(*q));
  }
  if (j.contains("threshold")) {
    const json& t = j["threshold"];
    if (!t.is_number() || !(t.get<double>() >= 0 && t.get<double>() <= 1))
      return Problem::BadRequest("bad_field", "'threshold' must be a number between 0 and 1",
                                 "threshold");
    out->options.threshold = t.get<double>();
  }
  if (j.contains("top_k")) {
    const json& t = j["top_k"];
    if (!t.is_number_integer() || t.get<int64_t>() < 1 || t.get<int64_t>() > 50)
      return Problem::BadRequest("bad_field", "'top_k' must be an integer from 1 to 50", "top_k");
    out->options.top_k = static_cast<size_t>(t.get<int64_t>());
  }
  return std::nullopt;
}

std::optional<Problem> ParseReviewRequest(std::string_view body, ReviewRequest* out) {
  json j;
  if (auto p = ParseJsonObject(body, &j)) return p;
  if (auto p = UnknownFields(j, {"disposition", "note"}, "")) return p;
  if (!j.contains("disposition"))
    return Problem::BadRequest("missing_field",
                               "'disposition' is required (release, confirm_hold, block or report)",
                               "disposition");
  if (auto p = GetString(j["disposition"], "disposition", 32, &out->disposition)) return p;
  const auto& d = Dispositions();
  if (std::find(d.begin(), d.end(), out->disposition) == d.end())
    return Problem::BadRequest(
        "bad_field", "'disposition' must be release, confirm_hold, block or report", "disposition");
  if (!j.contains("note"))
    return Problem::BadRequest("missing_field", "'note' is required: say why you decided this",
                               "note");
  if (auto p = GetString(j["note"], "note", kMaxNoteBytes, &out->note)) return p;
  if (std::all_of(out->note.begin(), out->note.end(),
                  [](unsigned char c) { return std::isspace(c); }))
    return Problem::BadRequest("bad_field", "'note' must not be empty: say why you decided this",
                               "note");
  if (!ValidUtf8(out->note))
    return Problem::BadRequest("bad_field", "'note' is not valid UTF-8", "note");
  return std::nullopt;
}

std::optional<Problem> ParseOrderFilter(const std::multimap<std::string, std::string>& params,
                                        OrderFilter* out) {
  for (const auto& [k, v] : params) {
    if (k == "decision") {
      if (v != "clear" && v != "review" && v != "hold" && v != "block")
        return Problem::BadRequest("bad_parameter",
                                   "'decision' must be clear, review, hold or block", "decision");
      out->decision = v;
    } else if (k == "from" || k == "to") {
      if (!Date::Parse(v).ok())
        return Problem::BadRequest("bad_parameter", "'" + k + "' must be a date YYYY-MM-DD", k);
      (k == "from" ? out->from : out->to) = v;
    } else if (k == "customer") {
      if (v.size() > 200 || !ValidUtf8(v))
        return Problem::BadRequest("bad_parameter",
                                   "'customer' must be UTF-8 text of at most 200 bytes", k);
      out->customer = v;
    } else if (k == "status") {
      if (v != "open" && v != "all")
        return Problem::BadRequest("bad_parameter",
                                   "'status' must be open (the review queue) or all", k);
      out->open = v == "open";
    } else if (k == "limit" || k == "offset") {
      int max = k == "limit" ? 1000 : 1'000'000;
      auto n = ParseIntParam(v, k == "limit" ? 1 : 0, max);
      if (!n)
        return Problem::BadRequest("bad_parameter",
                                   "'" + k + "' must be an integer from " +
                                       (k == "limit" ? "1" : "0") + " to " + std::to_string(max),
                                   k);
      (k == "limit" ? out->limit : out->offset) = static_cast<int>(*n);
    } else {
      return Problem::BadRequest(
          "bad_parameter",
          "unknown query parameter '" + k +
              "' (expected decision, from, to, customer, status, limit, offset)",
          k);
    }
  }
  return std::nullopt;
}

std::optional<int64_t> ParseIntParam(std::string_view v, int64_t lo, int64_t hi) {
  if (v.empty() || v.size() > 12 || !AllDigits(v)) return std::nullopt;
  int64_t n = std::stoll(std::string(v));
  if (n < lo || n > hi) return std::nullopt;
  return n;
}

std::optional<Problem> ValidateOrderId(std::string_view id) {
  if (id.empty() || id.size() > 200 || !ValidUtf8(id) ||
      std::any_of(id.begin(), id.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return Problem::NotFound("no such order");
  return std::nullopt;
}

}  // namespace chokepoint::server
