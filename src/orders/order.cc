#include "orders/order.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "util/country.h"
#include "util/strings.h"

namespace chokepoint::orders {

const char* UnitName(Unit u) {
  switch (u) {
    case Unit::kKg:
      return "kg";
    case Unit::kG:
      return "g";
    case Unit::kMg:
      return "mg";
    case Unit::kL:
      return "L";
    case Unit::kML:
      return "mL";
    case Unit::kT:
      return "t";
  }
  return "kg";
}

std::optional<Unit> ParseUnit(std::string_view s) {
  std::string l;
  for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l == "kg") return Unit::kKg;
  if (l == "g") return Unit::kG;
  if (l == "mg") return Unit::kMg;
  if (l == "l") return Unit::kL;
  if (l == "ml") return Unit::kML;
  if (l == "t") return Unit::kT;
  return std::nullopt;
}

double ToKilograms(double q, Unit u) {
  switch (u) {
    case Unit::kKg:
      return q;
    case Unit::kG:
      return q / 1e3;
    case Unit::kMg:
      return q / 1e6;
    case Unit::kL:
      return q;
    case Unit::kML:
      return q / 1e3;
    case Unit::kT:
      return q * 1e3;
  }
  return q;
}

std::vector<const Party*> Order::AllParties() const {
  std::vector<const Party*> out;
  for (const Party* p : {&seller, &buyer, &consignee})
    if (!p->empty()) out.push_back(p);
  for (const auto& p : other_parties)
    if (!p.empty()) out.push_back(&p);
  if (!payment.payer.empty()) out.push_back(&payment.payer);
  return out;
}

namespace {

// Collects field problems; the first one's tag becomes the error's tag.
class Reader {
 public:
  void Fail(const std::string& path, const std::string& what, const char* tag) {
    if (errors_.size() < 5) errors_.push_back(path.empty() ? what : path + ": " + what);
    if (tag_.empty()) tag_ = tag;
  }
  bool failed() const { return !errors_.empty(); }
  Status ToStatus() const {
    std::string msg;
    for (const auto& e : errors_) msg += (msg.empty() ? "" : "; ") + e;
    return Status::InvalidArgument(msg, tag_);
  }

  // Optional string; numbers are accepted and printed (ids are often numeric).
  std::string Str(const nlohmann::json& obj, const char* key, const std::string& path,
                  bool required = false) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Fail(Join(path, key), "missing required field", "missing_field");
      return "";
    }
    if (it->is_string()) {
      std::string s = it->get<std::string>();
      if (required && s.find_first_not_of(" \t") == std::string::npos)
        Fail(Join(path, key), "must not be empty", "missing_field");
      return s;
    }
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_number()) return it->dump();
    Fail(Join(path, key), std::string("expected a string, got ") + it->type_name(), "bad_value");
    return "";
  }

  std::string Country(const nlohmann::json& obj, const char* key, const std::string& path,
                      bool required = false) {
    std::string c = Str(obj, key, path, required);
    if (c.empty()) return c;
    std::string u;
    for (char ch : c) u += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!IsCountry(u)) {
      Fail(Join(path, key),
           "unknown country '" + c + "' (expected an ISO 3166 alpha-2 code such as US, CN, HK, MX)",
           "unknown_country");
      return "";
    }
    return u;
  }

  std::vector<std::string> StrList(const nlohmann::json& obj, const char* key,
                                   const std::string& path) {
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return out;
    if (it->is_string()) {
      out.push_back(it->get<std::string>());
      return out;
    }
    if (!it->is_array()) {
      Fail(Join(path, key), std::string("expected an array of strings, got ") + it->type_name(),
           "bad_value");
      return out;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const auto& v = (*it)[i];
      if (v.is_string())
        out.push_back(v.get<std::string>());
      else
        Fail(Join(path, key) + "[" + std::to_string(i) + "]", "expected a string", "bad_value");
    }
    return out;
  }

  // Number, or a numeric string ("12.5"). `present` tells whether the field was there.
  double Num(const nlohmann::json& obj, const char* key, const std::string& path, bool required,
             bool* present = nullptr) {
    if (present) *present = false;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Fail(Join(path, key), "missing required field", "missing_field");
      return 0;
    }
    double v = 0;
    if (it->is_number()) {
      v = it->get<double>();
    } else if (it->is_string()) {
      const std::string s = it->get<std::string>();
      char* end = nullptr;
      v = std::strtod(s.c_str(), &end);
      if (s.empty() || end == s.c_str() || *end != '\0') {
        Fail(Join(path, key), "expected a number, got '" + s + "'", "bad_value");
        return 0;
      }
    } else {
      Fail(Join(path, key), std::string("expected a number, got ") + it->type_name(), "bad_value");
      return 0;
    }
    if (!std::isfinite(v) || v < 0) {
      Fail(Join(path, key), "must be a finite number >= 0", "bad_value");
      return 0;
    }
    if (present) *present = true;
    return v;
  }

  // REQUIRES: obj is an object. Returns nullptr (after reporting when required) otherwise.
  const nlohmann::json* Obj(const nlohmann::json& obj, const char* key, const std::string& path,
                            bool required = false) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Fail(Join(path, key), "missing required field", "missing_field");
      return nullptr;
    }
    if (!it->is_object()) {
      Fail(Join(path, key), std::string("expected an object, got ") + it->type_name(), "bad_value");
      return nullptr;
    }
    return &*it;
  }

  static std::string Join(const std::string& path, const char* key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::vector<std::string> errors_;
  std::string tag_;
};

