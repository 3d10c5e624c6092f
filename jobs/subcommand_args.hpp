#pragma once
// The argument parsing of the commands beside `apply` (accounts, numbers, rfi,
// civic-addresses): --flag VALUE and --flag=VALUE, the shared connection options, -h/--help,
// positional arguments, and the usage-error convention (message + hint, exit 2). main() has
// already expanded --job and taken the logging flags (jobs/command_line.hpp).
#include "engine/run_context.hpp"
#include "jobs/connection_options.hpp"

#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

struct parsed_args {
  bool help = false;
  std::vector<std::string> positional;  // arguments that are not flags, in order ('-' included)
};

// A command's own flags: returns false if `flag` is not one of them. `value()` yields the
// flag's value (throws usage_error if there is none); `flag_only()` throws if one was given
// with '='. Throws usage_error for a bad value.
using own_flags = std::function<bool(const std::string& flag, const flag_value& value,
                                     const std::function<void()>& flag_only)>;

// Walks `args`: -h/--help, the command's own flags, then the connection flags; anything else
// starting with '-' is a usage_error. Does not complete the connection options.
parsed_args parse_subcommand_args(const std::vector<std::string>& args, connection_options& conn, const own_flags& own);

// --poll-interval / --poll-timeout (seconds, fractions allowed) into `engine`; false if
// `flag` is neither.
bool parse_poll_flag(const std::string& flag, const flag_value& value, engine::engine_config& engine);

// Prints "acgprov COMMAND: MESSAGE" and the --help hint on stderr; returns exit_usage.
int usage_failure(std::string_view command, const std::exception& e);

// The help block for the poll flags.
extern const char* const poll_usage;

}  // namespace acgprov::jobs
