// Customer history: the facts of already decided orders that the size, frequency, pattern,
// shared-contact and payer rules compare a new order with.
//
// The History lives in memory during a run. It is rebuilt from the store when a run starts
// and appended to in input order as each order is decided, in the same transaction that
// stores the decision (store/order_store.h), so a re-run after a crash sees exactly the
// history an uninterrupted run would have seen.
//
// Queries take the order's day and only return facts dated on or before it, so screening an
// old order again (--rescreen) does not compare it with its own future.
// Not thread-safe: the caller serializes Add() and the queries.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "orders/evaluation.h"
#include "orders/order.h"
#include "util/date.h"

namespace chokepoint::orders {

// Days since 1970-01-01 (proleptic Gregorian).
int DayNumber(const Date& d);
Date FromDayNumber(int day);

struct OrderFacts {
  std::string order_id;
  std::string customer;  //!< PartyKey(buyer)
  int day = 0;
  std::string peer_group;  //!< buyer industry class (IndustryClass) — the peer group
  std::string destination;
  std::string seller;  //!< PartyKey(seller)
  std::string seller_country;
  std::string payer;       //!< PartyKey(payer) when a third party pays, else ""
  std::string payer_type;  //!< "entity" | "individual" | ""
  struct Line {
    std::string substance;  //!< canonical SMILES when identified, else the lower-cased input
    double kg = 0;
    bool regulated = false;
  };
  std::vector<Line> lines;  //!< chemical items only
  struct Contact {
    std::string kind;   //!< "email", "phone", "address"
    std::string value;  //!< normalized
  };
  std::vector<Contact> contacts;  //!< buyer's and consignee's
};

// Industry class of a free-text industry field: "chemical", "pharma", "lab" (research,
// university, hospital, clinic), "distribution" (chemical distributor, trading of chemicals),
// "other" (anything else), or "unknown" (empty).
std::string IndustryClass(const std::string& industry);
// True for classes that plausibly buy precursors: chemical, pharma, lab, distribution.
bool IsChemicalIndustry(const std::string& industry_class);

// Substance key used in history: canonical SMILES when identified, else the lower-cased input.
std::string SubstanceKey(const Item& item, const ItemResult& result);

OrderFacts ExtractFacts(const Order& order, const Evaluation& eval);

class History {
 public:
  void Add(OrderFacts facts);
  // Forgets an order (used before screening it again with --rescreen). Returns false if unknown.
  bool Remove(const std::string& order_id);
  bool Contains(const std::string& order_id) const { return by_id_.count(order_id) > 0; }
  size_t size() const { return by_id_.size(); }

  // The customer's orders dated on or before `day`, oldest first, excluding `except_id`.
  std::vector<const OrderFacts*> CustomerOrders(const std::string& customer, int day,
                                                const std::string& except_id = "") const;
  // Up to `max` most recent quantities (kg) of `substance` bought by the peer group on or
  // before `day`, excluding `except_customer`'s own purchases.
  std::vector<double> PeerQuantities(const std::string& group, const std::string& substance,
                                     int day, const std::string& except_customer, size_t max) const;
  // Customers other than `customer` that used this contact on or before `day`, sorted.
  std::vector<std::string> ContactOwners(const std::string& kind, const std::string& value, int day,
                                         const std::string& customer) const;
  // Distinct customers a third-party payer paid for on or before `day`, sorted.
  std::vector<std::string> PayerCustomers(const std::string& payer, int day) const;
  // Distinct individual third-party payers that paid `seller` within [day - window + 1, day],
  // sorted.
  std::vector<std::string> SellerIndividualPayers(const std::string& seller, int day,
                                                  int window) const;

 private:
  std::deque<OrderFacts> facts_;  // stable addresses; removed entries have empty order_id
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>>
      by_customer_;  // sorted by day, then insertion
  struct PeerEntry {
    size_t fact;
    int day;
    int customer;  // interned
    double kg;
  };
  int Intern(const std::string& customer);
  std::unordered_map<std::string, int> customer_ids_;
  std::unordered_map<std::string, std::vector<PeerEntry>> by_peer_;  // group|substance
  std::unordered_map<std::string, std::vector<size_t>> by_contact_;  // kind|value
  std::unordered_map<std::string, std::vector<size_t>> by_payer_;
  std::unordered_map<std::string, std::vector<size_t>> by_seller_;
};

}  // namespace chokepoint::orders