void ReadParty(Reader& r, const nlohmann::json& j, const std::string& path, const std::string& role,
               Party& p, bool required_name) {
  p.role = role;
  p.name = r.Str(j, "name", path, required_name);
  p.country = r.Country(j, "country", path);
  p.address = r.Str(j, "address", path);
  p.type = Lower(r.Str(j, "type", path));
  if (!p.type.empty() && p.type != "entity" && p.type != "individual")
    r.Fail(path + ".type", "unknown party type '" + p.type + "' (expected entity or individual)",
           "bad_value");
  p.industry = r.Str(j, "industry", path);
  if (auto it = j.find("ids"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      r.Fail(path + ".ids", "expected an object of identifier: value", "bad_value");
    } else {
      for (const auto& [k, v] : it->items()) {
        if (v.is_string())
          p.ids[k] = v.get<std::string>();
        else if (v.is_number())
          p.ids[k] = v.is_number_integer() ? std::to_string(v.get<long long>()) : v.dump();
        else
          r.Fail(path + ".ids." + k, "expected a string", "bad_value");
      }
    }
  }
  p.emails = r.StrList(j, "emails", path);
  p.phones = r.StrList(j, "phones", path);
  p.website = r.Str(j, "website", path);
  if (auto it = j.find("licenses"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) {
      r.Fail(path + ".licenses", "expected an array of {type, number}", "bad_value");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const auto& l = (*it)[i];
        std::string lp = path + ".licenses[" + std::to_string(i) + "]";
        if (!l.is_object()) {
          r.Fail(lp, "expected an object {type, number}", "bad_value");
          continue;
        }
        p.licenses.push_back({r.Str(l, "type", lp), r.Str(l, "number", lp)});
      }
    }
  }
}

void ReadPartyField(Reader& r, const nlohmann::json& root, const char* key, Party& p,
                    bool required) {
  const nlohmann::json* j = r.Obj(root, key, "", required);
  if (j) ReadParty(r, *j, key, key, p, true);
}

std::string DigitsOnly(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  return out;
}

