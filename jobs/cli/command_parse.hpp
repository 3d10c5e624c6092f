#pragma once
// Parses one command's arguments against its entry in the option table (jobs/cli/option_table.hpp)
// with CLI11: --flag VALUE and --flag=VALUE, switches and their --no- opposites, `--` to end
// the options, -h/--help and --version anywhere; an option given again, or a switch and then its
// opposite, wins over the earlier one (existing schedulers rely on it). An unknown option, a
// missing value: usage_error naming the flag. The job file's keys (--job) fill in the
// options the command line did not give: `key = false` stands for the switch's opposite.
// Only command_parse.cpp includes CLI11.
#include "jobs/cli/connection_options.hpp"
#include "jobs/cli/job_file.hpp"
#include "jobs/cli/option_table.hpp"

#include <string>
#include <vector>

namespace acgprov::jobs {

// Thrown once --help (printed on stdout) or --version was asked for: main() ends the run with
// `code` (and prints the version when `version`). Not a std::exception: nothing else catches it.
struct early_exit {
  int code = 0;
  bool version = false;
};

struct parsed_option {
  std::string flag;   // the long name given: "--resume", "--no-resume", "--report"
  std::string value;  // empty for a switch
};

struct parsed_command {
  std::vector<parsed_option> options;   // the job file's first, then the command line's, in order
  std::vector<std::string> positional;  // the command line's, else the job file's inputs
};

// `job`: the --job file (nullptr: none); its keys overridden by the environment are left out
// (jobs/cli/job_file.hpp). Throws usage_error, early_exit.
parsed_command parse_command(const command_spec& command, const std::vector<std::string>& args,
                             const job_file* job = nullptr, env_lookup getenv = nullptr);
// The same, for the command `words` of the table.
parsed_command parse_command(std::string_view words, const std::vector<std::string>& args, const job_file* job,
                             env_lookup getenv = nullptr);

}  // namespace acgprov::jobs
