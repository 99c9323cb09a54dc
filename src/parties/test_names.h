// Helpers for the parties unit tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "parties/name.h"

namespace chokepoint::parties {

// `raw` normalized, as a person's name when `person`; a test failure when it cannot be.
inline NormalizedName NormalizedForTest(const std::string& raw, bool person = false) {
  NormalizeOptions o;
  o.person = person;
  auto r = NormalizeName(raw, o);
  EXPECT_TRUE(r.ok()) << raw << ": " << r.status().ToString();
  return r.ok() ? *r : NormalizedName{};
}

}  // namespace chokepoint::parties
