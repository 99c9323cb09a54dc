#include "order_gen.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace chokepoint::bench {
namespace {

using Json = nlohmann::ordered_json;

struct Substance {
  const char* input;  // as a customer would order it (name, CAS or SMILES)
  const char* hs;
  double typical_kg;
};

// Listed chemicals (by name, CAS and SMILES) and common unlisted solvents and reagents.
const Substance kSubstances[] = {
    {"acetone", "2914.11", 200},          {"toluene", "2902.30", 300},
    {"OC1(O)CCNCC1.Cl", "2933.39", 20},   {"50-98-6", "2939.41", 5},
    {"phenylacetic acid", "2916.34", 25}, {"acetic anhydride", "2915.24", 150},
    {"ethanol", "2207.10", 400},          {"methanol", "2905.11", 300},
    {"isopropanol", "2905.12", 250},      {"ethyl acetate", "2915.31", 150},
    {"citric acid", "2918.14", 100},      {"1-boc-4-piperidone", "2933.39", 5},
};
const char* kCountries[] = {"US", "US", "US", "US", "US", "MX", "MX",
                            "CA", "DE", "IN", "CN", "HK", "BR", "GB"};
const char* kIndustries[] = {"chemical distribution",
                             "pharmaceutical manufacturing",
                             "laboratory supply",
                             "university research",
                             "paint and coatings",
                             "fragrance laboratory",
                             "cosmetics",
                             "agrochemicals",
                             "auto parts trading",
                             ""};
const char* kWords[] = {"Atlas",  "Summit",   "Pioneer", "Harbor",   "Cedar",  "Granite",
                        "Aurora", "Meridian", "Falcon",  "Sierra",   "Orion",  "Vertex",
                        "Delta",  "Lumen",    "Nova",    "Crescent", "Boreal", "Cobalt"};
const char* kForms[] = {"Inc", "LLC", "Corp", "SA de CV", "GmbH", "Ltd", "Co Ltd"};

struct Customer {
  Json party;
  std::vector<int> substances;
  std::vector<double> scale;
  std::string country;
};

Json Party(std::mt19937_64& rng, size_t i, const std::string& country, const std::string& industry,
           bool seller) {
  std::string name = std::string(kWords[i % 18]) + " " + kWords[(i / 18) % 18] + " " +
                     (seller ? "Chemicals" : (industry.empty() ? "Trading" : "Supply")) + " " +
                     std::to_string(i) + " " + kForms[(i / 7) % 7];
  Json p;
  p["name"] = name;
  p["country"] = country;
  p["address"] = std::to_string(100 + i % 900) + " " + kWords[(i + 5) % 18] + " Street, Unit " +
                 std::to_string(i);
  p["type"] = "entity";
  if (!industry.empty()) p["industry"] = industry;
  std::string dom = std::string(kWords[i % 18]) + std::to_string(i) + ".example";
  for (auto& c : dom) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  p["website"] = "https://" + dom;
  p["emails"] = {"orders@" + dom};
  char phone[32];
  std::snprintf(phone, sizeof phone, "+1 555 %03zu %04zu", i % 1000, (i * 7919) % 10000);
  p["phones"] = {phone};
  if (rng() % 5)
    p["licenses"] =
        Json::array({{{"type", "registration"}, {"number", "R" + std::to_string(100000 + i)}}});
  p["ids"] = {{"customer_id", (seller ? "S" : "C") + std::to_string(i)}};
  return p;
}

}  // namespace

void GenerateOrders(const OrderGenOptions& o, std::ostream& out) {
  std::mt19937_64 rng(o.seed);
  auto uniform = [&](double a, double b) {
    return std::uniform_real_distribution<double>(a, b)(rng);
  };
  size_t ncust = o.customers ? o.customers : std::max<size_t>(10, o.orders / 40);
  std::vector<Json> sellers;
  for (size_t i = 0; i < 20; ++i)
    sellers.push_back(
        Party(rng, i, i < 14 ? "US" : (i < 17 ? "CN" : "DE"), "chemical manufacturing", true));
  std::vector<Customer> customers;
  for (size_t i = 0; i < ncust; ++i) {
    Customer c;
    c.country = kCountries[rng() % 14];
    c.party = Party(rng, 1000 + i, c.country, kIndustries[rng() % 10], false);
    size_t k = 2 + rng() % 3;
    for (size_t j = 0; j < k; ++j) {
      c.substances.push_back(static_cast<int>(rng() % 12));
      c.scale.push_back(uniform(0.3, 2.0));
    }
    customers.push_back(std::move(c));
  }
  const int days = 365;
  for (size_t n = 0; n < o.orders; ++n) {
    int day = static_cast<int>(n * days / o.orders);
    int month = 1, d = day + 1;
    static const int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    while (month <= 12 && d > kLen[month - 1]) d -= kLen[month++ - 1];
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", o.year, std::min(month, 12), d);
    Customer& c = customers[rng() % ncust];
    const Json& seller = sellers[rng() % sellers.size()];
    bool anomaly = uniform(0, 1) < o.anomaly_rate;
    Json j;
    j["id"] = "GEN-" + std::to_string(o.seed) + "-" + std::to_string(n + 1);
    j["date"] = date;
    j["seller"] = seller;
    j["buyer"] = c.party;
    Json items = Json::array();
    size_t nitems = 1 + rng() % 5;  // 1..5, mean 3
    double total = 0;
    for (size_t i = 0; i < nitems; ++i) {
      size_t pick = rng() % c.substances.size();
      const Substance& s = kSubstances[c.substances[pick]];
      double kg = s.typical_kg * c.scale[pick] * uniform(0.8, 1.25);
      if (anomaly && i == 0 && rng() % 2) kg *= 20;
      kg = std::round(kg * 10) / 10;
      total += kg * 12;
      items.push_back({{"substance", s.input},
                       {"quantity", kg},
                       {"unit", "kg"},
                       {"hs_code", s.hs},
                       {"description", std::string(s.input) + ", technical grade"}});
    }
    if (anomaly && rng() % 6 == 0)
      items.push_back({{"equipment", "tablet_press"},
                       {"quantity", 1},
                       {"make", "Generic"},
                       {"model", "TDP-5"}});
    j["items"] = items;
    std::string origin = seller["country"];
    j["route"] = {{"origin", origin}, {"destination", c.country}};
    j["shipping"] = {{"method", origin == c.country ? "road" : (rng() % 3 ? "sea" : "air")},
                     {"declared_as", "chemicals"}};
    Json pay = {{"method", "wire"}, {"amount", std::round(total)}, {"currency", "USD"}};
    if (anomaly) {
      int kind = static_cast<int>(rng() % 3);
      if (kind == 0) pay["method"] = "virtual_currency";
      if (kind == 1)
        pay["payer"] = {{"name", "Remesas Express " + std::to_string(rng() % 5)},
                        {"country", "MX"},
                        {"type", "entity"}};
      if (kind == 2) pay["method"] = "cash", pay["amount"] = 9500;
    }
    j["payment"] = pay;
    if (origin != c.country && rng() % 4)
      j["documents"] = {{"export_authorization", "EXP-" + std::to_string(n)},
                        {"import_permit", "IMP-" + std::to_string(n)},
                        {"pen_reference", "PEN-" + std::to_string(n)}};
    out << j.dump() << "\n";
  }
}

}  // namespace chokepoint::bench
