// Authentication (401 with WWW-Authenticate: Bearer) and role-based authorisation (403).
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const char* roles_config = R"({"clients":[
  {"clientId":"sim-client","secret":"sim-secret","roles":["ProvisioningAPI.Admin"]},
  {"clientId":"reader","secret":"r","roles":["ProvisioningAPI.Read"]},
  {"clientId":"writer","secret":"w","roles":["ProvisioningAPI.Write"]},
  {"clientId":"deleter","secret":"d","roles":["ProvisioningAPI.Delete"]},
  {"clientId":"nobody","secret":"n","roles":[]},
  {"clientId":"expired","secret":"e","roles":["ProvisioningAPI.Admin"],"tokenLifetime":-60,"reportedExpiresIn":3599}
]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(authorisation)

BOOST_AUTO_TEST_CASE(missing_token_is_401_with_a_bearer_challenge) {
  sim_env env;
  auto r = env.api("GET", "/accounts", {}, {}, "-");
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.header("WWW-Authenticate").rfind("Bearer ", 0) == 0);
  BOOST_TEST(r.header("WWW-Authenticate").find("error=") == std::string::npos);  // RFC 6750: no error without a token
  BOOST_TEST(r.header("x-ms-error-code") == "Unauthorized");
  auto e = parse_json(r.body).as_object().at("error").as_object();
  BOOST_TEST(e.at("code").as_string() == "Unauthorized");
  BOOST_TEST(!e.at("message").as_string().empty());
  r = env.api("GET", "/accounts", {}, {{"Authorization", "Basic abc"}}, "-");
  BOOST_TEST(r.status == 401);
}

BOOST_AUTO_TEST_CASE(forged_and_garbage_tokens_are_401_invalid_token) {
  sim_env env;
  std::string forged = env.token;
  // Flip a character of the signature.
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {forged, std::string("not-a-jwt"), std::string("a.b.c")}) {
    auto r = env.api("GET", "/accounts", {}, {}, bad);
    BOOST_TEST(r.status == 401);
    BOOST_TEST(r.header("WWW-Authenticate").find("error=\"invalid_token\"") != std::string::npos);
  }
  // A token minted by another emulator (another key) is forged here too.
  sim_env other;
  BOOST_TEST(env.api("GET", "/accounts", {}, {}, other.token).status == 401);
}

BOOST_AUTO_TEST_CASE(expired_tokens_are_401) {
  temp_file config(roles_config);
  sim_env env(fast_flags({"--config", config.path()}));
  auto r = env.token_request(
      {{"grant_type", "client_credentials"}, {"client_id", "expired"}, {"client_secret", "e"}, {"scope", api_scope}});
  BOOST_TEST_REQUIRE(r.status == 200);
  auto o = parse_json(r.body).as_object();
  BOOST_TEST(o.at("expires_in").as_int64() == 3599);  // what the client is told...
  auto token = std::string(o.at("access_token").as_string());
  auto reply = env.api("GET", "/accounts", {}, {}, token);  // ...is not what the token says
  BOOST_TEST(reply.status == 401);
  BOOST_TEST(reply.header("WWW-Authenticate").find("expired") != std::string::npos);
  BOOST_TEST(reply.body.find("expired") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(roles_grant_methods) {
  temp_file config(roles_config);
  sim_env env(fast_flags({"--config", config.path()}));
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  std::string reader = env.fetch_token("reader", "r");
  std::string writer = env.fetch_token("writer", "w");
  std::string deleter = env.fetch_token("deleter", "d");
  std::string nobody = env.fetch_token("nobody", "n");

  struct call {
    std::string method, path, body;
    char needs;  // R, W, D
  };
  std::string batch = R"({"numbers":[)" + oc_number("contoso", "+15550002") + "]}";
  std::vector<call> calls{
      {"GET", "/accounts", "", 'R'},
      {"GET", "/accounts/contoso", "", 'R'},
      {"GET", "/accounts/contoso/numbers", "", 'R'},
      {"GET", "/numbers", "", 'R'},
      {"GET", "/teamsRequestsForInformation", "", 'R'},
      {"PUT", "/accounts/contoso", oc_account("contoso"), 'W'},
      {"PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"), 'W'},
      {"POST", "/accounts/contoso:createOrUpdateNumbers", batch, 'W'},
      {"POST", "/accounts/contoso:getTeamsCapabilityPlans", "", 'W'},
      {"POST", "/accounts/contoso:deleteNumbers", R"({"numbers":[{"telephoneNumber":"+15550009"}]})", 'D'},
      {"DELETE", "/accounts/contoso/numbers/%2B15550009", "", 'D'},
  };
  for (const auto& c : calls) {
    for (auto [role, token] :
         {std::pair{'R', reader}, std::pair{'W', writer}, std::pair{'D', deleter}, std::pair{'N', nobody}}) {
      auto r = env.api(c.method, c.path, c.body, {}, token);
      if (role == c.needs) {
        BOOST_TEST(r.status < 300, c.method << " " << c.path << " as " << role << ": " << r.status << " " << r.body);
      } else {
        BOOST_TEST(r.status == 403, c.method << " " << c.path << " as " << role << ": " << r.status);
        BOOST_TEST(r.header("x-ms-error-code") == "Forbidden");
      }
    }
    auto admin = env.api(c.method, c.path, c.body);
    BOOST_TEST(admin.status < 300, c.method << " " << c.path << " as admin: " << admin.status << " " << admin.body);
  }
}

BOOST_AUTO_TEST_SUITE_END()
