// Base64url without padding, the JWT encoding (sim/identity/base64url.hpp).
#include "sim/identity/base64url.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(base64url_round_trip) {
  for (const std::string& s :
       std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00\x01", 4)})
    BOOST_TEST(*base64url_decode(base64url_encode(s)) == s);
  BOOST_TEST(base64url_encode("\xfb\xff") == "-_8");
  BOOST_TEST(!base64url_decode("a+b/").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
