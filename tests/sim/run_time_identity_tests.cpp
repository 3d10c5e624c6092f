// Emulator features for run-level failures and clocks (issue 11): the server's clock offset
// (Date header, repeatability window), the gateway's HTML 404 outside the API, and run-time
// identity changes (token revocation, secret rotation, role changes) through /_sim/identity.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <ctime>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

// Seconds from now to an IMF-fixdate.
long seconds_ahead(const std::string& date) {
  std::tm tm{};
  if (!strptime(date.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return -999999;
  return static_cast<long>(timegm(&tm) - std::time(nullptr));
}

http_reply post_identity(sim_env& env, const std::string& body) {
  return env.raw("POST", "/_sim/identity", {{"Content-Type", "application/json"}}, body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_time_identity)

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

BOOST_AUTO_TEST_CASE(paths_outside_the_api_get_the_gateways_html_404) {
  sim_env env;
  for (const char* path : {"/provisioning/accounts/contoso", "/", "/nothing/here"}) {
    auto r = env.raw("GET", std::string(path) + "?api-version=2024-02-29-preview", {{"Authorization", "Bearer " + env.token}});
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

BOOST_AUTO_TEST_CASE(revoking_makes_every_token_issued_so_far_invalid) {
  sim_env env;
  auto old_token = env.token;
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  auto r = post_identity(env, R"({"revokeTokens": true})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(json::parse(r.body).at("applied").as_bool());
  r = env.api("GET", "/accounts");
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.header("WWW-Authenticate").find("revoked") != std::string::npos, r.header("WWW-Authenticate"));
  // A token issued afterwards is good.
  env.token = env.fetch_token();
  BOOST_TEST(env.token != old_token);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
}

BOOST_AUTO_TEST_CASE(a_rotated_secret_is_refused_and_new_roles_go_into_new_tokens) {
  sim_env env;
  auto r = post_identity(env, R"({"clients":[{"clientId":"sim-client","secret":"new-secret","roles":["ProvisioningAPI.Read"]}]})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto refused = env.token_request({{"grant_type", "client_credentials"}, {"client_id", "sim-client"},
                                    {"client_secret", "sim-secret"}, {"scope", api_scope}});
  BOOST_TEST(refused.status == 401);
  BOOST_TEST(refused.body.find("invalid_client") != std::string::npos);
  // The token fetched before the change keeps its Admin role; a new one reads only.
  BOOST_TEST(env.api("PUT", "/accounts/contoso", oc_account("contoso")).status == 201);
  env.token = env.fetch_token("sim-client", "new-secret");
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("PUT", "/accounts/contoso", oc_account("contoso")).status == 403);
}

BOOST_AUTO_TEST_CASE(a_change_can_wait_for_tokens_to_be_issued) {
  sim_env env;
  auto r = post_identity(env, R"({"revokeTokens": true, "afterTokensIssued": 2})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(json::parse(r.body).at("pending").as_bool());
  auto first = env.fetch_token();
  env.token = first;
  BOOST_TEST(env.api("GET", "/accounts").status == 200);  // one issued: not yet
  auto second = env.fetch_token();                          // two: applied right after issuing it
  env.token = second;
  BOOST_TEST(env.api("GET", "/accounts").status == 401);
  env.token = env.fetch_token();
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
}

BOOST_AUTO_TEST_CASE(bad_identity_changes_are_refused_and_change_nothing) {
  sim_env env;
  BOOST_TEST(post_identity(env, R"({"clients":[{"clientId":"nobody","roles":[]}]})").status == 400);
  BOOST_TEST(post_identity(env, R"({"revokeToken": true})").status == 400);
  BOOST_TEST(post_identity(env, R"({"clients":[{"clientId":"sim-client","secret":""}]})").status == 400);
  BOOST_TEST(post_identity(env, R"({"afterTokensIssued": -1})").status == 400);
  BOOST_TEST(post_identity(env, "[]").status == 400);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(!env.fetch_token().empty());
}

BOOST_AUTO_TEST_SUITE_END()
