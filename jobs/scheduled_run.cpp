#include "jobs/scheduled_run.hpp"

#include "io/log.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/run_end.hpp"

#include <boost/asio/co_spawn.hpp>


namespace acgprov::jobs {

int scheduled_run::prepare(const apply_options& o) {
  options_ = &o;
  if (o.dry_run && o.schedule.resume) {
    return refuse_run_start(exit_usage, "usage_error",
                            "acgprov apply: --resume and --dry-run do not go together (a dry run writes a new report)");
  }
  if (!o.dry_run) {
    // SIGINT / SIGTERM wait (pending) until the session's handlers are in place, which
    // unblock them (graceful_stop): a stop that comes while the report is read back or the
    // inputs opened is then handled like any other, and the report still gets every row.
    block_stop_signals(true);
  }
  try {
    std::string holder;
    lock_ = run_lock::acquire(o.report, holder);
    if (!lock_) return refuse_locked(o.report, holder);
    if (o.schedule.resume) resume_ = read_resume_point(o.report);
    if (o.dry_run && holds_real_run(o.report)) {
      return refuse_run_start(exit_usage, "run_refused",
                              "acgprov apply: --dry-run would replace " + o.report +
                                  ", the report of a real run (the journal --resume reads): nothing done. "
                                  "Give the dry run another --report.",
                              {{"report", o.report}});
    }
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  if (o.schedule.resume) {
    if (!resume_.report_exists) {
      io::log::info("resume", "resume: no report at " + o.report + " yet: starting a fresh run", {{"report", o.report}});
    } else {
      io::log::info("resume",
                    "resume: " + o.report + " holds " + std::to_string(resume_.report_rows) + " rows, " +
                        std::to_string(resume_.finished.size()) + " input rows finished" +
                        (resume_.torn ? "; its torn last line (a crash) is cut off" : ""),
                    {{"report", o.report}, {"reportRows", resume_.report_rows},
                     {"finishedRows", resume_.finished.size()}, {"torn", resume_.torn},
                     {"validBytes", resume_.valid_bytes}});
      if (resume_.rows_without_digest > 0)
        io::log::info("resume_old_rows",
                      "resume: " + std::to_string(resume_.rows_without_digest) +
                          " report rows have no recordDigest (an older acgprov wrote them): those rows count as "
                          "unchanged only while their telephone number is the same",
                      {{"report", o.report}, {"rows", resume_.rows_without_digest}});
      if (resume_.repaired_lines > 0)
        io::log::warning("resume_repaired_rows",
                         "resume: " + std::to_string(resume_.repaired_lines) + " report rows held bytes that are not "
                             "UTF-8 (an older acgprov copied a server's page): read with U+FFFD, and rewritten so",
                         {{"report", o.report}, {"rows", resume_.repaired_lines}});
    }
  }
  return exit_ok;
}

resume_point* scheduled_run::resume_for_journal() {
  return options_ && options_->schedule.resume ? &resume_ : nullptr;
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
  if (!options_ || !options_->schedule.resume || resume_.finished.size() == 0) return;
  rows.skip_finished(&resume_.finished, [this](model::outcome o) { stats_->count(o); });
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
