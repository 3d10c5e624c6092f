#pragma once
// The commands beside `apply`, as main.cpp dispatches them. Each takes argv after its command
// word ("accounts", "numbers", "rfi", "civic-addresses") and the --job file main() read
// (nullptr: none; jobs/cli/command_line.hpp), and returns the exit code (jobs/run/exit_code.hpp).
#include "jobs/cli/job_file.hpp"

#include <string>
#include <vector>

namespace acgprov::jobs {

int accounts_main(const std::vector<std::string>& args, const job_file* job);         // accounts apply | export
int numbers_main(const std::vector<std::string>& args, const job_file* job);          // numbers export
int rfi_main(const std::vector<std::string>& args, const job_file* job);              // rfi list | update
int civic_addresses_main(const std::vector<std::string>& args, const job_file* job);  // civic-addresses export

// The exports (export_command.cpp), argv after the subcommand word.
int accounts_export_main(const std::vector<std::string>& args, const job_file* job);
int rfi_list_main(const std::vector<std::string>& args, const job_file* job);

// Dispatches `args[0]` among `subcommands` (name, main); --help lists them (from the option
// table), nothing or an unknown word is a usage error (exit 2, on stderr).
struct subcommand {
  const char* name;
  int (*main)(const std::vector<std::string>&, const job_file*);
};
int dispatch_subcommand(const std::string& command, const std::vector<std::string>& args, const job_file* job,
                        const std::vector<subcommand>& subcommands);

}  // namespace acgprov::jobs
