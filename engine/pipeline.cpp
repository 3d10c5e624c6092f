#include "engine/pipeline.hpp"

#include "engine/async_gate.hpp"
#include "engine/task_group.hpp"
#include "engine/watch/sync_watch.hpp"
#include "engine/write/batch_builder.hpp"
#include "engine/write/write_batch.hpp"
#include "engine/write/write_number.hpp"
#include "model/verdict.hpp"

#include <algorithm>

namespace acgprov::engine {

namespace {

// Hands out batches to the batch workers: pulls rows from the source until some account's
// batch is full; at the end of the input, the open batches, largest first.
// A row the plan found already written and still syncing: watched, not written.
void watch_only(sync_watch& watch, const number_task& task) {
  model::report_row row = row_for(task);
  row.service_provisioning_status = "pending";
  watch.add(std::move(row), std::chrono::steady_clock::now());
}

class batch_feed {
public:
  batch_feed(task_source& source, std::size_t batch_size, sync_watch& watch)
      : source_(source), builder_(batch_size), watch_(watch) {}

  // Stops pulling rows once the run stops taking them (a graceful stop): what it holds then is
  // reported by report_unsent().
  //
  // One puller at a time: a source may await (plan, preflight), and rows must reach the
  // builder in order, or a worker that sees the end of the input would send batches that
  // other workers are still filling.
  awaitable<std::optional<number_batch>> next(const run_context& ctx) {
    co_await gate_.lock();
    std::optional<number_batch> batch;
    try {
      batch = co_await pull(ctx);
    } catch (...) {
      gate_.unlock();  // the other workers must not wait for a puller that is gone
      throw;
    }
    gate_.unlock();
    co_return batch;
  }

  // After a stop: the rows pulled from the source but never sent are reported `skipped`.
  void report_unsent(report_sink& sink, const std::string& reason) {
    while (auto batch = builder_.take_largest())
      for (const auto& task : batch->tasks) {
        model::report_row row = row_for(task);
        model::apply(row, model::not_attempted(reason));
        sink.write(row);
      }
  }

private:
  awaitable<std::optional<number_batch>> pull(const run_context& ctx) {
    while (!source_done_ && ctx.taking_rows()) {
      auto task = co_await source_.next();
      if (!task) {
        source_done_ = true;
        break;
      }
      if (task->watch_only) {
        // The memory bound holds for these rows too: a rerun after a crash can find a whole
        // job still pending, and none of them passes through a writer's wait_below.
        co_await watch_.wait_below(ctx.config.max_pending);
        watch_only(watch_, *task);
        continue;
      }
      if (auto full = builder_.add(std::move(*task))) co_return full;
    }
    if (!ctx.taking_rows()) co_return std::nullopt;
    co_return builder_.take_largest();
  }

  task_source& source_;
  batch_builder builder_;
  sync_watch& watch_;
  async_gate gate_;
  bool source_done_ = false;
};

awaitable<void> single_worker(run_context& ctx, task_source& source, sync_watch& watch, report_sink& sink) {
  while (ctx.taking_rows()) {
    co_await watch.wait_below(ctx.config.max_pending);
    if (!ctx.taking_rows()) break;
    auto task = co_await source.next();
    if (!task) break;
    if (task->watch_only) {
      watch_only(watch, *task);
      continue;
    }
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
  while (ctx.taking_rows()) {
    co_await watch.wait_below(ctx.config.max_pending);
    if (!ctx.taking_rows()) break;
    auto batch = co_await feed.next(ctx);
    if (!batch) break;
    co_await write_batch(ctx, std::move(*batch), watch, sink);
  }
}

}  // namespace

awaitable<void> run_pipeline(run_context& ctx, task_source& source, report_sink& sink) {
  auto ex = co_await net::this_coro::executor;
  sync_watch watch(ctx, sink);
  batch_feed feed(source, ctx.config.batch_size, watch);

  // The watch and the writers: each group's first exception aborts the run.
  task_group watching(ctx);
  task_group writers(ctx);
  watching.spawn(ex, watch.run());
  for (std::size_t i = 0, n = std::max<std::size_t>(1, ctx.config.max_in_flight); i < n; ++i) {
    auto work = ctx.config.mode == write_mode::batch ? batch_worker(ctx, feed, watch, sink)
                                                     : single_worker(ctx, source, watch, sink);
    writers.spawn(ex, std::move(work));
  }
  co_await writers.join();
  feed.report_unsent(sink, "the run stopped before this row: " + (ctx.stopping ? ctx.abort_reason : ctx.drain_reason));
  watch.close();
  // The watch ends early only when the run stops. The writers may have handed it rows after
  // it ended: running it again (it polls nothing once the run stops) reports them as
  // interrupted.
  if (!watching.done()) co_await watching.join();
  else if (watch.pending() > 0) co_await watch.run();
  watching.rethrow_failure();
  writers.rethrow_failure();
}

}  // namespace acgprov::engine
