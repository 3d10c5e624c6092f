// Paths outside the API get the gateway's HTML 404, not the API's JSON error (issue 11).
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov::test;

BOOST_AUTO_TEST_SUITE(gateway_page)

BOOST_AUTO_TEST_CASE(paths_outside_the_api_get_the_gateways_html_404) {
  sim_env env;
  for (const char* path : {"/provisioning/accounts/contoso", "/", "/nothing/here"}) {
    auto r = env.raw("GET", std::string(path) + "?api-version=2024-02-29-preview",
                     {{"Authorization", "Bearer " + env.token}});
    BOOST_TEST(r.status == 404, path);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u, path);
    BOOST_TEST(!r.has_header("x-ms-error-code"), path);
    BOOST_TEST(r.body.find("<html>") != std::string::npos, path);
  }
  // Inside the API, an unknown resource is still the API's JSON 404.
  auto r = env.api("GET", "/accounts/nobody");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.header("x-ms-error-code") == "NotFound");
  BOOST_TEST(env.stats().at("byOperation").as_object().at("Gateway").as_object().at("404").to_number<int>() == 3);
}

BOOST_AUTO_TEST_SUITE_END()
