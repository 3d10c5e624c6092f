// The date formats of the API and the identity platform (sim/transport/time_format.hpp).
#include "sim/transport/time_format.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(dates) {
  auto imf = parse_timestamp("Tue, 15 Nov 1994 08:12:31 GMT");
  BOOST_TEST_REQUIRE(imf.has_value());
  BOOST_TEST(std::chrono::system_clock::to_time_t(*imf) == 784887151);
  auto rfc = parse_timestamp("1994-11-15T10:12:31.5+02:00");
  BOOST_TEST_REQUIRE(rfc.has_value());
  BOOST_TEST((*rfc - *imf == 500ms));
  BOOST_TEST(!parse_timestamp("yesterday").has_value());
  BOOST_TEST(!parse_timestamp("Tue, 15 Nov 1994 08:12:31").has_value());
  BOOST_TEST(format_http_date(*imf) == "Tue, 15 Nov 1994 08:12:31 GMT");
  BOOST_TEST(format_iso8601(*rfc) == "1994-11-15T08:12:31.500Z");
  BOOST_TEST(format_aad_timestamp(*imf) == "1994-11-15 08:12:31Z");
}

BOOST_AUTO_TEST_SUITE_END()
