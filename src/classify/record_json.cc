#include "classify/record_json.h"

namespace chokepoint::classify {
namespace {

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json StatusToJson(const JurisdictionStatus& st) {
  Json j;
  j["category"] = rules::CategoryName(st.category);
  j["listing"] = OrNull(st.listing);
  j["basis"] = OrNull(st.basis);
  j["rule"] = OrNull(st.rule);
  if (!st.code.empty()) j["code"] = st.code;
  j["citation"] = OrNull(st.citation);
  j["effective"] = OrNull(st.effective);
  if (!st.in_force_by.empty()) j["in_force_by"] = st.in_force_by;
  if (!st.end.empty()) j["end"] = st.end;
  j["explanation"] = st.explanation;
  if (!st.modifications.empty()) j["modifications"] = st.modifications;
  if (!st.also.empty()) j["also"] = st.also;
  j["rulebook_version"] = st.rulebook_version;
  return j;
}

Json FlagToJson(const Flag& f) {
  Json j;
  j["type"] = f.type;
  j["target"] = f.target;
  j["jurisdictions"] = f.jurisdictions;
  j["score"] = f.score;
  j["explanation"] = f.explanation;
  if (!f.path.empty()) j["path"] = f.path;
  if (!f.target_smiles.empty()) j["target_smiles"] = f.target_smiles;
  if (!f.nearest.empty()) {
    Json nearest = Json::array();
    for (const auto& n : f.nearest) {
      Json x;
      x["name"] = n.name;
      x["rule"] = n.rule;
      x["smiles"] = n.smiles;
      x["score"] = n.score;
      x["jurisdictions"] = n.jurisdictions;
      nearest.push_back(x);
    }
    j["nearest"] = nearest;
  }
  return j;
}

Json RecordToJson(const Record& r) {
  Json j;
  j["line"] = r.line;
  j["input"] = r.input;
  j["input_type"] = chem::InputTypeName(r.input_type);
  j["ok"] = r.ok;
  if (r.ok) {
    j["error"] = nullptr;
  } else {
    Json e;
    e["code"] = r.error.tag();
    e["message"] = r.error.message();
    if (!r.suggestions.empty()) e["suggestions"] = r.suggestions;
    j["error"] = e;
  }
  if (r.ok) {
    Json s;
    s["name"] = OrNull(r.substance.name);
    s["smiles"] = r.substance.smiles;
    if (!r.substance.inchi.empty()) s["inchi"] = r.substance.inchi;
    s["inchikey"] = OrNull(r.substance.inchikey);
    s["formula"] = r.substance.formula;
    Json removed = Json::array();
    for (const auto& f : r.substance.removed) {
      Json x;
      x["name"] = OrNull(f.name);
      x["smiles"] = f.smiles;
      x["role"] = f.role;
      x["count"] = f.count;
      removed.push_back(x);
    }
    s["removed"] = removed;
    if (!r.substance.notes.empty()) s["notes"] = r.substance.notes;
    j["substance"] = s;
    Json status = Json::object();
    for (const auto& [jur, st] : r.status) status[jur] = StatusToJson(st);
    j["status"] = status;
    Json flags = Json::array();
    for (const auto& f : r.flags) flags.push_back(FlagToJson(f));
    j["flags"] = flags;
  } else {
    j["substance"] = nullptr;
    j["status"] = Json::object();
    j["flags"] = Json::array();
  }
  j["verdict"] = r.verdict;
  return j;
}

namespace {

// A minimal writer producing nlohmann::json's compact dump() byte for byte: the same escapes
// (\uXXXX in lower-case hex for other control characters, UTF-8 passed through) and the same
// number formatting (doubles go through nlohmann itself).
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void BeginObject() {
    Value();
    out_ += '{';
    first_.push_back(true);
  }
  void EndObject() {
    out_ += '}';
    first_.pop_back();
  }
  void BeginArray() {
    Value();
    out_ += '[';
    first_.push_back(true);
  }
  void EndArray() {
    out_ += ']';
    first_.pop_back();
  }
  void Key(std::string_view k) {
    Comma();
    Escaped(k);
    out_ += ':';
    after_key_ = true;
  }
  void String(std::string_view s) {
    Value();
    Escaped(s);
  }
  void OrNull(const std::string& s) { s.empty() ? Null() : String(s); }
  void Null() {
    Value();
    out_ += "null";
  }
  void Bool(bool b) {
    Value();
    out_ += b ? "true" : "false";
  }
  void Int(long long v) {
    Value();
    out_ += std::to_string(v);
  }
  void Double(double d) {
    Value();
    out_ += nlohmann::json(d).dump();
  }
  void Strings(const std::vector<std::string>& v) {
    BeginArray();
    for (const auto& s : v) String(s);
    EndArray();
  }

