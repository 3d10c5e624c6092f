#pragma once
// What main() does to every command's arguments before the command parses them: expands
// --job FILE into the flags it stands for, and takes the logging flags (--log-format,
// --verbose), which every command shares, configuring the log.
#include "io/log.hpp"
#include "jobs/connection_options.hpp"

#include <string>
#include <vector>

namespace acgprov::jobs {

struct command_line {
  // The command's arguments (after the command word): its subcommand words, then the job
  // file's flags and inputs, then the rest of the command line, so that a flag given on the
  // command line comes later and wins.
  std::vector<std::string> args;
  std::string job_path;                 // "" without --job
  std::vector<std::string> job_inputs;  // the job file's `inputs`, in args before any other
  std::vector<std::string> job_keys;    // the keys it supplied (for a hint on a usage error)
  io::log::format log_format = io::log::format::text;
  bool verbose = false;
};

// `args`: argv after the command word. Throws usage_error (a bad job file, a bad
// --log-format, --job without a value or given twice).
command_line prepare_command_line(const std::vector<std::string>& args, env_lookup getenv = nullptr);

// The command line main() prepared for this process (for commands that need job_inputs).
const command_line& current_command_line();
void set_current_command_line(command_line c);

// A command's inputs once parsed: the job file's come first; when the command line named
// inputs too, those replace the job file's instead of adding to them.
std::vector<std::string> inputs_over_job(std::vector<std::string> parsed);

}  // namespace acgprov::jobs
