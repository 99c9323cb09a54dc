// gen_orders [N] [SEED] > orders.jsonl: N synthetic orders (default 100,000) with history.
#include <cstdlib>
#include <iostream>

#include "order_gen.h"

int main(int argc, char** argv) {
  chokepoint::bench::OrderGenOptions o;
  if (argc > 1) o.orders = std::strtoull(argv[1], nullptr, 10);
  if (argc > 2) o.seed = std::strtoull(argv[2], nullptr, 10);
  std::ios::sync_with_stdio(false);
  chokepoint::bench::GenerateOrders(o, std::cout);
  return 0;
}
