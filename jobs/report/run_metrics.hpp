#pragma once
// --metrics PATH: the run's figures in the Prometheus text exposition format (version 0.0.4),
// for node_exporter's textfile collector. Every sample carries the labels `command` and
// `report`, so that the files of several jobs in one collector folder never clash. Pure
// formatting here; jobs/report/run_end.cpp writes the file.
#include "jobs/report/run_summary.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::jobs {

struct metrics_run {
  const run_summary& summary;
  std::string command;  // "apply", "accounts apply", "rfi update"
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point ended;
  // When the last run that ended 0 ended (Unix seconds): this run's end if it ended 0 (and was
  // not a dry run), else what the previous file said (0 if none did yet).
  double last_success = 0;
};

std::string format_metrics(const metrics_run& run);

// acgprov_last_success_time_seconds in a metrics file this function's sibling wrote; nullopt
// if `text` holds no such sample.
std::optional<double> last_success_in(std::string_view text);

}  // namespace acgprov::jobs
