#pragma once
// The shape `accounts apply` and `rfi update` share with `acgprov apply`: input files, one
// report row per input row, the engine (token bucket, retries, polling), the summary and the
// exit codes. Each command supplies how one row is carried to its report row.
#include "engine/run_context.hpp"
#include "io/record_reader.hpp"
#include "jobs/cli/subcommand_args.hpp"
#include "jobs/input/resource_rows.hpp"
#include "model/report_row.hpp"

#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct resource_command_options {
  std::vector<std::string> inputs;
  std::optional<io::input_format> stdin_format;  // --format, required for '-'
  std::string report;
  std::string summary;  // --summary PATH
  std::string metrics;  // --metrics PATH (jobs/report/run_metrics.hpp)
  bool resume = false;  // --resume: continue the report, skipping the rows it finished
  connection_options connection;
  engine::engine_config engine;
  bool help = false;
};

// Parses INPUT... --report PATH [--format F] [--summary PATH] [--resume] [--poll-interval S]
// [--poll-timeout S] and the connection options, as the option table declares them for
// `command` ("accounts apply"), with the --job file's keys (`job`, nullptr: none) for what the
// command line left out; `own` takes the command's other flags. Completes the connection
// options. Throws usage_error, early_exit (--help, --version).
resource_command_options parse_resource_command(std::string_view command, const std::vector<std::string>& args,
                                                const job_file* job, const own_flags& own, env_lookup getenv = nullptr);

class resource_writer {
public:
  virtual ~resource_writer() = default;
  // Carries one row (`row` has its identity columns filled) to its final report row. Never
  // throws for anything the API or the network does; a stopped run gives `skipped`.
  virtual awaitable<model::report_row> carry(engine::run_context& ctx, resource_task task, model::report_row row) = 0;
};

// Runs the command: takes the report's lock (exit 4 if another run holds it), with --resume
// reads the report back, opens report and inputs (exit 2 on failure, nothing sent), gets a token,
// carries every row through `writer` on --max-in-flight workers, reports the rest `skipped`
// on a stop, prints the summary. Returns the exit code (jobs/run/exit_code.hpp).
int run_resource_command(const resource_command_options& o, resource_rows_config rows, resource_writer& writer);

}  // namespace acgprov::jobs
