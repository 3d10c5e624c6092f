#pragma once
// The argument parsing of the commands beside `apply` (accounts, numbers, rfi,
// civic-addresses): their options as the option table declares them (jobs/cli/command_parse.hpp),
// the shared connection options, and the usage-error convention (message + hint, exit 2).
// main() has already read --job and taken the logging flags (jobs/cli/command_line.hpp); the
// job file comes in as `job` (nullptr: none).
#include "engine/run_context.hpp"
#include "jobs/cli/connection_options.hpp"
#include "jobs/cli/job_file.hpp"

#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

struct parsed_args {
  bool help = false;                    // unused: --help is answered by the parser (early_exit)
  std::vector<std::string> positional;  // arguments that are not flags, in order ('-' included)
};

// A command's own flags: returns false if `flag` is not one of them. `value()` yields the
// flag's value; `flag_only()` does nothing (the parser refuses a switch given a value).
// Throws usage_error for a bad value.
using own_flags =
    std::function<bool(const std::string& flag, const flag_value& value, const std::function<void()>& flag_only)>;

// Parses `args` against the table's entry for `command` ("accounts apply"), the --job file's
// keys (`job`, nullptr: none) filling in what `args` left out, then hands each option to the
// command's own flags, then to the connection flags. Throws usage_error,
// early_exit (--help, --version). Does not complete the connection options.
parsed_args parse_subcommand_args(std::string_view command, const std::vector<std::string>& args, const job_file* job,
                                  connection_options& conn, const own_flags& own);

// --poll-interval / --poll-timeout (seconds, fractions allowed) into `engine`; false if
// `flag` is neither.
bool parse_poll_flag(const std::string& flag, const flag_value& value, engine::engine_config& engine);

// Prints "acgprov COMMAND: MESSAGE" and the --help hint on stderr; returns exit_usage.
int usage_failure(std::string_view command, const std::exception& e);

}  // namespace acgprov::jobs
