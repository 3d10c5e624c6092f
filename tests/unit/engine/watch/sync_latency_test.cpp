#include "engine/watch/sync_latency.hpp"

#include <boost/test/unit_test.hpp>

using acgprov::engine::sync_latency;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(sync_latency_tests)

BOOST_AUTO_TEST_CASE(nothing_is_known_until_a_poll_settles_a_row) {
  sync_latency l;
  BOOST_TEST(!l.estimate());
  l.begin_poll();
  l.end_poll();  // everything was still pending
  BOOST_TEST(!l.estimate());
}

BOOST_AUTO_TEST_CASE(the_youngest_settled_row_of_a_poll_bounds_the_latency) {
  sync_latency l;
  l.begin_poll();
  l.settled_at_age(5s);
  l.settled_at_age(3200ms);
  l.settled_at_age(4s);
  l.end_poll();
  BOOST_TEST((l.estimate() == std::chrono::steady_clock::duration(3200ms)));
}

BOOST_AUTO_TEST_CASE(the_latest_poll_that_settled_anything_wins) {
  sync_latency l;
  l.begin_poll();
  l.settled_at_age(1s);
  l.end_poll();
  l.begin_poll();  // the backend slowed down: rows now take longer
  l.settled_at_age(7s);
  l.settled_at_age(9s);
  l.end_poll();
  BOOST_TEST((l.estimate() == std::chrono::steady_clock::duration(7s)));
  l.begin_poll();  // a poll that settled nothing teaches nothing
  l.end_poll();
  BOOST_TEST((l.estimate() == std::chrono::steady_clock::duration(7s)));
}

BOOST_AUTO_TEST_SUITE_END()
