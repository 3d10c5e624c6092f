#include "engine/pipeline.hpp"

#include "engine/batch_builder.hpp"
#include "engine/process_row.hpp"
#include "engine/sync_watch.hpp"
#include "engine/write_batch.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include <exception>

namespace acgprov::engine {

namespace {

// Hands out batches to the batch workers: pulls rows from the source until some account's
// batch is full; at the end of the input, the open batches, largest first.
class batch_feed {
public:
  batch_feed(task_source& source, std::size_t batch_size) : source_(source), builder_(batch_size) {}

  awaitable<std::optional<number_batch>> next() {
    while (!source_done_) {
      auto task = co_await source_.next();
      if (!task) {
        source_done_ = true;
        break;
      }
      if (auto full = builder_.add(std::move(*task))) co_return full;
    }
    co_return builder_.take_largest();
  }

private:
  task_source& source_;
  batch_builder builder_;
  bool source_done_ = false;
};

awaitable<void> single_worker(run_context& ctx, task_source& source, sync_watch& watch, report_sink& sink) {
  while (!ctx.stopping) {
    co_await watch.wait_below(ctx.config.max_pending);
    if (ctx.stopping) break;
    auto task = co_await source.next();
    if (!task) break;
    auto res = co_await write_number(ctx, std::move(*task));
    if (!res.pending) {
      sink.write(res.row);
      continue;
    }
    auto started = std::chrono::steady_clock::now() - std::chrono::milliseconds(res.row.elapsed_ms);
    watch.add(std::move(res.row), started);
  }
}

awaitable<void> batch_worker(run_context& ctx, batch_feed& feed, sync_watch& watch, report_sink& sink) {
  while (!ctx.stopping) {
    co_await watch.wait_below(ctx.config.max_pending);
    if (ctx.stopping) break;
    auto batch = co_await feed.next();
    if (!batch) break;
    co_await write_batch(ctx, std::move(*batch), watch, sink);
  }
}

}  // namespace

awaitable<void> run_pipeline(run_context& ctx, task_source& source, report_sink& sink) {
  auto ex = co_await net::this_coro::executor;
  sync_watch watch(ctx, sink);
  batch_feed feed(source, ctx.config.batch_size);

  std::size_t running = std::max<std::size_t>(1, ctx.config.max_in_flight);
  net::steady_timer writers_done(ex, net::steady_timer::time_point::max());
  net::steady_timer watch_done(ex, net::steady_timer::time_point::max());
  std::exception_ptr failure;
  auto on_exit = [&](std::exception_ptr e) {
    if (e && !failure) {
      failure = e;
      ctx.abort("internal error");
    }
  };

  // Completion handlers run on this one thread: the counters need no lock.
  net::co_spawn(ex, watch.run(), [&](std::exception_ptr e) {
    on_exit(e);
    watch_done.cancel();
  });
  for (std::size_t i = 0, n = running; i < n; ++i) {
    auto work = ctx.config.mode == write_mode::batch ? batch_worker(ctx, feed, watch, sink)
                                                     : single_worker(ctx, source, watch, sink);
    net::co_spawn(ex, std::move(work), [&](std::exception_ptr e) {
      on_exit(e);
      if (--running == 0) writers_done.cancel();
    });
  }
  co_await writers_done.async_wait(as_result);
  watch.close();
  co_await watch_done.async_wait(as_result);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace acgprov::engine
