// Contact details reduced to the keys under which two records are compared exactly: a list
// entry and a customer, or two orders of the same buyer. One definition, so that a phone
// number or an email written differently still meets itself everywhere.
#pragma once

#include <string>
#include <string_view>

namespace chokepoint {

// The last 10 digits of a phone number (the country code and trunk prefix are written in
// several ways, the subscriber number is not): "+52 (55) 1234-5678" → "5512345678".
// "" with fewer than 7 digits, too few to identify anyone.
std::string PhoneKey(std::string_view phone);

// Lower-case, without surrounding space and trailing punctuation (list remarks end items
// with '.' or ';'); "" unless an '@' has text on both sides and there is no inner space.
std::string EmailKey(std::string_view email);

// The host of a website or email address, lower-case, without "www.", a scheme, a port or a
// path: "https://WWW.Example.com/shop" → "example.com".
std::string WebHost(std::string_view url_or_email);

}  // namespace chokepoint
