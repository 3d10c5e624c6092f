// If-Match / If-None-Match (sim/api/conditions.hpp), without sockets.
#include "sim/api/conditions.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(preconditions) {
  std::string etag = "\"abc\"";
  BOOST_TEST((check_preconditions("", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("\"abc\"", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("abc", "", &etag, false) == precondition::proceed));  // bare
  BOOST_TEST((check_preconditions("\"x\", \"abc\"", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("\"x\"", "", &etag, false) == precondition::failed));
  BOOST_TEST((check_preconditions("W/\"abc\"", "", &etag, false) == precondition::failed));  // strong compare
  BOOST_TEST((check_preconditions("*", "", nullptr, false) == precondition::failed));
  BOOST_TEST((check_preconditions("", "*", nullptr, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("", "*", &etag, false) == precondition::failed));
  BOOST_TEST((check_preconditions("", "W/\"abc\"", &etag, true) == precondition::not_modified));
  BOOST_TEST((check_preconditions("", "\"old\"", &etag, true) == precondition::proceed));
}

BOOST_AUTO_TEST_SUITE_END()
