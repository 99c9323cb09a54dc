#include "orders/stats.h"

#include <algorithm>
#include <cmath>

namespace chokepoint::orders {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  size_t n = v.size(), mid = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
  double hi = v[mid];
  if (n % 2) return hi;
  double lo = *std::max_element(v.begin(), v.begin() + static_cast<long>(mid));
  return (lo + hi) / 2;
}

double Mad(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double m = Median(v);
  std::vector<double> d;
  d.reserve(v.size());
  for (double x : v) d.push_back(std::fabs(x - m));
  return Median(std::move(d));
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  double pos = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(lo), v.end());
  double a = v[lo];
  double b =
      lo + 1 < v.size() ? *std::min_element(v.begin() + static_cast<long>(lo) + 1, v.end()) : a;
  return a + (b - a) * (pos - static_cast<double>(lo));
}

double RobustZ(double x, const std::vector<double>& v, double min_rel_scale) {
  if (v.empty()) return 0;
  double m = Median(v);
  double scale = std::max({1.4826 * Mad(v), min_rel_scale * std::fabs(m), 1e-9});
  return (x - m) / scale;
}

}  // namespace chokepoint::orders
