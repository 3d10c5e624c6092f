#pragma once
// The command line of `acgprov apply` (a fixed interface) and its environment variables.
#include "auth/client_secret_source.hpp"
#include "engine/rate_limiter.hpp"
#include "engine/run_context.hpp"
#include "io/https_connection.hpp"
#include "io/record_reader.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct apply_options {
  std::vector<std::string> inputs;
  std::optional<io::input_format> stdin_format;  // --format, required for '-'
  std::string endpoint;
  std::string report;
  std::string ca_file;
  std::string summary;  // --summary PATH: JSON document at the end
  auth::client_credentials credentials;
  engine::engine_config engine;
  engine::rate_config rate;
  io::connection_timeouts timeouts;
  bool dry_run = false;
  bool help = false;
};

// A usage or configuration mistake: the message is printed with the usage hint, exit 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses argv after "apply". Reads ACGPROV_ENDPOINT, ACGPROV_TENANT, ACGPROV_CLIENT_ID,
// ACGPROV_CLIENT_SECRET from `getenv`; the secret may also come from --client-secret-file,
// never from a flag value. Throws usage_error.
apply_options parse_apply_options(const std::vector<std::string>& args,
                                  const char* (*getenv)(const char*) = nullptr);

extern const char* const apply_usage;

// Reads a secret file: the first line, without its line ending. Throws usage_error naming
// the file (never its content). Warns on stderr if others may read it (wider than 0600).
std::string read_secret_file(const std::string& path);

}  // namespace acgprov::jobs
