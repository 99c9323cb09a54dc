// The order / shipment model (docs/orders.md, docs/order.schema.json) and its JSON reader.
//
// One JSON object per order. Unknown fields are allowed and ignored (they stay in the raw text
// the store keeps). Parsing is strict about what the rules rely on: required fields, ISO 3166
// country codes, known units, payment and shipping methods, and YYYY-MM-DD dates; every
// problem is reported with the JSON path of the field ("items[2].unit: unknown unit 'lb' …").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.h"
#include "util/status.h"

namespace chokepoint::orders {

struct License {
  std::string type;  //!< e.g. "dea_registration", "import_license", "cofepris"
  std::string number;
};

struct Party {
  std::string role;  //!< "seller", "buyer", "consignee", "payer", "freight_forwarder", "broker",
                     //!< "notify", …
  std::string name;
  std::string country;  //!< ISO 3166 alpha-2, upper case; may be empty when unknown
  std::string address;
  std::string type;  //!< "entity" | "individual" | "" (unknown)
  std::string industry;
  std::map<std::string, std::string> ids;  //!< e.g. {"tax_id": "…", "customer_id": "…"}
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::string website;
  std::vector<License> licenses;

  bool empty() const { return name.empty(); }
};

enum class Unit { kKg, kG, kMg, kL, kML, kT };
// "kg", "g", "mg", "L", "mL", "t".
const char* UnitName(Unit u);
// Accepts the names above case-insensitively ("ml", "KG").
std::optional<Unit> ParseUnit(std::string_view s);
// Quantity in kilograms. Volumes count as 1 kg per litre (documented approximation used only
// for size statistics; the report keeps the declared quantity and unit).
double ToKilograms(double quantity, Unit unit);

struct Item {
  int index = 0;  //!< 0-based position in `items`
  bool is_equipment = false;
  // Chemical.
  std::string substance;  //!< SMILES, CAS number or name, as given
  std::string description;
  double quantity = 0;
  Unit unit = Unit::kKg;
  std::string hs_code;        //!< digits only ("2933.33" -> "293333")
  std::string hs_code_raw;    //!< as given
  std::string concentration;  //!< as given ("99%", "0.5")
  // Equipment.
  std::string equipment;  //!< "tablet_press", "encapsulator", "die_mold", …
  std::string make;
  std::string model;
  std::string serial;
  std::string packaging;  //!< optional: "25 kg fibre drum"

  double kilograms() const { return is_equipment ? 0 : ToKilograms(quantity, unit); }
};

struct Route {
  std::string origin;
  std::string destination;
  std::vector<std::string> transit;
};

struct Shipping {
  std::string method;       //!< "courier", "post", "air", "sea", "road", "rail", "pickup" or ""
  std::string declared_as;  //!< what the waybill says
};

struct Payment {
  std::string method;  //!< "wire", "card", "cash", "virtual_currency", "money_transfer", "p2p",
                       //!< "check", "credit" or ""
  double amount = 0;
  bool has_amount = false;
  std::string currency;  //!< ISO 4217, upper case
  Party payer;           //!< empty when the buyer pays
  std::string note;      //!< payment reference / memo text
};

struct Documents {
  std::string export_authorization;
  std::string import_permit;
  std::string pen_reference;  //!< PEN Online pre-export notification reference
};

struct Order {
  std::string id;
  std::string date_text;
  Date date;
  Party seller;
  Party buyer;
  Party consignee;                   //!< empty when the buyer receives the goods
  std::vector<Party> other_parties;  //!< each with its role
  std::vector<Item> items;
  Route route;
  Shipping shipping;
  Payment payment;
  Documents documents;
  std::string channel;  //!< optional: "web", "marketplace", "phone", "edi" …

  // True when origin and destination are different countries.
  bool international() const {
    return !route.origin.empty() && !route.destination.empty() && route.origin != route.destination;
  }
  // Every named party with its role: seller, buyer, consignee, others, then the payer.
  std::vector<const Party*> AllParties() const;
};

// Parses one order. Errors are InvalidArgument with tag "invalid_json", "missing_field",
// "unknown_unit", "unknown_country", "bad_date", "bad_value" and a message naming the field.
Result<Order> ParseOrder(std::string_view json_text);

// Case-folded, punctuation-free key of a party name + country: how the history recognises
// the same customer across orders ("ACME Chem Co., Ltd." in MX -> "acme chem co ltd|MX"),
// unless the party carries ids.customer_id, which wins.
std::string PartyKey(const Party& p);

// An address reduced for cross-customer matching (phones and emails: util/contact.h).
std::string NormalizeAddress(std::string_view a);

}  // namespace chokepoint::orders
