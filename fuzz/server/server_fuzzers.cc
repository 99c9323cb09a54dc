// libFuzzer target for the API's request layer (src/server/requests.h): the functions that
// turn request bodies and query strings into validated requests, exactly as the server calls
// them. The first byte picks the parser ('0' JSON object, '1' classify, '2' party screening,
// '3' review, '4' order filter query string, '5' order id); the rest is the body, query
// string or path segment.
//
// Besides the sanitizers, each run checks the layer's contract: a rejection is a 400 (404
// for an order id) problem with a code and a detail, names its field where the code says a
// field is at fault, and serializes as problem+json (strict UTF-8); an accepted request is
// within every documented bound.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "../fuzz_check.h"
#include "server/requests.h"

namespace {

using namespace chokepoint::server;

constexpr const char* kTarget = "server_requests";

bool ValidUtf8Strict(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

void CheckProblem(const Problem& p, int status, std::string_view in) {
  CHECK(p.status == status);
  CHECK(!p.code.empty());
  CHECK(!p.detail.empty());
  if (p.code == "bad_field" || p.code == "missing_field" || p.code == "unknown_field" ||
      p.code == "bad_parameter")
    CHECK(!p.field.empty());
  // What the server sends: Problem::ToJson().dump(), which must not throw on any input.
  std::string text;
  try {
    text = p.ToJson().dump();
  } catch (const nlohmann::json::exception&) {
    chokepoint::fuzz::InvariantViolated(
        kTarget, "Problem::ToJson().dump() threw (invalid UTF-8 in detail or field)", in);
  }
  auto back = nlohmann::json::parse(text, nullptr, false);
  CHECK(back.is_object() && back["status"] == status && back["code"] == p.code);
}

// "a=1&b=2" into the multimap the server gives ParseOrderFilter, percent-decoded as
// cpp-httplib does (so keys and values may hold any byte; a parameter needs a name).
std::multimap<std::string, std::string> ParseQuery(std::string_view q) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
      };
      if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
        out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
        i += 2;
      } else {
        out += s[i] == '+' ? ' ' : s[i];
      }
    }
    return out;
  };
  std::multimap<std::string, std::string> m;
  size_t start = 0;
  while (start <= q.size()) {
    size_t amp = q.find('&', start);
    std::string_view kv =
        q.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    size_t eq = kv.find('=');
    std::string key = decode(kv.substr(0, eq));
    // cpp-httplib drops parameters without a name.
    if (!key.empty())
      m.emplace(std::move(key), eq == std::string_view::npos ? "" : decode(kv.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return m;
}

void FuzzJsonObject(std::string_view in, std::string_view body) {
  nlohmann::json j;
  if (auto p = ParseJsonObject(body, &j)) return CheckProblem(*p, 400, in);
  CHECK(j.is_object());
}

void FuzzClassify(std::string_view in, std::string_view body) {
  ClassifyRequest r;
  if (auto p = ParseClassifyRequest(body, &r)) return CheckProblem(*p, 400, in);
  CHECK(!r.substances.empty() && r.substances.size() <= kMaxBatch);
  for (const auto& s : r.substances) CHECK(s.size() <= kMaxInputBytes);
  for (const auto& j : r.jurisdictions) CHECK(j.size() <= 8);
  CHECK(r.as == "auto" || r.as == "smiles" || r.as == "inchi" || r.as == "cas" || r.as == "name" ||
        r.as == "molfile");
}

void FuzzParties(std::string_view in, std::string_view body) {
  PartyScreenRequest r;
  if (auto p = ParsePartyScreenRequest(body, &r)) return CheckProblem(*p, 400, in);
  CHECK(!r.parties.empty() && r.parties.size() <= kMaxBatch);
  CHECK(r.options.threshold >= 0 && r.options.threshold <= 1);
  CHECK(r.options.top_k >= 1 && r.options.top_k <= 50);
}

void FuzzReview(std::string_view in, std::string_view body) {
  ReviewRequest r;
  if (auto p = ParseReviewRequest(body, &r)) return CheckProblem(*p, 400, in);
  bool known = false;
  for (const auto& d : Dispositions()) known |= d == r.disposition;
  CHECK(known);
  CHECK(!r.note.empty() && r.note.size() <= kMaxNoteBytes);
  CHECK(r.note.find_first_not_of(" \t\n\v\f\r") != std::string::npos);
  CHECK(ValidUtf8Strict(r.note));  // stored, audited and echoed as JSON
}

void FuzzOrderFilter(std::string_view in, std::string_view query) {
  OrderFilter f;
  if (auto p = ParseOrderFilter(ParseQuery(query), &f)) return CheckProblem(*p, 400, in);
  CHECK(f.decision.empty() || f.decision == "clear" || f.decision == "review" ||
        f.decision == "hold" || f.decision == "block");
  CHECK(f.limit >= 1 && f.limit <= 1000);
  CHECK(f.offset >= 0 && f.offset <= 1'000'000);
  CHECK(f.customer.size() <= 200 && ValidUtf8Strict(f.customer));
  for (const auto* d : {&f.from, &f.to}) CHECK(d->empty() || chokepoint::Date::Parse(*d).ok());
}

void FuzzOrderId(std::string_view in, std::string_view id) {
  if (auto p = ValidateOrderId(id)) return CheckProblem(*p, 404, in);
  CHECK(!id.empty() && id.size() <= 200);
  CHECK(ValidUtf8Strict(std::string(id)));  // echoed in "no order '<id>'" details
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (in.empty()) return 0;
  std::string_view rest = in.substr(1);
  switch (static_cast<unsigned char>(in[0]) % 6) {
    case 0:
      FuzzJsonObject(in, rest);
      break;
    case 1:
      FuzzClassify(in, rest);
      break;
    case 2:
      FuzzParties(in, rest);
      break;
    case 3:
      FuzzReview(in, rest);
      break;
    case 4:
      FuzzOrderFilter(in, rest);
      break;
    default:
      FuzzOrderId(in, rest);
      break;
  }
  return 0;
}
