// /_sim/ endpoints: stats, state, config, the request log.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <cstdlib>

namespace json = boost::json;
using namespace acgprov::test;

BOOST_AUTO_TEST_SUITE(inspection)

BOOST_AUTO_TEST_CASE(stats_count_requests_by_operation_and_status) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  env.api("GET", "/accounts/contoso");
  env.api("GET", "/accounts/nope");
  auto s = env.stats();
  BOOST_TEST(op_count(s, "Accounts_CreateOrReplace", 201) == 1u);
  BOOST_TEST(op_count(s, "Accounts_CreateOrReplaceNumber", 201) == 1u);
  BOOST_TEST(op_count(s, "Accounts_Get", 200) == 1u);
  BOOST_TEST(op_count(s, "Accounts_Get", 404) == 1u);
  BOOST_TEST(op_count(s, "Token", 200) == 1u);
  BOOST_TEST(s.at("byStatus").as_object().at("404").to_number<int>() == 1);
  BOOST_TEST(s.at("requests").to_number<int>() == 5);
  BOOST_TEST(s.at("writesApplied").to_number<int>() == 2);
  BOOST_TEST(s.at("tokensIssued").to_number<int>() == 1);
  for (const char* k :
       {"throttled", "faults", "peakConnections", "currentConnections", "totalConnections", "uptimeSeconds"})
    BOOST_TEST(s.contains(k), k);
}

BOOST_AUTO_TEST_CASE(request_log_shows_what_clients_sent) {
  sim_env env;
  env.api("GET", "/accounts", {}, {{"x-ms-client-request-id", "id-1"}});
  env.api("PUT", "/accounts/contoso", oc_account("contoso"),
          {{"Repeatability-Request-ID", "rep-1"}, {"Repeatability-First-Sent", "Tue, 15 Nov 1994 08:12:31 GMT"}});
  auto r = env.raw("GET", "/_sim/requests?since=0");
  BOOST_TEST_REQUIRE(r.status == 200);
  auto o = parse_json(r.body).as_object();
  auto requests = o.at("requests").as_array();
  BOOST_TEST_REQUIRE(requests.size() == 2u);
  auto first = requests[0].as_object();
  BOOST_TEST(first.at("operation").as_string() == "Accounts_List");
  BOOST_TEST(first.at("status").to_number<int>() == 200);
  BOOST_TEST(first.at("clientRequestId").as_string() == "id-1");
  BOOST_TEST(first.at("clientId").as_string() == "sim-client");
  auto second = requests[1].as_object();
  BOOST_TEST(second.at("repeatabilityRequestId").as_string() == "rep-1");
  BOOST_TEST(second.at("status").to_number<int>() == 412);  // 1994 is outside the window
  auto last = o.at("lastSeq").to_number<int>();
  r = env.raw("GET", "/_sim/requests?since=" + std::to_string(last));
  BOOST_TEST(parse_json(r.body).as_object().at("requests").as_array().empty());
}

BOOST_AUTO_TEST_CASE(config_can_be_read_and_changed) {
  sim_env env;
  auto r = env.raw("GET", "/_sim/config");
  BOOST_TEST_REQUIRE(r.status == 200);
  auto c = parse_json(r.body).as_object();
  BOOST_TEST(c.at("rateLimit").to_number<double>() == 0);
  BOOST_TEST(c.at("throttleMode").as_string() == "429");
  BOOST_TEST(c.at("batchAtomic").as_bool());
  r = env.configure(
      R"({"syncDelayMs":1234,"faults":{"latencyMs":5},"throttleMode":"stall","repeatabilityWindowSeconds":10})");
  BOOST_TEST(r.status == 200);
  c = parse_json(r.body).as_object();
  BOOST_TEST(c.at("syncDelayMs").to_number<int>() == 1234);
  BOOST_TEST(c.at("faults").as_object().at("latencyMs").to_number<int>() == 5);
  BOOST_TEST(c.at("throttleMode").as_string() == "stall");
  BOOST_TEST(env.configure("not json").status == 400);
  BOOST_TEST(env.configure(R"({"faults":{"5xx":2}})").status == 400);
  BOOST_TEST(env.raw("GET", "/_sim/nothing").status == 404);
}

BOOST_AUTO_TEST_CASE(bad_config_files_stop_the_start_with_status_two) {
  // Run directly (not through sim_process, whose constructor throws when no ready line comes).
  auto exit_status = [](const std::string& config) {
    std::string cmd = std::string(ACGPROV_SIM_PATH) + " --port 0 --config " + config + " >/dev/null 2>&1";
    int st = std::system(cmd.c_str());
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  };
  temp_file bad(R"({"clients":[{"clientId":"x"}]})");
  BOOST_TEST(exit_status(bad.path()) == 2);
  temp_file bad_seed(
      R"({"seed":{"numbers":[{"telephoneNumber":"+15550001","accountName":"ghost","serviceDetails":{}}]}})");
  BOOST_TEST(exit_status(bad_seed.path()) == 2);
  temp_file unknown_key(R"({"rateLimitt":5})");
  BOOST_TEST(exit_status(unknown_key.path()) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
