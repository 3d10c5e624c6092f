#pragma once
// What `acgprov apply` adds around the engine for scheduled runs: the report's lock, --resume
// (read the report back; the journal then compacts it and appends), the refusal of a dry run
// over a real run's report, the stop policy (--grace, --deadline) and the progress line. One
// object per run, alive for the whole run.
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
  // A dry run is refused (exit_usage) when the report holds rows of a real run: it must never
  // replace a journal. Nothing is written. Prints why on stderr; exit_ok to go on.
  int prepare(const apply_options& o);

  // What the journal continues: the report read back with --resume, else nullptr (a fresh
  // report).
  resume_point* resume_for_journal();
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
