#include "engine/request/retry_policy.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::engine;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(retry_policy_tests)

BOOST_AUTO_TEST_CASE(status_classes) {
  BOOST_TEST((classify_status(200) == attempt_kind::success));
  BOOST_TEST((classify_status(404) == attempt_kind::success));
  BOOST_TEST((classify_status(412) == attempt_kind::success));
  BOOST_TEST((classify_status(401) == attempt_kind::unauthorized));
  BOOST_TEST((classify_status(429) == attempt_kind::throttled));
  BOOST_TEST((classify_status(408) == attempt_kind::throttled));
  BOOST_TEST((classify_status(500) == attempt_kind::server_error));
  BOOST_TEST((classify_status(503) == attempt_kind::server_error));
}

BOOST_AUTO_TEST_CASE(full_jitter_grows_and_is_capped) {
  retry_config cfg{.base_delay = 100ms, .max_delay = 1000ms};
  BOOST_TEST(full_jitter_delay(cfg, 1, 1.0).count() == 100);
  BOOST_TEST(full_jitter_delay(cfg, 2, 1.0).count() == 200);
  BOOST_TEST(full_jitter_delay(cfg, 3, 1.0).count() == 400);
  BOOST_TEST(full_jitter_delay(cfg, 10, 1.0).count() == 1000);
  BOOST_TEST(full_jitter_delay(cfg, 3, 0.5).count() == 200);
  BOOST_TEST(full_jitter_delay(cfg, 3, 0.0).count() == 0);
}

BOOST_AUTO_TEST_CASE(server_errors_retry_until_max_attempts) {
  retry_config cfg{.max_attempts = 3};
  BOOST_TEST(decide_retry(cfg, attempt_kind::server_error, 1, 0, {}, 0.5).retry);
  BOOST_TEST(decide_retry(cfg, attempt_kind::transport, 2, 0, {}, 0.5).retry);
  BOOST_TEST(!decide_retry(cfg, attempt_kind::server_error, 3, 0, {}, 0.5).retry);
}

BOOST_AUTO_TEST_CASE(retry_after_wins_over_backoff) {
  retry_config cfg;
  auto d = decide_retry(cfg, attempt_kind::server_error, 1, 0, 7000ms, 0.5);
  BOOST_TEST(d.retry);
  BOOST_TEST(d.delay.count() == 7000);
}

BOOST_AUTO_TEST_CASE(throttling_has_its_own_budget) {
  retry_config cfg{.max_attempts = 2, .max_throttled = 5};
  BOOST_TEST(decide_retry(cfg, attempt_kind::throttled, 0, 4, 1000ms, 0.5).retry);
  BOOST_TEST(!decide_retry(cfg, attempt_kind::throttled, 0, 5, 1000ms, 0.5).retry);
}

BOOST_AUTO_TEST_CASE(final_answers_are_not_retried) {
  retry_config cfg;
  BOOST_TEST(!decide_retry(cfg, attempt_kind::success, 1, 0, {}, 0.5).retry);
  BOOST_TEST(!decide_retry(cfg, attempt_kind::fatal, 1, 0, {}, 0.5).retry);
  BOOST_TEST(!decide_retry(cfg, attempt_kind::unauthorized, 1, 0, {}, 0.5).retry);
}

BOOST_AUTO_TEST_CASE(retry_after_parsing) {
  BOOST_TEST(parse_retry_after("3")->count() == 3000);
  BOOST_TEST(parse_retry_after(" 0.25 ")->count() == 250);
  BOOST_TEST(!parse_retry_after(""));
  BOOST_TEST(!parse_retry_after("soon"));
  BOOST_TEST(!parse_retry_after("-1"));
  BOOST_TEST(!parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
}

// A Retry-After that is not a finite number is ignored, whatever the status that carried it.
BOOST_AUTO_TEST_CASE(retry_after_that_is_not_a_finite_number_is_ignored) {
  for (const char* v : {"nan", "NaN", "-nan", "inf", "infinity", "-inf", "1e400", "0x10", "3s", "1,5"}) {
    bool capped = true;
    BOOST_TEST(!parse_retry_after(v, &capped), v);
    BOOST_TEST(!capped, v);
  }
}

BOOST_AUTO_TEST_CASE(retry_after_above_five_minutes_is_capped) {
  bool capped = false;
  BOOST_TEST(parse_retry_after("300", &capped)->count() == 300'000);
  BOOST_TEST(!capped);
  BOOST_TEST(parse_retry_after("300.5", &capped)->count() == 300'000);
  BOOST_TEST(capped);
  capped = false;
  BOOST_TEST(parse_retry_after("86400", &capped)->count() == 300'000);  // once "ignored", now capped
  BOOST_TEST(capped);
  capped = false;
  BOOST_TEST(parse_retry_after("1e300", &capped)->count() == 300'000);
  BOOST_TEST(capped);
  BOOST_TEST(parse_retry_after("1e300")->count() == 300'000);  // without a flag to set
  // The capped value is what a 429 pauses for and what a 503's retry waits.
  retry_config cfg;
  auto d = decide_retry(cfg, attempt_kind::server_error, 1, 0, parse_retry_after("7200"), 0.5);
  BOOST_TEST(d.retry);
  BOOST_TEST(d.delay.count() == 300'000);
  d = decide_retry(cfg, attempt_kind::throttled, 0, 1, parse_retry_after("7200"), 0.5);
  BOOST_TEST(d.delay.count() == 300'000);
}

BOOST_AUTO_TEST_SUITE_END()
