// Test controls (docs/sim.md §10): scripted answers for the coming API requests, and a hold
// that lets the first N answers through. They let an e2e test meet an exact sequence of
// answers (401, 503, 401) or stop a run at an exact point, whatever the machine's speed.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const header_list json_type{{"Content-Type", "application/json"}};

http_reply script(sim_env& env, const std::string& body) {
  return env.raw("POST", "/_sim/script-answers", json_type, body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(test_controls)

BOOST_AUTO_TEST_CASE(scripted_answers_come_in_order_then_normal_service) {
  sim_env env(fast_flags());
  auto set = script(env, R"({"answers":[{"status":401},{"status":503,"retryAfter":1},{"status":401}]})");
  BOOST_TEST_REQUIRE(set.status == 200, set.body);
  BOOST_TEST(body_of(set).at("left").as_int64() == 3);

  // 401 as the API answers a token that expired on the way: the challenge and the error body.
  auto first = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST(first.status == 401, first.body);
  BOOST_TEST(first.header("WWW-Authenticate").find("error=\"invalid_token\"") != std::string::npos,
             first.header("WWW-Authenticate"));
  BOOST_TEST(first.header("x-ms-error-code") == "Unauthorized");
  BOOST_TEST(body_of(first).at("error").as_object().at("code").as_string() == "Unauthorized");

  auto second = env.api("GET", "/accounts");
  BOOST_TEST(second.status == 503, second.body);
  BOOST_TEST(second.header("Retry-After") == "1");
  BOOST_TEST(second.header("x-ms-error-code") == "ServiceUnavailable");

  BOOST_TEST(env.api("GET", "/accounts").status == 401);
  BOOST_TEST(env.state().at("accounts").as_array().empty());  // a scripted answer applies nothing

  auto left = body_of(env.raw("GET", "/_sim/script-answers"));
  BOOST_TEST(left.at("left").as_int64() == 0);
  BOOST_TEST(left.at("given").as_int64() == 3);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);  // the script is used up: normal service
  BOOST_TEST(op_count(env.stats(), "Accounts_List", 503) == 1u);
}

BOOST_AUTO_TEST_CASE(a_script_for_one_operation_leaves_the_others_alone) {
  sim_env env(fast_flags());
  BOOST_TEST_REQUIRE(script(env, R"({"operation":"Accounts_CreateOrReplace","answers":[{"status":503}]})").status ==
                     200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);  // another operation: not scripted
  auto put = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST(put.status == 503, put.body);
  BOOST_TEST(put.header("Retry-After") == "0");  // 503 says when to come back: at once
  BOOST_TEST(env.state().at("accounts").as_array().empty());
  auto again = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST((again.status == 200 || again.status == 201), again.body);

  // {"answers": []} ends a script; a bad one is refused and changes nothing.
  BOOST_TEST(script(env, R"({"answers":[{"status":500},{"status":500}]})").status == 200);
  BOOST_TEST(script(env, R"({"answers":[{"status":200}]})").status == 400);
  BOOST_TEST(script(env, R"({"answers":[{"status":503,"retryAfter":-1}]})").status == 400);
  BOOST_TEST(script(env, R"({"answer":[]})").status == 400);
  BOOST_TEST(body_of(env.raw("GET", "/_sim/script-answers")).at("left").as_int64() == 2);
  BOOST_TEST(script(env, R"({"answers":[]})").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
}

BOOST_AUTO_TEST_CASE(a_hold_after_n_lets_the_first_n_answers_through) {
  sim_env env(fast_flags());
  BOOST_TEST(env.raw("POST", "/_sim/hold", json_type, R"({"operation":"Accounts_List","after":-1})").status == 400);
  auto hold = env.raw("POST", "/_sim/hold", json_type, R"({"operation":"Accounts_List","after":2})");
  BOOST_TEST_REQUIRE(hold.status == 200, hold.body);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(body_of(env.raw("GET", "/_sim/hold")).at("held").as_int64() == 0);

  // The third is held: another client waits for it while this one releases it.
  http_reply held;
  std::thread waiter([&] {
    https_test_client other(env.sim.ready(), std::chrono::seconds(60));
    held = other.request("GET", versioned("/accounts"), {{"Authorization", "Bearer " + env.token}});
  });
  bool seen = false;  // bounded: until the emulator says it holds the answer
  for (int i = 0; i < 6000 && !seen; ++i) {
    seen = body_of(env.raw("GET", "/_sim/hold")).at("held").as_int64() == 1;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  BOOST_TEST(seen);
  BOOST_TEST(env.raw("POST", "/_sim/release").status == 200);
  waiter.join();
  BOOST_TEST(held.status == 200, held.body);
}

BOOST_AUTO_TEST_SUITE_END()
