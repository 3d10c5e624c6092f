#include "io/endpoint.hpp"
#include "io/http_date.hpp"
#include "io/request_id.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <stdexcept>

using namespace acgprov::io;

BOOST_AUTO_TEST_SUITE(endpoint_tests)

BOOST_AUTO_TEST_CASE(parses_https_urls) {
  auto e = parse_endpoint("https://provapi.example.com");
  BOOST_TEST(e.host == "provapi.example.com");
  BOOST_TEST(e.port == "443");
  BOOST_TEST(e.base_path == "");
  BOOST_TEST(e.host_header() == "provapi.example.com");

  auto l = parse_endpoint("https://127.0.0.1:8443/prov/");
  BOOST_TEST(l.host == "127.0.0.1");
  BOOST_TEST(l.port == "8443");
  BOOST_TEST(l.base_path == "/prov");
  BOOST_TEST(l.url() == "https://127.0.0.1:8443/prov");
}

BOOST_AUTO_TEST_CASE(refuses_plain_http_and_junk) {
  BOOST_CHECK_THROW(parse_endpoint("http://127.0.0.1:80"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_endpoint("not a url"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_endpoint("https://user:pw@host"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_endpoint("https://host/?a=b"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(telephone_numbers_are_percent_encoded_in_paths) {
  BOOST_TEST(encode_path_segment("+14255550100") == "%2B14255550100");
  BOOST_TEST(encode_path_segment("con-toso_1") == "con-toso_1");
  BOOST_TEST(encode_query_value("a b&c=d") == "a%20b%26c%3Dd");
}

BOOST_AUTO_TEST_CASE(imf_fixdate_format) {
  // 784887151 = Tue, 15 Nov 1994 08:12:31 GMT (RFC 9110's example)
  BOOST_TEST(imf_fixdate(std::chrono::system_clock::from_time_t(784887151)) == "Tue, 15 Nov 1994 08:12:31 GMT");
  BOOST_TEST(rfc3339_utc(std::chrono::system_clock::from_time_t(784887151)) == "1994-11-15T08:12:31Z");
}

BOOST_AUTO_TEST_CASE(request_ids_are_uuid_v4_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = make_uuid();
    BOOST_TEST_REQUIRE(id.size() == 36u);
    BOOST_TEST(id[14] == '4');
    BOOST_TEST((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    seen.insert(id);
  }
  BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
