// Synthetic order generator for benchmarks and the crash-consistency test: N realistic orders
// (about 3 items each) from a fixed pool of sellers and customers, in date order over a year,
// so the history rules have real customer histories to work with. Deterministic per seed.
#pragma once

#include <cstdint>
#include <ostream>

namespace chokepoint::bench {

struct OrderGenOptions {
  size_t orders = 100000;
  size_t customers = 0;  //!< 0: orders / 40 (about 40 orders per customer per year)
  uint64_t seed = 1;
  double anomaly_rate = 0.02;  //!< share of orders with a planted red flag
  int year = 2025;
};

// Writes one JSON order per line.
void GenerateOrders(const OrderGenOptions& options, std::ostream& out);

}  // namespace chokepoint::bench
