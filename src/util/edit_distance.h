// Levenshtein distance with an early exit: "did you mean" suggestions for names, keys and
// subcommands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

// Edit distance between `a` and `b`, or cap + 1 as soon as it must exceed `cap`.
int BoundedEditDistance(std::string_view a, std::string_view b, int cap);

// Optimal string alignment distance (restricted Damerau-Levenshtein): insertions, deletions,
// substitutions and transpositions of two neighbours cost one edit each, so "tarding" is one
// edit from "trading", not two. Capped like BoundedEditDistance.
int OsaDistance(std::string_view a, std::string_view b, int cap);

// The candidates within `cap` edits of `word`, nearest first (ties in the candidates' order).
std::vector<std::string> Nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 int cap, size_t k = 3);

}  // namespace chokepoint
