#pragma once
// What main() does to every command's arguments before the command parses them: reads the
// job file of --job FILE (the command's parser fills in from it what the command line left
// out: jobs/cli/command_parse.hpp), and takes the logging flags (--log-format, --verbose), which
// every command shares, configuring the log. The three are parsed as the option table declares
// them (jobs/cli/common_options.hpp).
#include "io/log.hpp"
#include "jobs/cli/connection_options.hpp"
#include "jobs/cli/job_file.hpp"

#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct command_line {
  // The command's arguments (after the command word), without --job and the logging flags.
  std::vector<std::string> args;
  std::string job_path;                 // "" without --job
  std::optional<job_file> job;          // its file, read
  std::vector<std::string> job_inputs;  // the job file's `inputs`
  std::vector<std::string> job_keys;    // the keys it supplied (for a hint on a usage error)
  // The job file's flags, then `args`: where the report, summary and metrics are named
  // (run_outputs_in), before the command's parser can fail.
  std::vector<std::string> outputs_view;
  io::log::format log_format = io::log::format::text;
  std::vector<std::string> log_formats_given;  // every --log-format on the command line (a repeat is warned of)
  bool verbose = false;
  std::vector<std::string> verbose_given;  // each --verbose and --no-verbose on the command line
};

// main() passes the result to the command's *_main, which hands `job` on to its parser.
// `args`: argv after the command word. Throws usage_error (a bad job file, a bad
// --log-format, --job or --log-format without a value, --job given twice). Stops at `--`.
command_line prepare_command_line(const std::vector<std::string>& args, env_lookup getenv = nullptr);

}  // namespace acgprov::jobs
