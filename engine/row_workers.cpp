#include "engine/row_workers.hpp"

#include "engine/task_group.hpp"

#include <algorithm>

namespace acgprov::engine {

namespace {

awaitable<void> worker(run_context& ctx, row_job& job) {
  while (!ctx.stopping) {
    bool more = co_await job.run_one();
    if (!more) break;
  }
}

}  // namespace

awaitable<void> run_row_workers(run_context& ctx, row_job& job, std::size_t workers) {
  auto ex = co_await net::this_coro::executor;
  task_group group(ctx);
  for (std::size_t i = 0, n = std::max<std::size_t>(1, workers); i < n; ++i) group.spawn(ex, worker(ctx, job));
  co_await group.join();
  group.rethrow_failure();
}

}  // namespace acgprov::engine
