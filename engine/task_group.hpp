#pragma once
// Coroutines started together and awaited together (the pipeline's writers and its watch, the
// row workers of `accounts apply` and `rfi update`). The first exception a task throws aborts
// the run ("internal error") and is kept for rethrow_failure(). Single-threaded: completion
// handlers run on the one io_context thread, so the counter needs no lock. The group must
// outlive its tasks: join() before it goes.
#include "engine/run_context.hpp"

#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <exception>
#include <optional>

namespace acgprov::engine {

class task_group {
public:
  explicit task_group(run_context& ctx) : ctx_(ctx) {}
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  void spawn(const net::any_io_executor& ex, awaitable<void> task);
  // Every task has ended.
  bool done() const { return running_ == 0; }
  // Until every task has ended (at once when none runs).
  awaitable<void> join();
  // The first task's exception, if one threw.
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

private:
  run_context& ctx_;
  std::size_t running_ = 0;
  std::exception_ptr failure_;
  std::optional<net::steady_timer> ended_;  // while join() waits
};

}  // namespace acgprov::engine
