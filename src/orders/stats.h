// Robust statistics for the size, frequency and peer rules (docs/orders.md "Statistics").
#pragma once

#include <vector>

namespace chokepoint::orders {

// Median; 0 for an empty vector. Takes a copy because it reorders.
double Median(std::vector<double> v);
// Median absolute deviation from the median (unscaled).
double Mad(const std::vector<double>& v);
// Linear-interpolated percentile, p in [0, 100]; 0 for an empty vector.
double Percentile(std::vector<double> v, double p);

// Robust z-score of x against v: (x - median) / (1.4826 * MAD), where the scale is floored
// at `min_rel_scale` * median (and at 1e-9) so a perfectly regular history (MAD = 0) does not
// make every small change infinitely unusual.
double RobustZ(double x, const std::vector<double>& v, double min_rel_scale);

}  // namespace chokepoint::orders