void ReadItem(Reader& r, const nlohmann::json& j, int index, Item& it) {
  std::string path = "items[" + std::to_string(index) + "]";
  it.index = index;
  if (!j.is_object()) {
    r.Fail(path, std::string("expected an object, got ") + j.type_name(), "bad_value");
    return;
  }
  bool chem = j.contains("substance") && !j["substance"].is_null();
  bool equip = j.contains("equipment") && !j["equipment"].is_null();
  if (chem == equip) {
    r.Fail(path,
           chem ? "has both 'substance' and 'equipment' (one item is one or the other)"
                : "missing required field 'substance' (a chemical) or 'equipment' (a machine)",
           "missing_field");
    return;
  }
  it.is_equipment = equip;
  it.description = r.Str(j, "description", path);
  it.packaging = r.Str(j, "packaging", path);
  if (chem) {
    it.substance = r.Str(j, "substance", path, true);
    it.quantity = r.Num(j, "quantity", path, true);
    std::string unit = r.Str(j, "unit", path, true);
    if (!unit.empty()) {
      auto u = ParseUnit(unit);
      if (!u)
        r.Fail(path + ".unit", "unknown unit '" + unit + "' (expected kg, g, mg, L, mL or t)",
               "unknown_unit");
      else
        it.unit = *u;
    }
    it.hs_code_raw = r.Str(j, "hs_code", path);
    it.hs_code = DigitsOnly(it.hs_code_raw);
    if (!it.hs_code_raw.empty() && it.hs_code.size() < 4)
      r.Fail(path + ".hs_code", "'" + it.hs_code_raw + "' is not an HS code (at least 4 digits)",
             "bad_value");
    it.concentration = r.Str(j, "concentration", path);
  } else {
    it.equipment = Lower(r.Str(j, "equipment", path, true));
    it.quantity = r.Num(j, "quantity", path, false);
    if (!j.contains("quantity")) it.quantity = 1;
    it.make = r.Str(j, "make", path);
    it.model = r.Str(j, "model", path);
    it.serial = r.Str(j, "serial", path);
  }
}

const std::set<std::string>& ShippingMethods() {
  static const std::set<std::string> k = {"courier", "post", "air",    "sea",
                                          "road",    "rail", "pickup", "multimodal"};
  return k;
}
const std::set<std::string>& PaymentMethods() {
  static const std::set<std::string> k = {"wire",           "card", "cash",  "virtual_currency",
                                          "money_transfer", "p2p",  "check", "credit",
                                          "escrow"};
  return k;
}

}  // namespace

namespace {

// One JSON object, or an error naming where the JSON breaks.
Result<nlohmann::json> ParseJsonObject(std::string_view text) {
  nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    // Re-parse with exceptions only to get the position and reason for the message.
    try {
      [[maybe_unused]] auto unused = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      std::string what = e.what();
      auto p = what.find("parse error");
      return Status::InvalidArgument(
          "invalid JSON: " + (p == std::string::npos ? what : what.substr(p)), "invalid_json");
    }
    return Status::InvalidArgument("invalid JSON", "invalid_json");
  }
  if (!root.is_object())
    return Status::InvalidArgument(
        std::string("expected one JSON object per line, got ") + root.type_name(), "invalid_json");
  return root;
}

void ReadOtherParties(Reader& r, const nlohmann::json& root, Order& o) {
  if (auto it = root.find("other_parties"); it != root.end() && !it->is_null()) {
    if (!it->is_array()) {
      r.Fail("other_parties", "expected an array of parties", "bad_value");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const auto& pj = (*it)[i];
        std::string path = "other_parties[" + std::to_string(i) + "]";
        if (!pj.is_object()) {
          r.Fail(path, "expected an object", "bad_value");
          continue;
        }
        Party p;
        std::string role = Lower(r.Str(pj, "role", path, true));
        ReadParty(r, pj, path, role, p, true);
        o.other_parties.push_back(std::move(p));
      }
    }
  }
}

void ReadItems(Reader& r, const nlohmann::json& root, Order& o) {
  if (auto it = root.find("items"); it == root.end() || it->is_null()) {
    r.Fail("items", "missing required field", "missing_field");
  } else if (!it->is_array() || it->empty()) {
    r.Fail("items", "expected a non-empty array of items", "missing_field");
  } else {
    o.items.resize(it->size());
    for (size_t i = 0; i < it->size(); ++i) ReadItem(r, (*it)[i], static_cast<int>(i), o.items[i]);
  }
}

