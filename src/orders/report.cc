#include "orders/report.h"

#include <sstream>

#include "orders/history.h"
#include "orders/order.h"
#include "util/country.h"

namespace chokepoint::orders {

namespace {

Json PartyRecord(const Party& p) {
  Json j;
  j["role"] = p.role;
  j["name"] = p.name;
  j["address"] = p.address;
  j["country"] = p.country;
  j["type"] = p.type;
  Json regs = Json::array();
  for (const auto& l : p.licenses) regs.push_back({{"type", l.type}, {"number", l.number}});
  j["registrations"] = regs;
  Json ids = Json::array();
  for (const auto& [k, v] : p.ids) ids.push_back({{"type", k}, {"number", v}});
  j["identification"] = ids;
  j["emails"] = p.emails;
  j["phones"] = p.phones;
  return j;
}

std::string Cell(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|')
      o += "\\|";
    else if (c == '\n')
      o += ' ';
    else
      o += c;
  }
  return o.empty() ? "—" : o;
}

std::string Str(const Json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

}  // namespace

namespace {

// One item of the report: the equipment's identification, or the chemical with its listings
// as the decision read them (`di`: the decision's record of the item).
Json ItemRecord(size_t i, const Item& it, const Json& di) {
  Json x;
  x["item"] = i + 1;
  if (it.is_equipment) {
    x["kind"] = "equipment";
    x["equipment"] = it.equipment;
    x["description"] = it.description;
    x["quantity"] = it.quantity;
    x["make"] = it.make;
    x["model"] = it.model;
    x["serial"] = it.serial;
  } else {
    x["kind"] = "chemical";
    std::string name = Str(di, "name");
    x["chemical_name"] = name.empty() ? it.substance : name;
    x["as_ordered"] = it.substance;
    x["description"] = it.description;
    x["quantity"] = it.quantity;
    x["unit"] = UnitName(it.unit);
    x["packaging"] = it.packaging;
    x["concentration"] = it.concentration;
    x["hs_code"] = it.hs_code_raw;
    x["category"] = Str(di, "category");
    Json listings = Json::array();
    if (di.contains("status"))
      for (const auto& [country, st] : di["status"].items())
        if (Str(st, "category") != "none")
          listings.push_back({{"country", country},
                              {"reading", Str(st, "reading")},
                              {"rulebook", Str(st, "rulebook")},
                              {"listing", Str(st, "listing")},
                              {"citation", Str(st, "citation")}});
    x["listings"] = listings;
  }
  return x;
}

// 1310.06(a) fields the order does not carry: the report says so instead of inventing them.
Json MissingRecordFields(const Order& o) {
  Json missing = Json::array();
  for (const Party* p : o.AllParties())
    if (p->address.empty()) missing.push_back(p->role + " address");
  if (o.buyer.ids.empty()) missing.push_back("purchaser identification (type and number)");
  if (o.shipping.method.empty()) missing.push_back("method of transfer");
  for (const Item& it : o.items) {
    std::string n = "item " + std::to_string(it.index + 1);
    if (it.is_equipment) {
      if (it.make.empty()) missing.push_back(n + " make");
      if (it.model.empty()) missing.push_back(n + " model");
      if (it.serial.empty()) missing.push_back(n + " serial number");
    } else if (it.packaging.empty() && it.description.empty()) {
      missing.push_back(n + " form of packaging");
    }
  }
  return missing;
}

}  // namespace

Result<Json> BuildReport(const ReportInput& in) {
  auto order = ParseOrder(in.order_raw);
  if (!order.ok())
    return Status::Corruption("stored order does not parse: " + order.status().message());
  Json d = Json::parse(in.decision_output, nullptr, false);
  if (d.is_discarded()) return Status::Corruption("stored decision is not JSON");
  const Order& o = *order;
  Json r;
  r["report"] = "suspicious_order";
  r["regulation"] =
      "21 CFR 1310.05(a)(1) (report of a regulated transaction involving an extraordinary "
      "quantity, an uncommon "
      "method of payment or delivery, or any other circumstance indicating diversion); record "
      "content per 21 CFR "
      "1310.06(a); suspicious orders per 21 CFR 1301.74(b)";
  r["order_id"] = o.id;
  r["transaction_date"] = o.date_text;
  r["decision"] = d.value("decision", "");
  r["score"] = d.value("score", 0.0);
  r["policy"] = in.policy;
  Json filing;
  filing["aware_date"] = in.aware.ToString();
  filing["oral_report"] =
      "at the earliest practicable opportunity after becoming aware (21 CFR 1310.05(b))";
  filing["written_report_due"] = FromDayNumber(DayNumber(in.aware) + 15).ToString();
  filing["to"] = "the DEA Diversion Field Office for the area of the regulated person";
  r["filing"] = filing;

  Json parties = Json::array();
  for (const Party* p : o.AllParties()) parties.push_back(PartyRecord(*p));
  r["parties"] = parties;
  Json purchaser = Json::array();
  for (const auto& [k, v] : o.buyer.ids) purchaser.push_back({{"type", k}, {"number", v}});
  r["purchaser_identification"] = purchaser;

  Json items = Json::array();
  const Json& ditems = d.contains("items") ? d["items"] : Json::array();
  for (size_t i = 0; i < o.items.size(); ++i)
    items.push_back(ItemRecord(i, o.items[i], i < ditems.size() ? ditems[i] : Json::object()));
  r["items"] = items;
  Json transfer;
  transfer["method"] = o.shipping.method;
  transfer["declared_as"] = o.shipping.declared_as;
  transfer["origin"] = o.route.origin;
  transfer["destination"] = o.route.destination;
  transfer["transit"] = o.route.transit;
  r["method_of_transfer"] = transfer;
  Json pay;
  pay["method"] = o.payment.method;
  pay["amount"] = o.payment.has_amount ? Json(o.payment.amount) : Json(nullptr);
  pay["currency"] = o.payment.currency;
  pay["payer"] = o.payment.payer.empty() ? Json(nullptr) : PartyRecord(o.payment.payer);
  r["payment"] = pay;
  r["documents"] = {{"export_authorization", o.documents.export_authorization},
                    {"import_permit", o.documents.import_permit},
                    {"pen_reference", o.documents.pen_reference}};
  r["reasons"] = d.contains("reasons") ? d["reasons"] : Json::array();

  r["missing_record_fields"] = MissingRecordFields(o);
  return r;
}

std::string ReportMarkdown(const Json& r) {
  std::ostringstream m;
  m << "# Suspicious order report: " << Str(r, "order_id") << "\n\n";
  m << "- **Transaction date:** " << Str(r, "transaction_date") << "\n";
  m << "- **Decision:** " << Str(r, "decision") << " (score " << Str(r, "score") << ", policy "
    << Str(r, "policy") << ")\n";
  const Json& f = r["filing"];
  m << "- **Aware since:** " << Str(f, "aware_date") << "; oral report " << Str(f, "oral_report")
    << "; written report due **" << Str(f, "written_report_due") << "** to " << Str(f, "to")
    << "\n";
  m << "- **Legal basis:** " << Str(r, "regulation") << "\n\n";

  m << "## Reasons (most severe first)\n\n| # | Severity | Rule | Source | Explanation "
       "|\n|---|---|---|---|---|\n";
  int n = 0;
  for (const auto& x : r["reasons"])
    m << "| " << ++n << " | " << Str(x, "severity") << " | " << Str(x, "rule") << " | "
      << Cell(Str(x, "source")) << " | " << Cell(Str(x, "explanation")) << " |\n";
  if (n == 0) m << "| — | — | — | — | no reasons |\n";

  m << "\n## Parties (21 CFR 1310.06(a): name, address, registration)\n\n| Role | Name | Address | "
       "Country | Registrations | Identification |\n"
       "|---|---|---|---|---|---|\n";
  for (const auto& p : r["parties"]) {
    std::string regs, ids;
    for (const auto& x : p["registrations"])
      regs += (regs.empty() ? "" : "; ") + Str(x, "type") + " " + Str(x, "number");
    for (const auto& x : p["identification"])
      ids += (ids.empty() ? "" : "; ") + Str(x, "type") + " " + Str(x, "number");
    const char* cn = CountryName(Str(p, "country"));
    m << "| " << Str(p, "role") << " | " << Cell(Str(p, "name")) << " | " << Cell(Str(p, "address"))
      << " | " << Cell(cn ? Str(p, "country") + " (" + cn + ")" : Str(p, "country")) << " | "
      << Cell(regs) << " | " << Cell(ids) << " |\n";
  }
  std::string pid;
  for (const auto& x : r["purchaser_identification"])
    pid += (pid.empty() ? "" : "; ") + Str(x, "type") + " " + Str(x, "number");
  m << "\n**Purchaser identification (type and number, 21 CFR 1310.06(a)):** "
    << (pid.empty() ? "none on the order" : pid) << "\n";

  m << "\n## Items (21 CFR 1310.06(a): chemical, quantity, packaging; machine make, model, "
       "serial)\n\n| # | Chemical or machine | Quantity | Packaging / make, model, serial | "
       "Listings |\n|---|---|---|---|---|\n";
  for (const auto& it : r["items"]) {
    if (Str(it, "kind") == "equipment") {
      m << "| " << Str(it, "item") << " | "
        << Cell(Str(it, "equipment") + " " + Str(it, "description")) << " | " << Str(it, "quantity")
        << " unit(s) | "
        << Cell(Str(it, "make") + " " + Str(it, "model") + ", serial " +
                (Str(it, "serial").empty() ? "not given" : Str(it, "serial")))
        << " | — |\n";
      continue;
    }
    std::string listings;
    for (const auto& l : it["listings"])
      listings +=
          (listings.empty() ? "" : "; ") + Str(l, "country") + ": " + Str(l, "listing") +
          (Str(l, "reading") == "strictest" ? " (strictest reading, " + Str(l, "rulebook") + ")"
                                            : "") +
          " — " + Str(l, "citation");
    std::string pack = Str(it, "packaging");
    if (pack.empty()) pack = Str(it, "description");
    if (!Str(it, "concentration").empty()) pack += ", concentration " + Str(it, "concentration");
    m << "| " << Str(it, "item") << " | "
      << Cell(Str(it, "chemical_name") + " (as ordered: " + Str(it, "as_ordered") + ")") << " | "
      << Str(it, "quantity") << " " << Str(it, "unit") << " | " << Cell(pack) << " | "
      << Cell(listings) << " |\n";
  }
  const Json& t = r["method_of_transfer"];
  std::string transit;
  for (const auto& x : t["transit"]) transit += " via " + x.get<std::string>();
  m << "\n## Method of transfer (21 CFR 1310.06(a))\n\n"
    << Cell(Str(t, "method")) << ", " << Str(t, "origin") << " -> " << Str(t, "destination")
    << transit << "; declared as: " << Cell(Str(t, "declared_as")) << "\n";
  const Json& p = r["payment"];
  m << "\n## Payment\n\n"
    << Cell(Str(p, "method")) << " " << Str(p, "amount") << " " << Str(p, "currency");
  if (!p["payer"].is_null())
    m << "; paid by " << Str(p["payer"], "name") << " (" << Str(p["payer"], "country") << ")";
  const Json& d = r["documents"];
  m << "\n\n## Documents\n\n- Export authorization: " << Cell(Str(d, "export_authorization"))
    << "\n- Import permit: " << Cell(Str(d, "import_permit"))
    << "\n- Pre-export notification (PEN): " << Cell(Str(d, "pen_reference")) << "\n";
  m << "\n## Record fields missing from the order\n\n";
  if (r["missing_record_fields"].empty()) m << "None.\n";
  for (const auto& x : r["missing_record_fields"]) m << "- " << x.get<std::string>() << "\n";
  return m.str();
}

}  // namespace chokepoint::orders
