#include "util/contact.h"

#include <gtest/gtest.h>

namespace chokepoint {
namespace {

TEST(Contact, PhoneKeyKeepsTheSubscriberDigits) {
  // With and without the country code, the same number.
  EXPECT_EQ(PhoneKey("+52 (55) 1234-5678"), "5512345678");
  EXPECT_EQ(PhoneKey("55 1234 5678"), "5512345678");
  EXPECT_EQ(PhoneKey("0086-311-8765-4321"), PhoneKey("+86 311 8765 4321"));
  EXPECT_EQ(PhoneKey("123-456"), "");  // too short to identify anyone
}

TEST(Contact, EmailKeyIsCaseFreeAndRejectsNonAddresses) {
  EXPECT_EQ(EmailKey(" Sales@Example.COM "), "sales@example.com");
  EXPECT_EQ(EmailKey("sales@example.com;"), "sales@example.com");
  EXPECT_EQ(EmailKey("sales.example.com"), "");
  EXPECT_EQ(EmailKey("@example.com"), "");
  EXPECT_EQ(EmailKey("sales @example.com"), "");
}

TEST(Contact, WebHostDropsSchemeWwwPortAndPath) {
  EXPECT_EQ(WebHost("https://WWW.Example.com:8443/shop?q=1"), "example.com");
  EXPECT_EQ(WebHost("sales@example.com"), "example.com");
  EXPECT_EQ(WebHost("example.com."), "example.com");
}

}  // namespace
}  // namespace chokepoint
