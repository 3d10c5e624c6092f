// Run-time identity changes through /_sim/identity (issue 11): token revocation, secret
// rotation, role changes, and changes that wait for tokens to be issued.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

http_reply post_identity(sim_env& env, const std::string& body) {
  return env.raw("POST", "/_sim/identity", {{"Content-Type", "application/json"}}, body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_time_identity)

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
  auto r = post_identity(
      env, R"({"clients":[{"clientId":"sim-client","secret":"new-secret","roles":["ProvisioningAPI.Read"]}]})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto refused = env.token_request({{"grant_type", "client_credentials"},
                                    {"client_id", "sim-client"},
                                    {"client_secret", "sim-secret"},
                                    {"scope", api_scope}});
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
  auto second = env.fetch_token();                        // two: applied right after issuing it
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
