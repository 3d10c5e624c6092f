#pragma once
// `acgprov apply`: reads the inputs, drives the engine, writes the report and the summary.
#include "jobs/cli/apply_options.hpp"

namespace acgprov::jobs {

// Returns the process exit code (jobs/run/exit_code.hpp). Reports usage and configuration
// problems on stderr and returns exit_usage before anything is sent.
int run_apply(const apply_options& options);

// argv after "apply": parses, prints help or usage errors, runs.
int apply_main(const std::vector<std::string>& args, const job_file* job);

}  // namespace acgprov::jobs
