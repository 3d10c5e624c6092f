#include "auth/token_cache.hpp"

namespace acgprov::auth {

token_cache::token_cache(token_source& source, std::function<clock::time_point()> now)
    : source_(source), now_(std::move(now)) {}

void token_cache::invalidate(const std::string& rejected) {
  if (current_ && current_->value == rejected) current_.reset();
}

void token_cache::abort() {
  aborted_ = true;
  source_.abort();
  if (refreshing_) refreshing_->cancel();
}

awaitable<token_result<std::string>> token_cache::get() {
  const token_error stopped{.error = "aborted", .description = "the run was stopped"};
  // Bounded: each round either returns or waits for one refresh to finish.
  for (int round = 0; round < 4; ++round) {
    if (aborted_) co_return stopped;
    auto now = now_();
    if (current_ && now < current_->refresh_at) co_return current_->value;

    if (refreshing_) {
      // Someone is refreshing. A still-valid token serves meanwhile; otherwise wait for it.
      if (current_ && now < current_->expires_at) co_return current_->value;
      auto event = refreshing_;
      co_await event->async_wait(as_result);  // woken by cancel() when the refresh ends
      if (aborted_) co_return stopped;
      if (current_ && now_() < current_->expires_at) co_return current_->value;
      if (last_error_) co_return *last_error_;
      continue;
    }

    refreshing_ =
        std::make_shared<net::steady_timer>(co_await net::this_coro::executor, net::steady_timer::time_point::max());
    auto fetched = co_await source_.fetch();
    auto event = std::move(refreshing_);
    refreshing_.reset();
    if (fetched) {
      ++fetched_;
      auto got = now_();
      // Refresh at three quarters of the lifetime: far enough ahead for a slow token endpoint,
      // and it works for the short lifetimes of tests as well as for the usual hour.
      current_ = cached{std::move(fetched->value), got + fetched->lifetime * 3 / 4, got + fetched->lifetime};
      last_error_.reset();
    } else {
      last_error_ = fetched.error();
      // A refused refresh leaves no usable token: the caller aborts the run.
      if (fetched.error().refused) current_.reset();
    }
    event->cancel();
    if (current_ && now_() < current_->expires_at) co_return current_->value;
    if (last_error_) co_return *last_error_;
  }
  if (aborted_) co_return stopped;
  co_return last_error_ ? *last_error_ : token_error{.error = "token_unavailable"};
}

}  // namespace acgprov::auth
