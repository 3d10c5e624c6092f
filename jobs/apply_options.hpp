#pragma once
// The command line of `acgprov apply` (a fixed interface) and its environment variables.
#include "engine/run_context.hpp"
#include "io/record_reader.hpp"
#include "jobs/connection_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct apply_options {
  std::vector<std::string> inputs;
  std::optional<io::input_format> stdin_format;  // --format, required for '-'
  std::string report;
  std::string summary;  // --summary PATH: JSON document at the end
  connection_options connection;
  engine::engine_config engine;
  bool dry_run = false;
  bool help = false;
};

// Parses argv after "apply"; `getenv` supplies the environment (tests pass their own).
// Throws usage_error.
apply_options parse_apply_options(const std::vector<std::string>& args, env_lookup getenv = nullptr);

extern const char* const apply_usage;

}  // namespace acgprov::jobs
