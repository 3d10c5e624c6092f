// Throttling: a token bucket over API requests only; 429 + Retry-After, or stalled connections.
#include "sim/chaos/token_bucket.hpp"
#include "tests/sim/sim_fixture.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

BOOST_AUTO_TEST_SUITE(throttling)

BOOST_AUTO_TEST_CASE(exceeding_the_bucket_gives_429_with_retry_after) {
  sim_env env(fast_flags({"--rate-limit", "6", "--burst", "2"}));  // one token per 10 s
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  auto r = env.api("GET", "/accounts", {}, {{"x-ms-client-request-id", "c1"}});
  BOOST_TEST_REQUIRE(r.status == 429);
  BOOST_TEST(r.header("x-ms-error-code") == "TooManyRequests");
  BOOST_TEST(r.header("x-ms-client-request-id") == "c1");
  int retry = std::stoi(r.header("Retry-After"));
  BOOST_TEST(retry >= 9);
  BOOST_TEST(retry <= 10);
  auto e = parse_json(r.body).as_object().at("error").as_object();
  BOOST_TEST(e.at("code").as_string() == "TooManyRequests");
  // Neither /_sim/ nor the token endpoint count or are throttled.
  for (int i = 0; i < 5; ++i) BOOST_TEST(env.raw("GET", "/_sim/health").status == 200);
  BOOST_TEST(!env.fetch_token().empty());
  // Unauthenticated requests count too: the throttle is in front.
  BOOST_TEST(env.api("GET", "/accounts", {}, {}, "-").status == 429);
  auto stats = env.stats();
  BOOST_TEST(stats.at("throttled").to_number<int>() == 2);
  BOOST_TEST(op_count(stats, "Accounts_List", 429) == 2u);
}

BOOST_AUTO_TEST_CASE(rate_limit_can_change_at_run_time) {
  sim_env env(fast_flags({"--rate-limit", "6", "--burst", "1"}));
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 429);
  auto r = env.configure(R"({"rateLimit":0})");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(parse_json(r.body).as_object().at("rateLimit").to_number<double>() == 0);
  for (int i = 0; i < 20; ++i) BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.configure(R"({"rateLimit":6,"burst":2})").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  BOOST_TEST(env.api("GET", "/accounts").status == 429);
  BOOST_TEST(env.configure(R"({"rateLimit":"fast"})").status == 400);
  BOOST_TEST(env.configure(R"({"noSuchSetting":1})").status == 400);
}

BOOST_AUTO_TEST_CASE(stall_mode_leaves_the_client_to_time_out) {
  sim_env env(fast_flags({"--rate-limit", "6", "--burst", "1", "--throttle-mode", "stall"}));
  BOOST_TEST(env.api("GET", "/accounts").status == 200);
  // Connected first (the health check is not throttled): the timeout covers only the stalled
  // answer, never a handshake slowed by a busy machine.
  https_test_client impatient(env.sim.ready(), std::chrono::seconds(2));
  BOOST_TEST_REQUIRE(impatient.request("GET", "/_sim/health").status == 200);
  auto started = std::chrono::steady_clock::now();
  auto r = impatient.request("GET", versioned("/accounts"), {{"Authorization", "Bearer " + env.token}});
  BOOST_TEST(r.status == 0);
  BOOST_TEST((r.error == boost::beast::error::timeout), r.error.message());
  BOOST_TEST((std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(1900)));
  // The emulator is still fine for others, and counted the stall as throttled (on its own
  // time: the client's giving up says nothing of when the emulator read the request).
  auto throttled = [](const json::object& s) { return s.at("throttled").to_number<int>() >= 1; };
  BOOST_TEST(wait_for_stats(env, throttled));
  BOOST_TEST(env.stats().at("throttled").to_number<int>() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(logic)
using namespace acgprov::sim;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(token_bucket_refills_at_rate_per_minute) {
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  token_bucket b(60, 3, t0);  // one token per second, three at most
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(!b.try_take(t0));
  BOOST_TEST(b.retry_after_seconds(t0) == 1);
  BOOST_TEST(!b.try_take(t0 + 999ms));
  BOOST_TEST(b.try_take(t0 + 1001ms));
  BOOST_TEST(!b.try_take(t0 + 1001ms));
  // A long pause refills only up to the burst.
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(!b.try_take(t0 + 1h));
  token_bucket slow(6, 1, t0);  // one per 10 s
  BOOST_TEST(slow.try_take(t0));
  BOOST_TEST(slow.retry_after_seconds(t0) == 10);
  BOOST_TEST(slow.retry_after_seconds(t0 + 2500ms) == 8);  // 7.5 s rounded up
  token_bucket off(0, 1, t0);
  for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE(off.try_take(t0));
}

BOOST_AUTO_TEST_SUITE_END()
