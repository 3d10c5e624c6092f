#pragma once
// The throttle in front of the API: a token bucket refilled at rate/60 per second up to
// `burst` tokens. Pure arithmetic over a caller-supplied clock, so the server passes
// steady_clock::now() and nothing here sleeps.
#include <chrono>

namespace acgprov::sim {

class token_bucket {
public:
  using clock = std::chrono::steady_clock;

  // rate 0 disables throttling.
  token_bucket(double per_minute, double burst, clock::time_point now);

  // Takes one token; false when the bucket is empty (the request is throttled).
  bool try_take(clock::time_point now);
  // Whole seconds (rounded up, at least 1) until a token will be available.
  long retry_after_seconds(clock::time_point now) const;
  // New rate and burst; the bucket starts full again.
  void reconfigure(double per_minute, double burst, clock::time_point now);
  bool enabled() const { return per_second_ > 0; }

private:
  void refill(clock::time_point now);
  double per_second_;
  double capacity_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace acgprov::sim
