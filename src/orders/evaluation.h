// What the order screener knows about one order before the red-flag rules run: each item's
// status per route country (through the classify engine) and each party's list hits.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/engine.h"
#include "orders/order.h"
#include "orders/party_check.h"

namespace chokepoint::orders {

// The law of one route country applied to an item.
struct Reading {
  std::string country;     //!< ISO code of the route country, or "UN" for the treaty baseline
  std::string role;        //!< "origin", "destination", "transit", "international"
  std::string rulebook;    //!< jurisdiction whose rulebook was read ("US"); for a strictest
                           //!< reading, the rulebook the most severe status came from
  bool strictest = false;  //!< no rulebook for this country: the most severe loaded status
  classify::JurisdictionStatus status;
};

struct ItemResult {
  int index = 0;
  bool equipment = false;
  bool identified = false;  //!< chemicals: the engine resolved the substance
  std::string error_code;   //!< when not identified: engine error tag ("unknown_name" …)
  std::string error_message;
  std::string name;  //!< identified name (may be empty for an unnamed structure)
  std::string smiles;
  std::string
      verdict;  //!< engine verdict: controlled | precursor | flagged | clear | error; "equipment"
  rules::Category worst = rules::Category::kNone;  //!< most severe category over the readings
  std::vector<Reading> readings;
  std::vector<classify::Flag> flags;
  double kg = 0;
  // What the item's description names, when the engine resolves it as a name ("acetone").
  std::string described_name;
  std::string described_smiles;

  // Controlled drug or listed chemical in at least one route country.
  bool regulated() const { return worst != rules::Category::kNone; }
  // Regulated, or flagged by the engine (masked precursor, analog …).
  bool of_concern() const { return regulated() || !flags.empty(); }
};

struct PartyResult {
  std::string role;
  Party party;  //!< copy of the order's party (the Evaluation outlives moves of the Order)
  std::vector<PartyHit> hits;
  std::string note;
};

struct Evaluation {
  std::vector<ItemResult> items;     //!< parallel to Order::items
  std::vector<PartyResult> parties;  //!< Order::AllParties() order
  std::vector<std::string> notes;    //!< e.g. "no screening lists loaded"

  bool any_regulated_chemical() const {
    for (const auto& i : items)
      if (!i.equipment && i.regulated()) return true;
    return false;
  }
  bool any_chemical_of_concern() const {
    for (const auto& i : items)
      if (!i.equipment && i.of_concern()) return true;
    return false;
  }
};

}  // namespace chokepoint::orders
