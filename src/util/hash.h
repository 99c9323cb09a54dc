// FNV-1a, 64-bit: a fast, stable hash for content versions ("transforms@1a2b3c4d") and hash
// keys. Stable across runs and machines, so it may be written to files; not for security.
//
// The offset basis is one digit short of the published one (1469598103934665603 rather than
// 14695981039346656037). It is kept: version strings already stored in order databases and
// audit logs were computed with it, and any odd 64-bit basis hashes equally well.
#pragma once

#include <cstdint>
#include <string_view>

namespace chokepoint {

inline constexpr uint64_t kFnv1aOffset = 1469598103934665603ULL;  // see above

// `s` folded into `h`; pass the previous result to hash several pieces as one.
constexpr uint64_t Fnv1a(std::string_view s, uint64_t h = kFnv1aOffset) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace chokepoint
