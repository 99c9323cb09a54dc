#include "orders/order.h"

#include <gtest/gtest.h>

namespace chokepoint::orders {
namespace {

const char* kMinimal =
    R"({"id": "A1", "date": "2025-01-02", "seller": {"name": "S", "country": "cn"}, "buyer": {"name": "B", "country": "MX"},
        "items": [{"substance": "4-piperidone", "quantity": 500, "unit": "g"}]})";

TEST(Order, ParsesMinimalOrderAndDefaultsTheRoute) {
  auto o = ParseOrder(kMinimal);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->id, "A1");
  EXPECT_EQ(o->seller.country, "CN");
  EXPECT_EQ(o->route.origin, "CN");
  EXPECT_EQ(o->route.destination, "MX");
  EXPECT_TRUE(o->international());
  EXPECT_DOUBLE_EQ(o->items[0].kilograms(), 0.5);
  EXPECT_EQ(o->AllParties().size(), 2u);
}

TEST(Order, ParsesEquipmentPayerAndDocuments) {
  auto o = ParseOrder(R"({"id": 7, "date": "2025-01-02", "seller": {"name": "S", "country": "CN"},
      "buyer": {"name": "B", "country": "US", "ids": {"customer_id": 42}},
      "other_parties": [{"role": "Freight_Forwarder", "name": "F", "country": "HK"}],
      "items": [{"equipment": "TABLET_PRESS", "model": "TDP-5"}],
      "payment": {"method": "virtual_currency", "amount": "120.5", "currency": "usd", "payer": {"name": "P"}},
      "documents": {"pen_reference": "PEN-1"}})");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->id, "7");
  EXPECT_EQ(o->items[0].equipment, "tablet_press");
  EXPECT_EQ(o->items[0].quantity, 1);
  EXPECT_EQ(o->other_parties[0].role, "freight_forwarder");
  EXPECT_EQ(o->payment.currency, "USD");
  EXPECT_DOUBLE_EQ(o->payment.amount, 120.5);
  EXPECT_EQ(PartyKey(o->buyer), "id:42");
  EXPECT_EQ(o->AllParties().back()->role, "payer");
}

struct Bad {
  const char* json;
  const char* tag;
  const char* message;
};

TEST(Order, ErrorsNameTheField) {
  const Bad cases[] = {
      {R"({"id": "A1",)", "invalid_json", "invalid JSON: parse error"},
      {R"([1, 2])", "invalid_json", "expected one JSON object per line, got array"},
      {R"({"date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": [{"substance": "x", "quantity": 1, "unit": "kg"}]})",
       "missing_field", "id: missing required field"},
      {R"({"id": "A", "date": "2025-02-30", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": [{"substance": "x", "quantity": 1, "unit": "kg"}]})",
       "bad_date", "date: "},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": [{"substance": "x", "quantity": 1, "unit": "lb"}]})",
       "unknown_unit", "items[0].unit: unknown unit 'lb' (expected kg, g, mg, L, mL or t)"},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S", "country": "XX"}, "buyer": {"name": "B"}, "items": [{"substance": "x", "quantity": 1, "unit": "kg"}]})",
       "unknown_country", "seller.country: unknown country 'XX'"},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": []})",
       "missing_field", "items: expected a non-empty array of items"},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": [{"quantity": 1}]})",
       "missing_field",
       "items[0]: missing required field 'substance' (a chemical) or 'equipment' (a machine)"},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "items": [{"substance": "x", "quantity": -1, "unit": "kg"}]})",
       "bad_value", "items[0].quantity: must be a finite number >= 0"},
      {R"({"id": "A", "date": "2025-01-02", "seller": {"name": "S"}, "buyer": {"name": "B"}, "route": {"transit": ["ZZ"]}, "items": [{"substance": "x", "quantity": 1, "unit": "kg"}]})",
       "unknown_country", "route.transit[0]: unknown country 'ZZ'"},
  };
  for (const auto& c : cases) {
    auto o = ParseOrder(c.json);
    ASSERT_FALSE(o.ok()) << c.json;
    EXPECT_EQ(o.status().tag(), c.tag) << c.json;
    EXPECT_NE(o.status().message().find(c.message), std::string::npos) << o.status().message();
  }
}

TEST(Order, ContactNormalization) {
  EXPECT_EQ(NormalizeAddress("Flat 3, 12/F,  Tower B"), "flat 3 12 f tower b");
}

}  // namespace
}  // namespace chokepoint::orders
