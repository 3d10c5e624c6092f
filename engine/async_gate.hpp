#pragma once
// One holder at a time for a stretch of coroutine code that awaits (an async mutex), handed
// over in arrival order. Single-threaded: no atomics needed.
#include "io/net.hpp"

#include <boost/asio/steady_timer.hpp>

#include <deque>

namespace acgprov::engine {

class async_gate {
public:
  awaitable<void> lock() {
    if (!held_) {
      held_ = true;
      co_return;
    }
    net::steady_timer turn(co_await net::this_coro::executor, net::steady_timer::time_point::max());
    waiters_.push_back(&turn);
    co_await turn.async_wait(as_result);  // woken by unlock(), which hands the gate over
  }

  void unlock() {
    if (waiters_.empty()) {
      held_ = false;
      return;
    }
    auto* next = waiters_.front();
    waiters_.pop_front();
    next->cancel();  // the gate stays held: it passes to `next`
  }

private:
  bool held_ = false;
  std::deque<net::steady_timer*> waiters_;
};

}  // namespace acgprov::engine
