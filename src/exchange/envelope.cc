#include "exchange/envelope.h"

#include <cstdio>
#include <ctime>
#include <set>

#include "exchange/keys.h"

namespace chokepoint::exchange {

namespace {

Status Malformed(const std::string& what) {
  return Status::InvalidArgument(what, "malformed_envelope");
}
Status BadPayload(const std::string& what) {
  return Status::InvalidArgument("payload: " + what, "bad_payload");
}

bool Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
int Num(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool StringField(const Json& j, const char* name, std::string* out) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

}  // namespace

Result<Envelope> ParseEnvelope(std::string_view body) {
  if (body.size() > kMaxEnvelopeBytes)
    return Malformed("the envelope exceeds " + std::to_string(kMaxEnvelopeBytes) + " bytes");
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) return Malformed("the envelope is not JSON");
  if (!j.is_object())
    return Malformed("the envelope must be a JSON object {\"payload\", \"signature\"}");
  Envelope e;
  if (!StringField(j, "payload", &e.payload))
    return Malformed("'payload' must be a string (the signed JSON text)");
  std::string sig;
  if (!StringField(j, "signature", &sig)) return Malformed("'signature' must be a string (base64)");
  auto raw = FromBase64(sig);
  if (!raw.ok() || raw->size() != 64)
    return Malformed("'signature' must be the standard base64 of a 64-byte Ed25519 signature");
  e.signature = std::move(*raw);
  return e;
}

std::string EnvelopeText(const Envelope& e) {
  Json j;
  j["payload"] = e.payload;
  j["signature"] = Base64(e.signature);
  return j.dump();
}

Envelope SignPayload(std::string payload, const std::string& secret_key) {
  Envelope e;
  e.signature = Sign(payload, secret_key);
  e.payload = std::move(payload);
  return e;
}

bool ValidAuthority(std::string_view code) {
  if (code.size() < 2 || code.size() > 32 || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

bool ValidTimestamp(std::string_view ts) {
  // YYYY-MM-DDTHH:MM:SS[.mmm]Z
  if (ts.size() != 20 && ts.size() != 24) return false;
  if (!Digits(ts, 0, 4) || ts[4] != '-' || !Digits(ts, 5, 2) || ts[7] != '-' || !Digits(ts, 8, 2) ||
      ts[10] != 'T' || !Digits(ts, 11, 2) || ts[13] != ':' || !Digits(ts, 14, 2) || ts[16] != ':' ||
      !Digits(ts, 17, 2))
    return false;
  if (ts.size() == 24 && (ts[19] != '.' || !Digits(ts, 20, 3))) return false;
  if (ts.back() != 'Z') return false;
  int y = Num(ts, 0, 4), mo = Num(ts, 5, 2), d = Num(ts, 8, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return false;
  return Num(ts, 11, 2) < 24 && Num(ts, 14, 2) < 60 && Num(ts, 17, 2) < 60;
}

int64_t TimestampMs(std::string_view ts) {
  std::tm tm{};
  tm.tm_year = Num(ts, 0, 4) - 1900;
  tm.tm_mon = Num(ts, 5, 2) - 1;
  tm.tm_mday = Num(ts, 8, 2);
  tm.tm_hour = Num(ts, 11, 2);
  tm.tm_min = Num(ts, 14, 2);
  tm.tm_sec = Num(ts, 17, 2);
  int64_t ms = static_cast<int64_t>(timegm(&tm)) * 1000;
  if (ts.size() == 24) ms += Num(ts, 20, 3);
  return ms;
}

std::string FormatTimestamp(int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms % 1000));
  return buf;
}

Result<Message> ParsePayload(std::string_view payload) {
  Json j = Json::parse(payload.begin(), payload.end(), nullptr, false);
  if (j.is_discarded()) return BadPayload("not JSON");
  if (!j.is_object()) return BadPayload("not a JSON object");
  Message m;
  auto v = j.find("version");
  if (v == j.end() || !v->is_number_integer()) return BadPayload("'version' must be an integer");
  m.version = v->get<int>();
  if (m.version != kProtocolVersion)
    return BadPayload("unsupported version " + std::to_string(m.version) + " (this node speaks " +
                      std::to_string(kProtocolVersion) + ")");
  if (!StringField(j, "type", &m.type) ||
      (m.type != "record" && m.type != "event" && m.type != "receipt"))
    return BadPayload("'type' must be record, event or receipt");
  if (!StringField(j, "from", &m.from) || !ValidAuthority(m.from))
    return BadPayload("'from' must be an authority code (A-Z, 0-9, '-', '_'; 2 to 32 characters)");
  auto to = j.find("to");
  if (to == j.end() || !to->is_array() || to->empty() || to->size() > 64)
    return BadPayload("'to' must be an array of 1 to 64 authority codes");
  std::set<std::string> seen;
  for (const auto& t : *to) {
    if (!t.is_string() || !ValidAuthority(t.get<std::string>()))
      return BadPayload("'to' holds an invalid authority code");
    if (!seen.insert(t.get<std::string>()).second)
      return BadPayload("'to' names " + t.get<std::string>() + " twice");
    m.to.push_back(t.get<std::string>());
  }
  if (m.type == "receipt") {
    std::string sha, result, recipient;
    if (!StringField(j, "envelope_id", &m.id) || m.id.empty() || m.id.size() > 128)
      return BadPayload("'envelope_id' must be a string of 1 to 128 characters");
    if (!StringField(j, "envelope_sha256", &sha) || sha.size() != 64 ||
        sha.find_first_not_of("0123456789abcdef") != std::string::npos)
      return BadPayload("'envelope_sha256' must be 64 lower-case hex digits");
    if (!StringField(j, "recipient", &recipient) || recipient != m.from)
      return BadPayload("'recipient' must be the receipt's sender");
    if (!StringField(j, "received_at", &m.sent_at) || !ValidTimestamp(m.sent_at))
      return BadPayload("'received_at' must be a UTC timestamp YYYY-MM-DDTHH:MM:SS[.mmm]Z");
    if (!StringField(j, "result", &result) || result.empty())
      return BadPayload("'result' must be a string");
    m.content = std::move(j);
    return m;
  }
  if (!StringField(j, "id", &m.id) || m.id.size() > 128 || m.id.rfind(m.from + "-", 0) != 0 ||
      m.id.size() == m.from.size() + 1)
    return BadPayload("'id' must be '<from>-<unique suffix>', at most 128 characters");
  for (char c : m.id)
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == 0x7f)
      return BadPayload("'id' holds a space, '/' or a control character");
  if (!StringField(j, "sent_at", &m.sent_at) || !ValidTimestamp(m.sent_at))
    return BadPayload("'sent_at' must be a UTC timestamp YYYY-MM-DDTHH:MM:SS[.mmm]Z");
  auto c = j.find(m.type);
  if (c == j.end() || !c->is_object()) return BadPayload("'" + m.type + "' must be an object");
  m.content = std::move(*c);
  return m;
}

std::string ReceiptPayload(const std::string& sender, const Receipt& r) {
  Json j;
  j["version"] = kProtocolVersion;
  j["type"] = "receipt";
  j["from"] = r.recipient;
  j["to"] = Json::array({sender});
  j["envelope_id"] = r.envelope_id;
  j["envelope_sha256"] = r.envelope_sha256;
  j["recipient"] = r.recipient;
  j["received_at"] = r.received_at;
  j["result"] = r.result;
  return j.dump();
}

Receipt ReceiptOf(const Message& m) {
  Receipt r;
  r.envelope_id = m.content.value("envelope_id", "");
  r.envelope_sha256 = m.content.value("envelope_sha256", "");
  r.recipient = m.content.value("recipient", "");
  r.received_at = m.content.value("received_at", "");
  r.result = m.content.value("result", "");
  return r;
}

}  // namespace chokepoint::exchange
