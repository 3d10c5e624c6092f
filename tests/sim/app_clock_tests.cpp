// The API server's clock (--clock-offset, issue 11): its Date header, and the repeatability
// window checked on it rather than on the client's clock.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <ctime>

using namespace acgprov::test;

namespace {

// Seconds from now to an IMF-fixdate.
long seconds_ahead(const std::string& date) {
  std::tm tm{};
  if (!strptime(date.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return -999999;
  return static_cast<long>(timegm(&tm) - std::time(nullptr));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_clock)

BOOST_AUTO_TEST_CASE(every_answer_carries_the_servers_clock) {
  sim_env env(fast_flags({"--clock-offset", "900"}));
  auto r = env.api("GET", "/accounts");
  BOOST_TEST(r.status == 200);
  auto ahead = seconds_ahead(r.header("Date"));
  BOOST_TEST((ahead >= 898 && ahead <= 901), r.header("Date"));
  BOOST_TEST(env.configure(R"({"clockOffsetSeconds": -600})").status == 200);
  ahead = seconds_ahead(env.raw("GET", "/_sim/health").header("Date"));
  BOOST_TEST((ahead >= -602 && ahead <= -599), ahead);
  BOOST_TEST(env.configure(R"({"clockOffsetSeconds": 99999999})").status == 400);
}

BOOST_AUTO_TEST_CASE(the_repeatability_window_is_checked_on_the_servers_clock) {
  sim_env env(fast_flags({"--clock-offset", "900", "--repeatability-window", "60"}));
  env.put_account("contoso", oc_account("contoso"));
  header_list host_clock{{"Repeatability-Request-ID", "r-1"}, {"Repeatability-First-Sent", http_date()}};
  auto r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"), host_clock);
  BOOST_TEST(r.status == 412);
  BOOST_TEST(r.header("Repeatability-Result") == "rejected");
  header_list server_clock{{"Repeatability-Request-ID", "r-2"}, {"Repeatability-First-Sent", http_date(900)}};
  r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"), server_clock);
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.header("Repeatability-Result") == "accepted");
}

BOOST_AUTO_TEST_SUITE_END()
