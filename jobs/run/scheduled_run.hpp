#pragma once
// What `acgprov apply` adds around the engine for scheduled runs: the command driver
// (jobs/write_command: stop signals, the report's lock, --resume, the end of the run) with
// apply's options, the stop policy (--grace, --deadline) and the progress line. One object per
// run, alive for the whole run.
#include "engine/run_context.hpp"
#include "io/report_writer.hpp"
#include "jobs/cli/apply_options.hpp"
#include "jobs/commands/write_command.hpp"
#include "jobs/input/input_rows.hpp"
#include "jobs/report/progress.hpp"
#include "jobs/report/resume.hpp"
#include "jobs/run/graceful_stop.hpp"

#include <memory>
#include <optional>

namespace acgprov::jobs {

class scheduled_run {
public:
  // Before anything is read or sent: write_command::prepare with apply's options (--resume
  // with --dry-run is a usage error). Prints why on stderr; exit_ok to go on.
  int prepare(const apply_options& o);

  // The driver (after prepare): the journal's resume point, and the end of the run.
  write_command& driver() { return *driver_; }
  stop_policy stop() const;

  // --resume: `rows` skips the finished rows; their outcomes count in `stats`.
  void attach(input_rows& rows, engine::run_stats& stats);

  // Runs `work`, with the progress line beside it when it is wanted (stderr a terminal, text
  // log, no --no-progress). `ctx` and `rows` outlive the call.
  awaitable<void> with_progress(awaitable<void> work, engine::run_context& ctx, const input_rows& rows);

private:
  const apply_options* options_ = nullptr;
  std::optional<write_command> driver_;
  engine::run_stats* stats_ = nullptr;
  std::unique_ptr<progress_line> progress_;
};

}  // namespace acgprov::jobs
