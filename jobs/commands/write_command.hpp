#pragma once
// The one driver of the commands that write (`apply`, `accounts apply`, `rfi update`): what
// comes before a row is read (stop signals held, the report's lock, --resume reading the
// report back) and what comes after the rows (the rest reported `skipped` on a stop, the
// report synced, the exit code, the summary). The command brings its options, its rows and
// what it does with them; one object per run, alive for the whole run.
#include "jobs/report/journal.hpp"
#include "jobs/report/resume.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/run_lock.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace acgprov::jobs {

struct write_command_options {
  std::string report;    // --report
  bool resume = false;   // --resume
  bool dry_run = false;  // apply --dry-run: writes a new report, so it may not replace a real run's
};

class write_command {
public:
  using clock = std::chrono::steady_clock;

  explicit write_command(write_command_options o) : options_(std::move(o)) {}

  // Before anything is read or sent. SIGINT / SIGTERM are held (pending) until the session's
  // handlers watch them (graceful_stop unblocks them), so a stop while the report is read back
  // or the inputs opened is handled like any other. Takes the lock (exit_locked if another
  // run holds it); with --resume reads the report back (exit_usage if it is not an acgprov
  // report); refuses a dry run over a real run's report (exit_usage). Nothing is written.
  // Logs why; exit_ok to go on.
  int prepare();

  // What the journal continues: the report read back with --resume, else nullptr.
  resume_point* resume_for_journal() { return options_.resume ? &resume_ : nullptr; }
  const resume_point& resumed() const { return resume_; }

  // After the session ran the command's rows: on a stop, the rows not reported yet go to the
  // report `skipped` (when it was opened: a run stopped before leaves it as it was), the
  // report is synced, the summary printed and written. `refused`: the run was refused before
  // a row was written (exit_usage). Returns the exit code.
  template <class Rows>
  int finish(api_session& session, journal& report, Rows& rows, bool refused, clock::time_point started) {
    return finish_rows(
        session, report, [&rows](const std::string& why) { rows.drain_as_skipped(why); }, rows.rows_resumed(), refused,
        started);
  }

private:
  int finish_rows(api_session& session, journal& report, const std::function<void(const std::string&)>& drain,
                  std::uint64_t rows_resumed, bool refused, clock::time_point started);
  void log_resume() const;

  write_command_options options_;
  std::optional<run_lock> lock_;
  resume_point resume_;
};

// Every row ended well (0) or not (1): the exit code of a run that was not stopped.
bool all_rows_good(const engine::run_stats& s);

}  // namespace acgprov::jobs
