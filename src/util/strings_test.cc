#include "util/strings.h"

#include <gtest/gtest.h>

#include "util/hash.h"

namespace chokepoint {
namespace {

TEST(Strings, TrimRemovesSurroundingWhitespaceOnly) {
  EXPECT_EQ(Trim("  cocaine \t\n"), "cocaine");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
}

TEST(Strings, TrimAlsoDropsTheGivenTrailingPunctuation) {
  EXPECT_EQ(Trim(" Passport 123 (China). ", "."), "Passport 123 (China)");
  EXPECT_EQ(Trim("x@example.com; . ", ".;"), "x@example.com");
  EXPECT_EQ(Trim(".lead", "."), ".lead");  // only trailing
}

TEST(Strings, LowerFoldsAsciiAndKeepsOtherBytes) { EXPECT_EQ(Lower("NPP Zürich"), "npp zürich"); }

TEST(Strings, JoinPutsTheSeparatorBetweenParts) {
  EXPECT_EQ(Join({}, ", "), "");
  EXPECT_EQ(Join({"a"}, ", "), "a");
  EXPECT_EQ(Join({"a", "b", "c"}, "+"), "a+b+c");
}

TEST(Hash, Fnv1aIsStableAcrossReleases) {
  // FNV-1a with this codebase's offset basis (util/hash.h), computed independently in Python:
  // h = 1469598103934665603; for byte: h = ((h ^ byte) * 1099511628211) mod 2^64.
  // Version strings in stored databases depend on these values staying put.
  EXPECT_EQ(Fnv1a(""), 0x14650fb0739d0383ULL);
  EXPECT_EQ(Fnv1a("a"), 0x44bd8ad473cd9906ULL);
  EXPECT_EQ(Fnv1a("foobar"), 0x88fad7c0a8ff07f2ULL);
  // Hashing in pieces is hashing the concatenation.
  EXPECT_EQ(Fnv1a("bar", Fnv1a("foo")), Fnv1a("foobar"));
}

}  // namespace
}  // namespace chokepoint
