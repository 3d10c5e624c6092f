#pragma once
// The options main() takes from every command's arguments before the command parses them:
// --job, --log-format and --verbose/--no-verbose, parsed with CLI11 against their entries in
// the option table (jobs/cli/option_table.hpp: common_options()), so that they are declared once.
// They go first because the log must be configured, and the job file's --summary and --metrics
// known, before the command's own parser can report a usage error. Everything else is left in
// order for the command; `--` ends the options.
#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct common_option_values {
  std::vector<std::string> rest;           // the arguments main() does not take, in order (`--` kept)
  std::string job_path;                    // --job FILE; "" without
  std::optional<std::string> log_format;   // --log-format F, checked against the table's choices
  std::vector<std::string> log_formats;    // every --log-format given, in order (for the repeat warning)
  std::optional<bool> verbose;             // --verbose / --no-verbose: the last wins
  std::vector<std::string> verbose_given;  // each --verbose and --no-verbose, in order (for the warning)
};

// Throws usage_error naming the flag: a value missing or refused, --job given twice or empty.
common_option_values take_common_options(const std::vector<std::string>& args);

}  // namespace acgprov::jobs
