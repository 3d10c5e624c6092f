// A value option given twice: the sentence of its warning (the last value wins, the dropped ones
// are named), and the values it never shows (secret files, a URL's userinfo).
#include "jobs/cli/repeated_options.hpp"

#include <boost/test/unit_test.hpp>

using acgprov::jobs::repeated_option_warning;
using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(repeated_options)

BOOST_AUTO_TEST_CASE(names_the_flag_the_value_kept_and_the_values_dropped) {
  BOOST_TEST(repeated_option_warning("apply", "--rate", {"100", "8"}).value() ==
             "acgprov apply: --rate given twice; using 8 (not 100)");
  BOOST_TEST(repeated_option_warning("apply", "--rate", {"100", "50", "100", "8"}).value() ==
             "acgprov apply: --rate given 4 times; using 8 (not 100, 50)");
  BOOST_TEST(repeated_option_warning("apply", "--proxy", {"http://127.0.0.1:1", ""}).value() ==
             "acgprov apply: --proxy given twice; using '' (not http://127.0.0.1:1)");
}

BOOST_AUTO_TEST_CASE(nothing_dropped_no_warning) {
  BOOST_TEST(!repeated_option_warning("apply", "--rate", {"8"}));
  BOOST_TEST(!repeated_option_warning("apply", "--rate", {"8", "8"}));
}

BOOST_AUTO_TEST_CASE(secret_values_are_never_shown) {
  const auto file = repeated_option_warning("apply", "--client-secret-file", {"/run/a-secret", "/run/b-secret"});
  BOOST_TEST(file.value().find("--client-secret-file given twice") != std::string::npos, file.value());
  BOOST_TEST(file.value().find("a-secret") == std::string::npos, file.value());
  BOOST_TEST(file.value().find("b-secret") == std::string::npos, file.value());
  const auto proxy = repeated_option_warning("accounts apply", "--proxy", {"http://u:hunter2@127.0.0.1:3128", ""});
  BOOST_TEST(proxy.value().find("hunter2") == std::string::npos, proxy.value());
  BOOST_TEST(proxy.value().find("127.0.0.1:3128") != std::string::npos, proxy.value());
  const auto endpoint =
      repeated_option_warning("apply", "--endpoint", {"https://u:pw@127.0.0.1:1", "https://127.0.0.1:2"});
  BOOST_TEST(endpoint.value().find(":pw@") == std::string::npos, endpoint.value());
}

BOOST_AUTO_TEST_CASE(a_switch_with_its_opposite_names_the_one_kept) {
  using acgprov::jobs::opposite_switches_warning;
  BOOST_TEST(opposite_switches_warning("apply", {"--preflight", "--no-preflight"}).value() ==
             "acgprov apply: --preflight and --no-preflight both given; using --no-preflight (the last)");
  BOOST_TEST(opposite_switches_warning("apply", {"--no-prune", "--prune", "--no-prune", "--prune"}).value() ==
             "acgprov apply: --no-prune and --prune both given; using --prune (the last)");
  BOOST_TEST(!opposite_switches_warning("apply", {"--verbose", "--verbose"}));
  BOOST_TEST(!opposite_switches_warning("apply", {}));
}

BOOST_AUTO_TEST_SUITE_END()
