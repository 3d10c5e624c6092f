#include "engine/request/token_bucket.hpp"

#include <boost/test/unit_test.hpp>

using acgprov::engine::token_bucket;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(token_bucket_tests)

BOOST_AUTO_TEST_CASE(burst_is_free_then_paced_at_rate) {
  const auto t0 = token_bucket::time_point{} + 100s;
  token_bucket b(10.0, 3, t0);  // 10 per second, burst 3
  BOOST_TEST((b.reserve(t0) == t0));
  BOOST_TEST((b.reserve(t0) == t0));
  BOOST_TEST((b.reserve(t0) == t0));
  // Bucket empty: each further token is 100 ms after the previous one.
  BOOST_TEST((b.reserve(t0) == t0 + 100ms));
  BOOST_TEST((b.reserve(t0) == t0 + 200ms));
}

BOOST_AUTO_TEST_CASE(refills_over_time_up_to_burst) {
  const auto t0 = token_bucket::time_point{} + 100s;
  token_bucket b(2.0, 2, t0);
  b.reserve(t0);
  b.reserve(t0);
  // 10 s later the bucket holds 2 again (not 20): burst caps it.
  auto t1 = t0 + 10s;
  BOOST_TEST((b.reserve(t1) == t1));
  BOOST_TEST((b.reserve(t1) == t1));
  BOOST_TEST((b.reserve(t1) == t1 + 500ms));
}

BOOST_AUTO_TEST_CASE(reservations_are_fifo) {
  const auto t0 = token_bucket::time_point{} + 100s;
  token_bucket b(1.0, 1, t0);
  auto prev = b.reserve(t0);
  for (int i = 0; i < 50; ++i) {
    auto next = b.reserve(t0 + std::chrono::milliseconds(i));
    BOOST_TEST((next > prev));
    prev = next;
  }
}

BOOST_AUTO_TEST_CASE(pause_holds_everything_until_it_ends_then_restarts_empty) {
  const auto t0 = token_bucket::time_point{} + 100s;
  token_bucket b(10.0, 5, t0);
  b.pause_until(t0 + 3s);
  BOOST_TEST((b.paused_until() == t0 + 3s));
  // First token after the pause: at the pause's end plus one interval (the bucket restarts empty).
  BOOST_TEST((b.reserve(t0) == t0 + 3s + 100ms));
  // A shorter pause does not shorten a longer one.
  b.pause_until(t0 + 1s);
  BOOST_TEST((b.paused_until() == t0 + 3s));
}

BOOST_AUTO_TEST_CASE(rate_change_applies_to_later_reservations) {
  const auto t0 = token_bucket::time_point{} + 100s;
  token_bucket b(10.0, 1, t0);
  b.reserve(t0);
  b.set_rate(1.0);
  BOOST_TEST((b.reserve(t0) == t0 + 1s));
  b.set_rate(0);  // ignored: a zero rate would never hand out a token
  BOOST_TEST(b.rate() == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
