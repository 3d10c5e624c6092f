#pragma once
// Token-bucket arithmetic with no I/O and no clock of its own: the caller passes `now`, so
// tests drive it with made-up times. Reservations are handed out in call order (FIFO).
#include <chrono>

namespace acgprov::engine {

class token_bucket {
public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;
  using duration = clock::duration;

  // rate: tokens per second (> 0); burst: bucket size in tokens (>= 1).
  token_bucket(double rate, double burst, time_point now);

  // Takes one token and returns when it may be used: `now` if one was there, else the time
  // the debt is paid back. Later callers get later times.
  time_point reserve(time_point now);

  // The server said "not before t" (429 Retry-After, a stall): nothing is handed out before
  // t, and the bucket restarts empty then, because the server's own bucket is empty.
  void pause_until(time_point t);
  time_point paused_until() const { return paused_until_; }

  void set_rate(double rate);
  double rate() const { return rate_; }
  double burst() const { return burst_; }

private:
  void refill(time_point now);

  double rate_;
  double burst_;
  double tokens_;  // may go negative: the debt of reservations not yet due
  time_point last_;
  time_point paused_until_{};
};

}  // namespace acgprov::engine
