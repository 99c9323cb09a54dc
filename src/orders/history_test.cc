#include "orders/history.h"

#include <gtest/gtest.h>

namespace chokepoint::orders {
namespace {

OrderFacts F(const std::string& id, const std::string& customer, int day, double kg) {
  OrderFacts f;
  f.order_id = id;
  f.customer = customer;
  f.day = day;
  f.peer_group = "chemical";
  f.lines.push_back({"CC(=O)C", kg, true});
  f.contacts.push_back({"phone", "15550100"});
  return f;
}

TEST(History, DayNumbersRoundTrip) {
  EXPECT_EQ(DayNumber({1970, 1, 1}), 0);
  EXPECT_EQ(DayNumber({2024, 3, 1}) - DayNumber({2024, 2, 28}), 2);
  Date d = FromDayNumber(DayNumber({2025, 12, 31}));
  EXPECT_EQ(d.ToString(), "2025-12-31");
}

TEST(History, QueriesSeeOnlyThePast) {
  History h;
  h.Add(F("1", "a", 10, 5));
  h.Add(F("2", "a", 20, 6));
  h.Add(F("3", "b", 15, 7));
  EXPECT_EQ(h.CustomerOrders("a", 15).size(), 1u);
  EXPECT_EQ(h.CustomerOrders("a", 20).size(), 2u);
  EXPECT_EQ(h.CustomerOrders("a", 20, "2").size(), 1u);
  EXPECT_EQ(h.PeerQuantities("chemical", "CC(=O)C", 30, "a", 10), std::vector<double>{7});
  EXPECT_EQ(h.ContactOwners("phone", "15550100", 12, "b"), std::vector<std::string>{"a"});
  EXPECT_TRUE(h.ContactOwners("phone", "15550100", 9, "b").empty());
}

TEST(History, CustomerOrdersOldestFirstWhateverTheArrivalOrder) {
  History h;
  h.Add(F("late", "a", 30, 1));
  h.Add(F("early", "a", 10, 1));
  h.Add(F("mid1", "a", 20, 1));
  h.Add(F("mid2", "a", 20, 1));  // same day: arrival order
  h.Add(F("other", "b", 15, 1));
  std::vector<std::string> ids;
  for (const OrderFacts* f : h.CustomerOrders("a", 25)) ids.push_back(f->order_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"early", "mid1", "mid2"}));
  ids.clear();
  for (const OrderFacts* f : h.CustomerOrders("a", 99, "mid1")) ids.push_back(f->order_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"early", "mid2", "late"}));
}

TEST(History, RemoveForgetsEverything) {
  History h;
  h.Add(F("1", "a", 10, 5));
  EXPECT_TRUE(h.Remove("1"));
  EXPECT_FALSE(h.Contains("1"));
  EXPECT_TRUE(h.CustomerOrders("a", 99).empty());
  EXPECT_TRUE(h.ContactOwners("phone", "15550100", 99, "b").empty());
  EXPECT_FALSE(h.Remove("1"));
}

TEST(History, IndustryClasses) {
  EXPECT_EQ(IndustryClass("Pharmaceutical manufacturing"), "pharma");
  EXPECT_EQ(IndustryClass("chemical distribution"), "distribution");
  EXPECT_EQ(IndustryClass("University research lab"), "lab");
  EXPECT_EQ(IndustryClass("Auto parts trading"), "other");
  EXPECT_EQ(IndustryClass(""), "unknown");
}

}  // namespace
}  // namespace chokepoint::orders
