#include "auth/token_cache.hpp"
#include "auth/client_secret_source.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <vector>

using namespace acgprov;
using namespace std::chrono_literals;

namespace {

// A token source whose fetch waits until the test opens the gate, so that several getters
// pile up behind one refresh.
struct gated_source : auth::token_source {
  explicit gated_source(net::io_context& io) : gate(io, net::steady_timer::time_point::max()) {}
  awaitable<auth::token_result<auth::access_token>> fetch() override {
    ++fetches;
    if (hold) co_await gate.async_wait(as_result);
    if (refuse) co_return auth::token_error{.refused = true, .http_status = 401, .error = "invalid_client"};
    co_return auth::access_token{"token-" + std::to_string(fetches), 100s};
  }
  net::steady_timer gate;
  int fetches = 0;
  bool hold = false;
  bool refuse = false;
};

struct fake_clock {
  auth::token_cache::clock::time_point now = auth::token_cache::clock::time_point{} + 1000s;
};

awaitable<void> get_into(auth::token_cache& cache, std::vector<std::string>& out) {
  auto t = co_await cache.get();
  out.push_back(t ? *t : "error:" + t.error().error);
}

awaitable<void> release_after_yields(gated_source& src) {
  // Let every spawned getter reach its wait (a bounded number of turns of the loop).
  for (int i = 0; i < 100; ++i) co_await net::post(co_await net::this_coro::executor, use_awaitable);
  src.gate.cancel();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(token_cache_tests)

BOOST_AUTO_TEST_CASE(one_refresh_serves_all_waiters) {
  net::io_context io;
  gated_source src(io);
  src.hold = true;
  fake_clock clk;
  auth::token_cache cache(src, [&] { return clk.now; });
  std::vector<std::string> got;
  for (int i = 0; i < 10; ++i) net::co_spawn(io, get_into(cache, got), net::detached);
  net::co_spawn(io, release_after_yields(src), net::detached);
  io.run();
  BOOST_TEST(src.fetches == 1);
  BOOST_TEST_REQUIRE(got.size() == 10u);
  for (const auto& g : got) BOOST_TEST(g == "token-1");
}

BOOST_AUTO_TEST_CASE(cached_until_three_quarters_of_lifetime) {
  net::io_context io;
  gated_source src(io);
  fake_clock clk;
  auth::token_cache cache(src, [&] { return clk.now; });
  std::vector<std::string> got;
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  io.restart();
  clk.now += 74s;  // lifetime 100 s: still fresh
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  io.restart();
  clk.now += 2s;  // past 75 s: refresh
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  BOOST_TEST(src.fetches == 2);
  BOOST_TEST((got == std::vector<std::string>{"token-1", "token-1", "token-2"}));
  BOOST_TEST(cache.tokens_fetched() == 2u);
}

BOOST_AUTO_TEST_CASE(invalidate_forces_a_new_token_only_for_the_current_one) {
  net::io_context io;
  gated_source src(io);
  fake_clock clk;
  auth::token_cache cache(src, [&] { return clk.now; });
  std::vector<std::string> got;
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  io.restart();
  cache.invalidate("some-older-token");  // not current: ignored
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  io.restart();
  cache.invalidate("token-1");
  net::co_spawn(io, get_into(cache, got), net::detached);
  io.run();
  BOOST_TEST((got == std::vector<std::string>{"token-1", "token-1", "token-2"}));
}

BOOST_AUTO_TEST_CASE(refusal_reaches_every_waiter) {
  net::io_context io;
  gated_source src(io);
  src.hold = true;
  src.refuse = true;
  fake_clock clk;
  auth::token_cache cache(src, [&] { return clk.now; });
  std::vector<std::string> got;
  for (int i = 0; i < 3; ++i) net::co_spawn(io, get_into(cache, got), net::detached);
  net::co_spawn(io, release_after_yields(src), net::detached);
  io.run();
  BOOST_TEST(src.fetches == 1);
  BOOST_TEST((got == std::vector<std::string>(3, "error:invalid_client")));
}

BOOST_AUTO_TEST_CASE(token_response_parsing) {
  auto ok = auth::parse_token_response(200, R"({"token_type":"Bearer","expires_in":3599,"access_token":"abc"})", "u");
  BOOST_TEST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->value == "abc");
  BOOST_TEST(ok->lifetime.count() == 3599);

  auto str = auth::parse_token_response(200, R"({"expires_in":"60","access_token":"x"})", "u");
  BOOST_TEST_REQUIRE(str.has_value());
  BOOST_TEST(str->lifetime.count() == 60);

  auto bad = auth::parse_token_response(
      401,
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]})",
      "https://login/t/oauth2/v2.0/token");
  BOOST_TEST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().refused);
  BOOST_TEST(bad.error().error == "invalid_client");
  BOOST_TEST(bad.error().message().find("AADSTS7000215") != std::string::npos);

  auto busy = auth::parse_token_response(503, "", "u");
  BOOST_TEST(!busy.has_value());
  BOOST_TEST(!busy.error().refused);

  auto empty = auth::parse_token_response(200, R"({"access_token":""})", "u");
  BOOST_TEST(!empty.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
