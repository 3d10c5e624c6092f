#include "jobs/run/scheduled_run.hpp"

#include "jobs/report/run_end.hpp"
#include "jobs/run/exit_code.hpp"

#include <boost/asio/co_spawn.hpp>

namespace acgprov::jobs {

int scheduled_run::prepare(const apply_options& o) {
  options_ = &o;
  if (o.dry_run && o.schedule.resume) {
    return refuse_run_start(exit_usage, "usage_error",
                            "acgprov apply: --resume and --dry-run do not go together (a dry run writes a new report)");
  }
  driver_.emplace(write_command_options{.report = o.report, .resume = o.schedule.resume, .dry_run = o.dry_run});
  return driver_->prepare();
}

stop_policy scheduled_run::stop() const {
  stop_policy p;
  if (!options_) return p;
  p.grace = options_->schedule.grace;
  p.deadline = options_->schedule.deadline;
  p.deadline_text = options_->schedule.deadline_text;
  return p;
}

void scheduled_run::attach(input_rows& rows, engine::run_stats& stats) {
  stats_ = &stats;
  if (!options_ || !options_->schedule.resume || driver_->resumed().finished.size() == 0) return;
  rows.skip_finished(&driver_->resumed().finished, [this](model::outcome o) { stats_->count(o); });
}

awaitable<void> scheduled_run::with_progress(awaitable<void> work, engine::run_context& ctx, const input_rows& rows) {
  if (options_ && options_->schedule.progress && progress_wanted()) {
    std::vector<input_spec> specs;
    for (const auto& path : options_->inputs)
      specs.push_back({path, path == "-" ? options_->stdin_format.value_or(io::input_format::csv)
                                         : io::format_from_path(path).value_or(io::input_format::json)});
    progress_ = std::make_unique<progress_line>(ctx, count_input_rows(specs), rows);
    net::co_spawn(co_await net::this_coro::executor, progress_->run(), [](std::exception_ptr) {});
  }
  std::exception_ptr failure;
  try {
    co_await std::move(work);
  } catch (...) {
    failure = std::current_exception();
  }
  if (progress_) progress_->stop();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace acgprov::jobs
