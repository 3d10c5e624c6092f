#pragma once
// What `acgprov apply` adds around the engine for scheduled runs: the report's lock, --resume
// (read the report back, cut a torn last line, append), the stop policy (--grace,
// --deadline) and the progress line. One object per run, alive for the whole run.
#include "engine/run_context.hpp"
#include "io/report_writer.hpp"
#include "jobs/apply_options.hpp"
#include "jobs/graceful_stop.hpp"
#include "jobs/input_rows.hpp"
#include "jobs/progress.hpp"
#include "jobs/resume.hpp"
#include "jobs/run_lock.hpp"

#include <memory>
#include <optional>

namespace acgprov::jobs {

class scheduled_run {
public:
  // Before anything is read or sent: takes the lock (exit_locked if another run holds it)
  // and, with --resume, reads the report back (exit_usage if it is not an acgprov report).
  // Prints why on stderr; exit_ok to go on.
  int prepare(const apply_options& o);

  // Append after the report's last complete row with --resume, else start it anew.
  io::report_writer_options writer_options() const;
  stop_policy stop() const;

  // --resume: `rows` skips the finished rows; their outcomes count in `stats`.
  void attach(input_rows& rows, engine::run_stats& stats);

  // Runs `work`, with the progress line beside it when it is wanted (stderr a terminal, text
  // log, no --no-progress). `ctx` and `rows` outlive the call.
  awaitable<void> with_progress(awaitable<void> work, engine::run_context& ctx, const input_rows& rows);

  const resume_point& resumed() const { return resume_; }

private:
  const apply_options* options_ = nullptr;
  std::optional<run_lock> lock_;
  resume_point resume_;
  engine::run_stats* stats_ = nullptr;
  std::unique_ptr<progress_line> progress_;
};

}  // namespace acgprov::jobs
