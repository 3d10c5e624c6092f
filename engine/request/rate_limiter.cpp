#include "engine/request/rate_limiter.hpp"

#include <algorithm>

namespace acgprov::engine {

using clock = token_bucket::clock;

rate_limiter::rate_limiter(net::any_io_executor ex, rate_config cfg)
    : executor_(std::move(ex)), config_(cfg), bucket_(cfg.rate, cfg.burst, clock::now()) {}

awaitable<bool> rate_limiter::acquire() {
  // Bounded: a round repeats only when a pause began while this waiter slept.
  for (int round = 0; round < 1000 && !stopped_; ++round) {
    auto now = clock::now();
    auto at = bucket_.reserve(now);
    if (at > now) {
      net::steady_timer timer(executor_, at);
      auto it = sleeping_.insert(sleeping_.end(), &timer);
      co_await timer.async_wait(as_result);
      sleeping_.erase(it);
      if (stopped_) co_return false;
    }
    if (bucket_.paused_until() > clock::now()) continue;
    co_return true;
  }
  co_return false;
}

void rate_limiter::stop() {
  stopped_ = true;
  for (auto* t : sleeping_) t->cancel();
}

void rate_limiter::on_throttled(std::chrono::milliseconds retry_after) {
  auto now = clock::now();
  bucket_.pause_until(now + retry_after);
  accepted_since_change_ = 0;
  if (!config_.adaptive) return;
  // One decrease per pause window: the 429s of requests already in flight say the same thing.
  if (now < last_decrease_ + std::max<clock::duration>(retry_after, std::chrono::seconds(1))) return;
  last_decrease_ = now;
  bucket_.set_rate(std::max(config_.rate * config_.min_rate_fraction, bucket_.rate() * 0.8));
}

void rate_limiter::on_stalled() {
  if (!config_.adaptive) return;
  auto now = clock::now();
  accepted_since_change_ = 0;
  if (now < last_decrease_ + std::chrono::seconds(5)) return;
  last_decrease_ = now;
  bucket_.set_rate(std::max(config_.rate * config_.min_rate_fraction, bucket_.rate() * 0.8));
}

void rate_limiter::on_accepted() {
  if (!config_.adaptive || bucket_.rate() >= config_.rate) return;
  // Additive increase: +2% of the ceiling per 50 accepted requests.
  if (++accepted_since_change_ < 50) return;
  accepted_since_change_ = 0;
  bucket_.set_rate(std::min(config_.rate, bucket_.rate() + config_.rate * 0.02));
}

}  // namespace acgprov::engine
