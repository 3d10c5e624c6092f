#include "engine/task_group.hpp"

#include <boost/asio/co_spawn.hpp>

namespace acgprov::engine {

void task_group::spawn(const net::any_io_executor& ex, awaitable<void> task) {
  ++running_;
  net::co_spawn(ex, std::move(task), [this](std::exception_ptr e) {
    if (e && !failure_) {
      failure_ = e;
      ctx_.abort("internal error");
    }
    if (--running_ == 0 && ended_) ended_->cancel();
  });
}

awaitable<void> task_group::join() {
  if (running_ == 0) co_return;
  ended_.emplace(co_await net::this_coro::executor, net::steady_timer::time_point::max());
  // Bounded: woken by the last task's end (cancel), which comes once every task has ended.
  while (running_ > 0) co_await ended_->async_wait(as_result);
  ended_.reset();
}

}  // namespace acgprov::engine
