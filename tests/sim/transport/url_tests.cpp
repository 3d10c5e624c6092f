// Request-target decoding: `+` in paths and in queries (sim/transport/url.hpp).
#include "sim/transport/url.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(paths_and_queries_decode_plus_differently) {
  auto segs = decode_path_segments("/accounts/con%74oso/numbers/+1555%2B");
  BOOST_TEST_REQUIRE(segs.has_value());
  BOOST_TEST((*segs == std::vector<std::string>{"accounts", "contoso", "numbers", "+1555+"}));
  BOOST_TEST(!decode_path_segments("/a%2").has_value());
  auto q = parse_query("filter=a+eq+%27%2B1%27&top=5&flag");
  BOOST_TEST_REQUIRE(q.has_value());
  BOOST_TEST(*query_value(*q, "filter") == "a eq '+1'");
  BOOST_TEST(*query_value(*q, "TOP") == "5");
  BOOST_TEST(query_value(*q, "flag")->empty());
  BOOST_TEST(!query_value(*q, "skip").has_value());
  BOOST_TEST(percent_encode("a eq '+1'") == "a%20eq%20%27%2B1%27");
  auto t = split_request_target("/x?y=1");
  BOOST_TEST(t.path == "/x");
  BOOST_TEST(t.query == "y=1");
}

BOOST_AUTO_TEST_SUITE_END()
