// States that last until a test says so (docs/sim.md §8.5, §10): syncs pending for N reads or
// until released, token answers held until released. They let tests wait for "the client has
// looked" instead of racing a delay.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const char* const clients =
    R"("clients":[{"clientId":"sim-client","secret":"sim-secret","roles":["ProvisioningAPI.Admin"]}])";

}  // namespace

BOOST_AUTO_TEST_SUITE(holds)

BOOST_AUTO_TEST_CASE(pending_reads_count_reads_not_time) {
  temp_file config(std::string("{") + clients +
                   R"(,"syncRules":[{"numberPrefix":"+1555","outcome":"synced","pendingReads":2}]})");
  // A delay of an hour: only the reads can end the pending state.
  sim_env env(fast_flags({"--config", config.path(), "--sync-delay-ms", "3600000"}));
  env.put_account("contoso", oc_account("contoso"));
  auto put = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"));
  BOOST_TEST(parse_json(put.body).as_object().at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(env.state().at("numbers").as_array()[0].as_object().at("serviceProvisioningStatus").as_string() ==
             "pending");                                                                 // inspection is not a read
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "pending");      // read 1
  auto list = parse_json(env.api("GET", "/accounts/contoso/numbers").body).as_object();  // read 2
  BOOST_TEST(list.at("value").as_array()[0].as_object().at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "synced");
}

BOOST_AUTO_TEST_CASE(a_seeded_pending_account_can_count_reads) {
  temp_file config(std::string("{") + clients + R"(,"seed":{"accounts":[
    {"name":"contoso","serviceProvisioningStatus":"pending","pendingReads":1,
     "serviceDetails":{"teamsOperatorConnect":{"enabled":true,"syncEnabled":true},"teamsTenantId":"a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a"}}]}})");
  sim_env env(fast_flags({"--config", config.path(), "--sync-delay-ms", "3600000"}));
  BOOST_TEST(status_of(env, "/accounts/contoso") == "pending");
  BOOST_TEST(status_of(env, "/accounts/contoso") == "synced");
}

BOOST_AUTO_TEST_CASE(held_syncs_stay_pending_until_released) {
  temp_file config(std::string("{") + clients +
                   R"(,"syncRules":[{"numberPrefix":"+1555","outcome":"failed","hold":true}]})");
  sim_env env(fast_flags({"--config", config.path()}));  // --sync-delay-ms 0
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  env.put_number("contoso", "+15550002", oc_number("contoso", "+15550002"));
  for (int i = 0; i < 3; ++i) BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "pending");
  auto one = env.raw("POST", "/_sim/release-syncs", {{"Content-Type", "application/json"}},
                     R"({"telephoneNumber":"+15550001"})");
  BOOST_TEST(one.status == 200);
  BOOST_TEST(parse_json(one.body).as_object().at("released").as_int64() == 1);
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "failed");
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550002") == "pending");
  auto rest = env.raw("POST", "/_sim/release-syncs");
  BOOST_TEST(parse_json(rest.body).as_object().at("released").as_int64() == 1);
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550002") == "failed");
  BOOST_TEST(env.raw("POST", "/_sim/release-syncs", {{"Content-Type", "application/json"}}, R"({"nope":"x"})").status ==
             400);
}

BOOST_AUTO_TEST_CASE(token_answers_are_held_until_released) {
  sim_env env;
  auto hold = env.raw("POST", "/_sim/token-hold", {{"Content-Type", "application/json"}}, R"({"after":1})");
  BOOST_TEST_REQUIRE(hold.status == 200, hold.body);
  BOOST_TEST(env.fetch_token().size() > 0u);  // the one let through

  // The next answer is held: a second client waits for it while this one releases it.
  http_reply held;
  std::thread waiter([&] {
    https_test_client other(env.sim.ready(), std::chrono::seconds(60));
    held =
        other.request("POST", "/sim-tenant/oauth2/v2.0/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                      "grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret&scope="
                      "https%3A%2F%2Ffunc-voiceservice-rp-prod-eastuseuap.azurewebsites.net%2F.default");
  });
  // Bounded: until the emulator says it holds an answer.
  bool seen = false;
  for (int i = 0; i < 6000 && !seen; ++i) {
    seen = parse_json(env.raw("GET", "/_sim/token-hold").body).as_object().at("held").as_int64() == 1;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  BOOST_TEST(seen);
  BOOST_TEST(env.raw("POST", "/_sim/token-release").status == 200);
  waiter.join();
  BOOST_TEST(held.status == 200, held.body);
  BOOST_TEST(env.fetch_token().size() > 0u);  // no longer holding
}

BOOST_AUTO_TEST_SUITE_END()
