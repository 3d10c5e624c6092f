#pragma once
// The command line of `acgprov apply` (a fixed interface) and its environment variables.
#include "engine/run_context.hpp"
#include "io/record_reader.hpp"
#include "jobs/cli/connection_options.hpp"
#include "jobs/cli/job_file.hpp"
#include "jobs/cli/schedule_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct apply_options {
  std::vector<std::string> inputs;
  std::optional<io::input_format> stdin_format;  // --format, required for '-'
  std::string report;
  std::string summary;  // --summary PATH: JSON document at the end
  std::string metrics;  // --metrics PATH: Prometheus text format (jobs/report/run_metrics.hpp)
  connection_options connection;
  engine::engine_config engine;
  schedule_options schedule;  // --resume, --grace, --deadline, --no-progress
  bool dry_run = false;
  bool help = false;      // unused: --help is answered by the parser (jobs/cli/command_parse.hpp)
  bool plan = true;       // read each account first, write only what differs (--no-plan: write all)
  bool preflight = true;  // check rows against their account before any write (--no-preflight)
  bool prune = false;     // delete what the input's accounts hold beyond the input
  // --max-deletes: prune refuses the run, before any write, past this many deletes in all
  // (max_deletes) or past this share of any one account's numbers (max_delete_percent).
  std::optional<std::uint64_t> max_deletes;
  std::optional<double> max_delete_percent;
};

// Parses argv after "apply"; `getenv` supplies the environment (tests pass their own).
// Throws usage_error, and early_exit for --help / --version (jobs/cli/command_parse.hpp).
// `job`: the --job file main() read (nullptr: none).
apply_options parse_apply_options(const std::vector<std::string>& args, env_lookup getenv = nullptr,
                                  const job_file* job = nullptr);
// The same from a command line already parsed against a table that holds apply's options
// (`config check` parses with its own).
struct parsed_command;
apply_options apply_options_from(const parsed_command& parsed, env_lookup getenv = nullptr);

}  // namespace acgprov::jobs
