#pragma once
// What a run leaves for its scheduler on every exit, 0 to 4: the summary on stderr, the
// --summary document and the --metrics file. main() names the files before the command parses
// its options (so a usage error or a held lock still writes them); the command calls
// finish_run() with its figures, and main() finishes the runs that ended before any (with no
// rows). One run per process: plain process-wide state, one thread.
#include "engine/run_context.hpp"
#include "io/log.hpp"
#include "jobs/report/run_summary.hpp"

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

struct run_outputs {
  std::string command;  // "apply", "accounts apply", "rfi update"; "" for commands without a summary
  std::string report;   // --report, for the metrics' labels
  std::string summary;  // --summary PATH, "" for none
  std::string metrics;  // --metrics PATH, "" for none
  std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
};

// The --report, --summary and --metrics values in `args` (main's prepared command line, job
// file included) of `command` (argv[1]); a command that writes no summary gets none.
run_outputs run_outputs_in(std::string_view command, const std::vector<std::string>& args);
// The value of `flag` in `args` ("--flag V" or "--flag=V", the last one wins); "" if absent.
std::string last_flag_value(const std::vector<std::string>& args, std::string_view flag);
void expect_run_outputs(run_outputs o);

// A refusal before any row (exit 2 or 4): logged as an error event (`event`), and kept as the
// summary's abortReason. Returns `code`.
int refuse_run_start(int code, std::string_view event, const std::string& message,
                     std::initializer_list<io::log::field> fields = {});

// Exit 4: another run holds REPORT.lock; `holder` is what that run wrote in it.
int refuse_locked(const std::string& report, const std::string& holder);

// A stop outside a run of the command's own engine (the dry run's prune preview could not ask
// the API): logged, kept for the summary (abortReason, abortKind). Returns exit_aborted (3).
int abort_before_run(engine::abort_kind kind, const std::string& message);
// What refuse_run_start or abort_before_run kept: for a summary written by the command.
const std::string& run_start_refusal();
engine::abort_kind run_start_abort_cause();

// The end of a run: prints the summary, writes --summary and --metrics (a failure to write is
// logged; the exit code stays). Later calls do nothing. A dry run writes the files only.
void finish_run(const run_summary& s, bool print = true);

// main(), after the command returned `code`: a run that did not finish_run (a usage error, the
// lock held, an internal error) still gets its --summary and --metrics, with no rows.
void finish_unfinished_run(int code, engine::abort_kind kind = engine::abort_kind::none, std::string reason = {});

}  // namespace acgprov::jobs
