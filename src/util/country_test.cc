#include "util/country.h"

#include <gtest/gtest.h>

namespace chokepoint {
namespace {

TEST(Country, KnowsIsoCodes) {
  EXPECT_TRUE(IsCountry("HK"));
  EXPECT_TRUE(IsCountry("XK"));
  EXPECT_FALSE(IsCountry("XX"));
  EXPECT_FALSE(IsCountry("hk"));
  EXPECT_STREQ(CountryName("MX"), "Mexico");
  EXPECT_EQ(CountryName("XX"), nullptr);
}

TEST(Country, ReadsCodesAndNamesAsListsWriteThem) {
  EXPECT_EQ(CountryCode("cn"), "CN");
  EXPECT_EQ(CountryCode("China"), "CN");
  EXPECT_EQ(CountryCode("People's Republic of China"), "CN");
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("Burma"), "MM");
  EXPECT_EQ(CountryCode("Hong Kong SAR China"), "HK");
  EXPECT_EQ(CountryCode("Trinidad & Tobago"), "TT");
  EXPECT_EQ(CountryCode("Trinidad and Tobago"), "TT");
  EXPECT_EQ(CountryCode("  mexico. "), "MX");
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryCode(""), "");
}

TEST(Country, TakesTheCountryFromTheLastPartOfAnAddress) {
  EXPECT_EQ(CountryOfAddress("No. 8 Industrial Road, Shijiazhuang, Hebei, China"), "CN");
  EXPECT_EQ(CountryOfAddress("Culiacan, Sinaloa, Mexico"), "MX");
  EXPECT_EQ(CountryOfAddress("Mexico"), "MX");
  EXPECT_EQ(CountryOfAddress("12 Main Street, Springfield"), "");
}

}  // namespace
}  // namespace chokepoint
