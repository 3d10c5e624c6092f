#include "engine/request/token_bucket.hpp"

#include <algorithm>

namespace acgprov::engine {

token_bucket::token_bucket(double rate, double burst, time_point now)
    : rate_(rate), burst_(std::max(1.0, burst)), tokens_(burst_), last_(now) {}

void token_bucket::refill(time_point now) {
  if (now <= last_) return;
  double elapsed = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
  last_ = now;
}

token_bucket::time_point token_bucket::reserve(time_point now) {
  refill(std::max(now, paused_until_));
  tokens_ -= 1.0;
  time_point base = std::max(now, last_);
  if (tokens_ >= 0) return base;
  auto wait = std::chrono::duration<double>(-tokens_ / rate_);
  return base + std::chrono::duration_cast<duration>(wait);
}

void token_bucket::pause_until(time_point t) {
  if (t <= paused_until_) return;
  paused_until_ = t;
  // Restart empty at t; debts already handed out are forgiven because their holders check
  // paused_until() when they wake and reserve again.
  tokens_ = 0;
  last_ = t;
}

void token_bucket::set_rate(double rate) {
  if (rate > 0) rate_ = rate;
}

}  // namespace acgprov::engine
