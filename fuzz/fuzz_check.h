// An invariant a fuzz target checks on every input: when it fails, the target names it and
// aborts, so libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace chokepoint::fuzz {

[[noreturn]] inline void InvariantViolated(const char* target, const char* what,
                                           std::string_view in) {
  std::fprintf(stderr, "%s invariant violated: %s\ninput (%zu bytes)\n", target, what, in.size());
  std::abort();
}

}  // namespace chokepoint::fuzz

// Needs `in` (the input) and `kTarget` (the target's name) in scope.
#define CHECK(cond)                                                       \
  do {                                                                    \
    if (!(cond)) chokepoint::fuzz::InvariantViolated(kTarget, #cond, in); \
  } while (0)
