// Fault injection: 5xx, resets, stalls, latency; seeded so that runs repeat; API only.
#include "sim/chaos/faults.hpp"
#include "tests/sim/sim_fixture.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

// The statuses of `n` GETs in order (0 for no answer).
std::vector<int> status_sequence(sim_env& env, int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) out.push_back(env.api("GET", "/accounts").status);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(injected_5xx_applies_nothing) {
  sim_env env(fast_flags({"--fault-5xx", "1"}));  // the token endpoint is not affected
  auto r = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST((r.status == 500 || r.status == 503), r.status);
  auto code = r.header("x-ms-error-code");
  BOOST_TEST((code == "InternalServerError" || code == "ServiceUnavailable"));
  BOOST_TEST(body_of(r).at("error").as_object().contains("message"));
  BOOST_TEST(env.state().at("accounts").as_array().empty());
  BOOST_TEST(env.raw("GET", "/_sim/health").status == 200);  // /_sim/ is never faulted
  auto faults = env.stats().at("faults").as_object();
  int n = 0;
  for (const char* k : {"500", "503"})
    if (auto* v = faults.if_contains(k)) n += v->to_number<int>();
  BOOST_TEST(n == 1);
}

BOOST_AUTO_TEST_CASE(injected_resets_close_the_connection_before_applying) {
  sim_env env(fast_flags({"--fault-reset", "1"}));
  auto r = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(static_cast<bool>(r.error));
  BOOST_TEST(!env.client.is_open());
  BOOST_TEST(env.state().at("accounts").as_array().empty());
  BOOST_TEST(env.stats().at("faults").as_object().at("reset").to_number<int>() == 1);
}

BOOST_AUTO_TEST_CASE(injected_stalls_time_out) {
  sim_env env(fast_flags({"--fault-stall", "1"}));
  // Connected first (the health check is no API request, so not stalled): the timeout then
  // covers only the stalled answer, never a handshake slowed by a busy machine. The stall
  // lasts --stall-timeout (120 s), so any shorter timeout sees it.
  https_test_client impatient(env.sim.ready(), std::chrono::seconds(2));
  BOOST_TEST_REQUIRE(impatient.request("GET", "/_sim/health").status == 200);
  auto r = impatient.request("GET", versioned("/accounts"), {{"Authorization", "Bearer " + env.token}});
  BOOST_TEST((r.error == boost::beast::error::timeout), r.error.message());
  BOOST_TEST(wait_for_stats(env, [](const json::object& s) { return fault_count(s, "stall") >= 1; }));
  BOOST_TEST(fault_count(env.stats(), "stall") == 1u);
}

BOOST_AUTO_TEST_CASE(latency_is_added_to_api_answers_only) {
  sim_env env(fast_flags({"--fault-latency-ms", "400"}));
  auto started = std::chrono::steady_clock::now();
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST((std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(400)));
  // Not timed (a loaded machine can take that long for anything): the emulator counts each
  // answer it delays, and the inspection request is not one of them.
  BOOST_TEST(env.raw("GET", "/_sim/health").status == 200);
  BOOST_TEST(env.stats().at("faults").as_object().at("latency").to_number<int>() == 1);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_faults) {
  auto args = fast_flags({"--fault-5xx", "0.5", "--fault-seed", "42"});
  sim_env first(args);
  sim_env second(args);
  auto a = status_sequence(first, 30);
  auto b = status_sequence(second, 30);
  BOOST_TEST(a == b, boost::test_tools::per_element());
  BOOST_TEST(std::count(a.begin(), a.end(), 200) > 0);
  BOOST_TEST(std::count(a.begin(), a.end(), 200) < 30);
  // Naming the seed at run time restarts the sequence.
  BOOST_TEST(first.configure(R"({"faults":{"seed":42}})").status == 200);
  BOOST_TEST(status_sequence(first, 30) == a, boost::test_tools::per_element());
  sim_env other(fast_flags({"--fault-5xx", "0.5", "--fault-seed", "7"}));
  BOOST_TEST((status_sequence(other, 30) != a));
}

BOOST_AUTO_TEST_CASE(token_endpoint_faults_only_on_request) {
  sim_env env(fast_flags({"--fault-5xx", "1", "--fault-token"}), false);
  auto r = env.token_request({{"grant_type", "client_credentials"},
                              {"client_id", "sim-client"},
                              {"client_secret", "sim-secret"},
                              {"scope", api_scope}});
  BOOST_TEST(r.status == 503);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(logic)
using namespace acgprov::sim;

BOOST_AUTO_TEST_CASE(faults_repeat_with_the_seed) {
  fault_settings f;
  f.p_5xx = 0.3;
  f.p_reset = 0.1;
  f.p_stall = 0.1;
  fault_injector a(42), b(42);
  int none = 0;
  for (int i = 0; i < 200; ++i) {
    auto x = a.draw(f);
    BOOST_TEST_REQUIRE((x == b.draw(f)));
    none += x == fault_kind::none;
  }
  BOOST_TEST(none > 60);
  BOOST_TEST(none < 140);
  fault_settings off;
  for (int i = 0; i < 100; ++i) BOOST_TEST_REQUIRE((a.draw(off) == fault_kind::none));
}

BOOST_AUTO_TEST_SUITE_END()
