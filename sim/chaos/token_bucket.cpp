#include "sim/chaos/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace acgprov::sim {

token_bucket::token_bucket(double per_minute, double burst, clock::time_point now)
    : per_second_(0), capacity_(1), tokens_(1), last_(now) {
  reconfigure(per_minute, burst, now);
}

void token_bucket::reconfigure(double per_minute, double burst, clock::time_point now) {
  per_second_ = per_minute / 60.0;
  capacity_ = std::max(1.0, burst);
  tokens_ = capacity_;
  last_ = now;
}

void token_bucket::refill(clock::time_point now) {
  if (now <= last_) return;
  double elapsed = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(capacity_, tokens_ + elapsed * per_second_);
  last_ = now;
}

bool token_bucket::try_take(clock::time_point now) {
  if (!enabled()) return true;
  refill(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return true;
  }
  return false;
}

long token_bucket::retry_after_seconds(clock::time_point now) const {
  if (!enabled()) return 0;
  double tokens = tokens_;
  if (now > last_)
    tokens = std::min(capacity_, tokens + std::chrono::duration<double>(now - last_).count() * per_second_);
  double missing = 1.0 - tokens;
  if (missing <= 0) return 1;
  return std::max(1L, static_cast<long>(std::ceil(missing / per_second_)));
}

}  // namespace acgprov::sim
