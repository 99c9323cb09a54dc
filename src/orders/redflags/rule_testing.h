// Test helpers for the red-flag rules: a clean base order (JSON), hand-built Evaluations
// (no engine, no lists: each rule is tested on exactly the facts it reads) and a runner.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "orders/evaluation.h"
#include "orders/history.h"
#include "orders/order.h"
#include "orders/rule.h"

namespace chokepoint::orders::testing {

// A clean domestic US order: an established chemical distributor buying 25 kg of acetone by
// wire, with every document. `patch` is a JSON merge patch (RFC 7386) applied to it.
Order MakeOrder(const std::string& patch = "{}");

// An Evaluation for `o`: every chemical identified with the category given per item
// (default: none), read in the origin and destination.
Evaluation MakeEval(const Order& o, const std::vector<rules::Category>& categories = {});

// Runs rule `id` with its default parameters (plus `params` overrides).
std::vector<Reason> RunRule(const std::string& id, const Order& o, const Evaluation& e,
                            const History* h = nullptr, const RuleParams& params = {});

// Adds `o` (with `e`, default MakeEval(o)) to `h` as a decided order.
void Remember(History& h, const Order& o, const std::vector<rules::Category>& categories = {});

}  // namespace chokepoint::orders::testing
