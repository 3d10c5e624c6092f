#pragma once
// The run's one rate limiter: every API request (write or poll) awaits a token first.
// Waiters are served in arrival order. Adaptive: a 429 pauses the whole bucket for
// Retry-After and lowers the rate; a steady run of accepted requests raises it back toward
// the configured ceiling, so a long run neither hammers the limit nor wastes its budget.
#include "engine/request/token_bucket.hpp"
#include "io/net.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <list>

namespace acgprov::engine {

struct rate_config {
  double rate = 100.0 / 60.0;  // tokens per second: the live API allows 100 requests a minute
  double burst = 1;            // smooth pacing by default: a burst gains nothing in a long run
  bool adaptive = true;
  double min_rate_fraction = 0.05;  // never slower than this share of `rate`
};

class rate_limiter {
public:
  rate_limiter(net::any_io_executor ex, rate_config cfg);

  // Waits for a token. Returns false if stop() was called meanwhile.
  awaitable<bool> acquire();
  // Wakes every waiter with false and refuses tokens from now on.
  void stop();

  void on_throttled(std::chrono::milliseconds retry_after);  // 429: pause the bucket and slow down
  void on_stalled();   // a timeout that may be the server's silent throttling: slow down
  void on_accepted();  // a request the server did not throttle

  double current_rate() const { return bucket_.rate(); }

private:
  net::any_io_executor executor_;
  rate_config config_;
  token_bucket bucket_;
  std::list<net::steady_timer*> sleeping_;
  bool stopped_ = false;
  std::uint64_t accepted_since_change_ = 0;
  token_bucket::time_point last_decrease_{};
};

}  // namespace acgprov::engine