 private:
  void Comma() {
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
  // Values inside arrays need a comma; a value right after its key does not.
  void Value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    Comma();
  }
  void Escaped(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out_ += '"';
    size_t run = 0;  // start of the pending run of bytes that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 15];
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }
  std::string& out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

void WriteStatus(Writer& w, const JurisdictionStatus& st) {
  w.BeginObject();
  w.Key("category");
  w.String(rules::CategoryName(st.category));
  w.Key("listing");
  w.OrNull(st.listing);
  w.Key("basis");
  w.OrNull(st.basis);
  w.Key("rule");
  w.OrNull(st.rule);
  if (!st.code.empty()) {
    w.Key("code");
    w.String(st.code);
  }
  w.Key("citation");
  w.OrNull(st.citation);
  w.Key("effective");
  w.OrNull(st.effective);
  if (!st.in_force_by.empty()) {
    w.Key("in_force_by");
    w.String(st.in_force_by);
  }
  if (!st.end.empty()) {
    w.Key("end");
    w.String(st.end);
  }
  w.Key("explanation");
  w.String(st.explanation);
  if (!st.modifications.empty()) {
    w.Key("modifications");
    w.Strings(st.modifications);
  }
  if (!st.also.empty()) {
    w.Key("also");
    w.Strings(st.also);
  }
  w.Key("rulebook_version");
  w.String(st.rulebook_version);
  w.EndObject();
}

void WriteFlag(Writer& w, const Flag& f) {
  w.BeginObject();
  w.Key("type");
  w.String(f.type);
  w.Key("target");
  w.String(f.target);
  w.Key("jurisdictions");
  w.Strings(f.jurisdictions);
  w.Key("score");
  w.Double(f.score);
  w.Key("explanation");
  w.String(f.explanation);
  if (!f.path.empty()) {
    w.Key("path");
    w.Strings(f.path);
  }
  if (!f.target_smiles.empty()) {
    w.Key("target_smiles");
    w.String(f.target_smiles);
  }
  if (!f.nearest.empty()) {
    w.Key("nearest");
    w.BeginArray();
    for (const auto& n : f.nearest) {
      w.BeginObject();
      w.Key("name");
      w.String(n.name);
      w.Key("rule");
      w.String(n.rule);
      w.Key("smiles");
      w.String(n.smiles);
      w.Key("score");
      w.Double(n.score);
      w.Key("jurisdictions");
      w.Strings(n.jurisdictions);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string RecordToJsonText(const Record& r) {
  std::string out;
  out.reserve(1024 + 512 * r.status.size());
  Writer w(out);
  w.BeginObject();
  w.Key("line");
  w.Int(r.line);
  w.Key("input");
  w.String(r.input);
  w.Key("input_type");
  w.String(chem::InputTypeName(r.input_type));
  w.Key("ok");
  w.Bool(r.ok);
  w.Key("error");
  if (r.ok) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("code");
    w.String(r.error.tag());
    w.Key("message");
    w.String(r.error.message());
    if (!r.suggestions.empty()) {
      w.Key("suggestions");
      w.Strings(r.suggestions);
    }
    w.EndObject();
  }
  if (r.ok) {
    w.Key("substance");
    w.BeginObject();
    w.Key("name");
    w.OrNull(r.substance.name);
    w.Key("smiles");
    w.String(r.substance.smiles);
    if (!r.substance.inchi.empty()) {
      w.Key("inchi");
      w.String(r.substance.inchi);
    }
    w.Key("inchikey");
    w.OrNull(r.substance.inchikey);
    w.Key("formula");
    w.String(r.substance.formula);
    w.Key("removed");
    w.BeginArray();
    for (const auto& f : r.substance.removed) {
      w.BeginObject();
      w.Key("name");
      w.OrNull(f.name);
      w.Key("smiles");
      w.String(f.smiles);
      w.Key("role");
      w.String(f.role);
      w.Key("count");
      w.Int(f.count);
      w.EndObject();
    }
    w.EndArray();
    if (!r.substance.notes.empty()) {
      w.Key("notes");
      w.Strings(r.substance.notes);
    }
    w.EndObject();
    w.Key("status");
    w.BeginObject();
    for (const auto& [jur, st] : r.status) {
      w.Key(jur);
      WriteStatus(w, st);
    }
    w.EndObject();
    w.Key("flags");
    w.BeginArray();
    for (const auto& f : r.flags) WriteFlag(w, f);
    w.EndArray();
  } else {
    w.Key("substance");
    w.Null();
    w.Key("status");
    w.BeginObject();
    w.EndObject();
    w.Key("flags");
    w.BeginArray();
    w.EndArray();
  }
  w.Key("verdict");
  w.String(r.verdict);
  w.EndObject();
  return out;
}

}  // namespace chokepoint::classify
