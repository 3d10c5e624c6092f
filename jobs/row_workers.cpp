#include "jobs/row_workers.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include <exception>

namespace acgprov::jobs {

namespace {

awaitable<void> worker(engine::run_context& ctx, row_job& job) {
  while (!ctx.stopping) {
    bool more = co_await job.run_one();
    if (!more) break;
  }
}

}  // namespace

awaitable<void> run_row_workers(engine::run_context& ctx, row_job& job, std::size_t workers) {
  auto ex = co_await net::this_coro::executor;
  std::size_t running = std::max<std::size_t>(1, workers);
  net::steady_timer done(ex, net::steady_timer::time_point::max());
  std::exception_ptr failure;
  // Completion handlers run on this one thread: the counter needs no lock.
  for (std::size_t i = 0, n = running; i < n; ++i) {
    net::co_spawn(ex, worker(ctx, job), [&](std::exception_ptr e) {
      if (e && !failure) {
        failure = e;
        ctx.abort("internal error");
      }
      if (--running == 0) done.cancel();
    });
  }
  co_await done.async_wait(as_result);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace acgprov::jobs