// Origin and destination default to the seller's and the consignee's (else the buyer's) country.
void ReadRoute(Reader& r, const nlohmann::json& root, Order& o) {
  if (const nlohmann::json* j = r.Obj(root, "route", "")) {
    o.route.origin = r.Country(*j, "origin", "route");
    o.route.destination = r.Country(*j, "destination", "route");
    auto transit = r.StrList(*j, "transit", "route");
    for (size_t i = 0; i < transit.size(); ++i) {
      std::string c;
      for (char ch : transit[i])
        c += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (!IsCountry(c)) {
        r.Fail("route.transit[" + std::to_string(i) + "]",
               "unknown country '" + transit[i] +
                   "' (expected an ISO 3166 alpha-2 code such as US, CN, HK, MX)",
               "unknown_country");
        continue;
      }
      o.route.transit.push_back(c);
    }
  }
  if (o.route.origin.empty()) o.route.origin = o.seller.country;
  if (o.route.destination.empty())
    o.route.destination =
        o.consignee.empty() || o.consignee.country.empty() ? o.buyer.country : o.consignee.country;
}

void ReadShipping(Reader& r, const nlohmann::json& root, Order& o) {
  if (const nlohmann::json* j = r.Obj(root, "shipping", "")) {
    o.shipping.method = Lower(r.Str(*j, "method", "shipping"));
    o.shipping.declared_as = r.Str(*j, "declared_as", "shipping");
    if (!o.shipping.method.empty() && !ShippingMethods().count(o.shipping.method))
      r.Fail("shipping.method",
             "unknown method '" + o.shipping.method +
                 "' (expected courier, post, air, sea, road, rail, pickup or multimodal)",
             "bad_value");
  }
}

void ReadPayment(Reader& r, const nlohmann::json& root, Order& o) {
  if (const nlohmann::json* j = r.Obj(root, "payment", "")) {
    o.payment.method = Lower(r.Str(*j, "method", "payment"));
    if (!o.payment.method.empty() && !PaymentMethods().count(o.payment.method))
      r.Fail("payment.method",
             "unknown method '" + o.payment.method +
                 "' (expected wire, card, cash, virtual_currency, money_transfer, p2p, check, "
                 "credit or escrow)",
             "bad_value");
    o.payment.amount = r.Num(*j, "amount", "payment", false, &o.payment.has_amount);
    o.payment.currency = r.Str(*j, "currency", "payment");
    for (auto& c : o.payment.currency)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    o.payment.note = r.Str(*j, "note", "payment");
    if (const nlohmann::json* pj = r.Obj(*j, "payer", "payment"))
      ReadParty(r, *pj, "payment.payer", "payer", o.payment.payer, true);
  }
}

void ReadDocuments(Reader& r, const nlohmann::json& root, Order& o) {
  if (const nlohmann::json* j = r.Obj(root, "documents", "")) {
    o.documents.export_authorization = r.Str(*j, "export_authorization", "documents");
    o.documents.import_permit = r.Str(*j, "import_permit", "documents");
    o.documents.pen_reference = r.Str(*j, "pen_reference", "documents");
  }
}

}  // namespace

Result<Order> ParseOrder(std::string_view text) {
  CP_ASSIGN_OR_RETURN(nlohmann::json root, ParseJsonObject(text));
  Reader r;
  Order o;
  o.id = r.Str(root, "id", "", true);
  o.date_text = r.Str(root, "date", "", true);
  if (!o.date_text.empty()) {
    auto d = Date::Parse(o.date_text);
    if (!d.ok())
      r.Fail("date", d.status().message(), "bad_date");
    else
      o.date = *d;
  }
  o.channel = r.Str(root, "channel", "");
  ReadPartyField(r, root, "seller", o.seller, true);
  ReadPartyField(r, root, "buyer", o.buyer, true);
  ReadPartyField(r, root, "consignee", o.consignee, false);
  ReadOtherParties(r, root, o);
  ReadItems(r, root, o);
  ReadRoute(r, root, o);
  ReadShipping(r, root, o);
  ReadPayment(r, root, o);
  ReadDocuments(r, root, o);
  if (r.failed()) return r.ToStatus();
  return o;
}

namespace {
std::string AlnumWords(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(c));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}
}  // namespace

std::string PartyKey(const Party& p) {
  if (auto it = p.ids.find("customer_id"); it != p.ids.end() && !it->second.empty())
    return "id:" + it->second;
  return AlnumWords(p.name) + "|" + p.country;
}

std::string NormalizeAddress(std::string_view a) { return AlnumWords(a); }

}  // namespace chokepoint::orders
