#pragma once
// The end-of-run summary: a few lines on stderr (through the log: one `summary` event in JSON
// Lines mode), and optionally a JSON document for the scheduler to archive or alert on.
#include "engine/run_context.hpp"
#include "engine/run_stats.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace acgprov::jobs {

struct run_summary {
  const engine::run_stats& stats;
  std::chrono::milliseconds wall{0};
  int exit_code = 0;
  std::string abort_reason;
  std::uint64_t connections = 0;
  std::uint64_t tokens_fetched = 0;
  // --resume: input rows a previous run had finished (not processed again; their outcomes are
  // in `stats` too, so that the counts and the exit code describe the whole report).
  std::uint64_t resumed_rows = 0;
  std::string report_path;
  bool report_torn = false;                                   // --resume cut a torn last line off the report
  engine::abort_kind abort_cause = engine::abort_kind::none;  // why exit 3 (ctx.abort_cause)
  bool dry_run = false;  // --dry-run: sent nothing, so never the "last success" of the metrics
};

// The summary's abortKind: "deadline", "signal", "credentials", "endpoint", "proxy",
// "internal", or nullptr when the run was not aborted (exit 0, 1, 2, 4).
const char* abort_kind_name(int exit_code, engine::abort_kind kind, std::string_view reason);

void print_summary(const run_summary& s);
// The --summary document. Written atomically (a temporary file renamed over `path`), mode
// 0600. Throws std::runtime_error naming the file if it cannot be written.
std::string summary_json(const run_summary& s, std::chrono::system_clock::time_point now);
void write_summary_json(const run_summary& s, const std::string& path);

}  // namespace acgprov::jobs
