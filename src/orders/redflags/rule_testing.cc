#include "orders/redflags/rule_testing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chokepoint::orders::testing {

namespace {
const char* kBase = R"({
  "id": "T-1", "date": "2025-03-03",
  "seller": {"name": "Gulf Coast Chemicals Inc", "country": "US", "address": "1200 Industrial Blvd, Houston TX",
             "type": "entity", "industry": "chemical manufacturing", "website": "https://gulfcoastchem.example",
             "emails": ["sales@gulfcoastchem.example"], "phones": ["+1 713 555 0100"]},
  "buyer": {"name": "Prairie Lab Supply LLC", "country": "US", "address": "45 Science Park Dr, Lincoln NE",
            "type": "entity", "industry": "chemical distribution", "website": "https://prairielab.example",
            "emails": ["orders@prairielab.example"], "phones": ["+1 402 555 0199"],
            "licenses": [{"type": "dea_registration", "number": "RP0000001"}]},
  "items": [{"substance": "acetone", "description": "acetone, ACS reagent", "quantity": 25, "unit": "kg",
             "hs_code": "2914.11"}],
  "route": {"origin": "US", "destination": "US"},
  "shipping": {"method": "road", "declared_as": "acetone"},
  "payment": {"method": "wire", "amount": 400, "currency": "USD"},
  "documents": {"export_authorization": "", "import_permit": "", "pen_reference": ""}
})";
}  // namespace

Order MakeOrder(const std::string& patch) {
  nlohmann::json j = nlohmann::json::parse(kBase);
  nlohmann::json p = nlohmann::json::parse(patch);
  // Items merge element by element onto the base chemical (equipment starts empty), so a
  // test can say {"items": [{"quantity": 400}]}.
  if (p.contains("items") && p["items"].is_array()) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& it : p["items"]) {
      nlohmann::json x = it.contains("equipment") ? nlohmann::json::object() : j["items"][0];
      x.merge_patch(it);
      items.push_back(x);
    }
    p.erase("items");
    j["items"] = items;
  }
  j.merge_patch(p);
  auto o = ParseOrder(j.dump());
  EXPECT_TRUE(o.ok()) << o.status().message();
  return o.ok() ? *o : Order{};
}

Evaluation MakeEval(const Order& o, const std::vector<rules::Category>& categories) {
  Evaluation e;
  for (size_t i = 0; i < o.items.size(); ++i) {
    const Item& it = o.items[i];
    ItemResult r;
    r.index = static_cast<int>(i);
    if (it.is_equipment) {
      r.equipment = true;
      r.verdict = "equipment";
      e.items.push_back(r);
      continue;
    }
    r.identified = true;
    r.name = it.substance;
    r.smiles = "smiles:" + it.substance;
    r.kg = it.kilograms();
    rules::Category c = i < categories.size() ? categories[i] : rules::Category::kNone;
    r.worst = c;
    r.verdict = c == rules::Category::kDrug        ? "controlled"
                : c == rules::Category::kPrecursor ? "precursor"
                                                   : "clear";
    for (const auto& [country, role] :
         {std::pair{o.route.origin, "origin"}, {o.route.destination, "destination"}}) {
      Reading rd;
      rd.country = country;
      rd.role = role;
      rd.rulebook = "US";
      rd.strictest = country != "US";
      rd.status.category = c;
      if (c != rules::Category::kNone) {
        rd.status.listing = c == rules::Category::kDrug ? "Schedule II" : "List I";
        rd.status.basis = "entry";
        rd.status.rule = "us.test." + it.substance;
        rd.status.citation = "21 CFR 1310.02(a)";
        rd.status.effective = "2020-01-01";
      }
      r.readings.push_back(rd);
    }
    e.items.push_back(r);
  }
  for (const Party* p : o.AllParties()) {
    PartyResult pr;
    pr.role = p->role;
    pr.party = *p;
    e.parties.push_back(pr);
  }
  return e;
}

std::vector<Reason> RunRule(const std::string& id, const Order& o, const Evaluation& e,
                            const History* h, const RuleParams& params) {
  const Rule* rule = FindRule(id);
  EXPECT_NE(rule, nullptr) << id;
  if (!rule) return {};
  RuleParams p = rule->info().defaults;
  for (const auto& [k, v] : params) {
    EXPECT_TRUE(p.count(k)) << k;
    p[k] = v;
  }
  History empty;
  RuleContext ctx{o, e, h ? h : &empty, p, DayNumber(o.date)};
  std::vector<Reason> out;
  rule->Evaluate(ctx, out);
  for (const auto& r : out) {
    EXPECT_EQ(r.rule, id);
    EXPECT_FALSE(r.source.empty());
    EXPECT_FALSE(r.explanation.empty());
  }
  return out;
}

void Remember(History& h, const Order& o, const std::vector<rules::Category>& categories) {
  h.Add(ExtractFacts(o, MakeEval(o, categories)));
}

}  // namespace chokepoint::orders::testing
