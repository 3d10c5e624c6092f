#pragma once
// The options every command that talks to the API shares: endpoint, credentials, TLS, rate
// limit and timeouts, with their environment variables. One parser for all commands, so
// that `apply`, `accounts apply`, the exports and `rfi` spell them the same.
#include "auth/client_assertion_source.hpp"
#include "auth/client_secret_source.hpp"
#include "auth/managed_identity_source.hpp"
#include "engine/request/rate_limiter.hpp"
#include "engine/run_context.hpp"
#include "io/https_connection.hpp"
#include "io/proxy_config.hpp"
#include "jobs/cli/credential_choice.hpp"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace acgprov::jobs {

// A usage or configuration mistake: the message is printed with the usage hint, exit 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct connection_options {
  std::string endpoint;
  std::string api_version = engine::default_api_version;
  std::string ca_file;
  std::string client_secret_file;
  // Certificate credentials (client assertion) instead of a secret: the certificate PEM, and
  // the private key in the same file or in client_key_file. Loaded by complete_connection_options.
  std::string client_certificate_file;
  std::string client_key_file;
  std::shared_ptr<const auth::signing_certificate> client_certificate;
  auth::client_credentials credentials;
  // --credential, and what the other credentials need (credential_choice.hpp); `chosen` is set
  // by complete_connection_options.
  std::string credential = "auto";
  bool authority_given = false;      // --authority given: AZURE_AUTHORITY_HOST does not apply
  std::string federated_token_file;  // AZURE_FEDERATED_TOKEN_FILE
  auth::managed_identity_config managed_identity;
  credential_choice chosen;
  engine::rate_config rate;
  io::connection_timeouts timeouts;
  std::size_t max_in_flight = engine::default_max_in_flight;
  // --proxy / --no-proxy as given (nullopt: not given), and the choice made from them and the
  // environment by complete_connection_options (io/proxy_config.hpp).
  std::optional<std::string> proxy_flag, no_proxy_flag;
  io::proxy_settings proxy;
};

// Yields the value of the flag being parsed (from --flag=value or the next argument); throws
// usage_error if there is none.
using flag_value = std::function<std::string()>;

// Consumes `flag` if it is a connection option; false if it is not one of ours. Throws
// usage_error for a bad value, and for --client-secret (secrets never come from flags).
bool parse_connection_flag(const std::string& flag, const flag_value& value, connection_options& o);

// Fills what flags left empty from the environment (ACGPROV_ENDPOINT, ACGPROV_TENANT,
// ACGPROV_CLIENT_ID, ACGPROV_CLIENT_SECRET, then the Azure SDK's AZURE_TENANT_ID,
// AZURE_CLIENT_ID, AZURE_AUTHORITY_HOST), chooses the credential (choose_credential), loads
// it (secret file, certificate, federated token file, managed identity endpoint) and checks
// that everything needed to talk to the API is there; chooses the proxy (--proxy / --no-proxy,
// else HTTPS_PROXY, ALL_PROXY, NO_PROXY). Throws usage_error.
using env_lookup = const char* (*)(const char*);
void complete_connection_options(connection_options& o, env_lookup getenv = nullptr);
// Only the environment part and the proxy choice (for commands that may not need the API,
// e.g. --dry-run; its --prune preview reads the accounts, through the proxy).
void connection_defaults_from_env(connection_options& o, env_lookup getenv = nullptr);

// One line for `config check`: the proxy chosen, where from, and which of the API endpoint and
// the authority it carries (NO_PROXY may send one direct). Never the proxy's credentials.
std::string describe_proxy(const connection_options& o);

// Reads a secret file: the first line, without its line ending. Throws usage_error naming
// the file (never its content). Warns on stderr if others may read it (wider than 0600).
std::string read_secret_file(const std::string& path);

// Loads --client-certificate-file (and --client-key-file, when the key is apart). Throws
// usage_error naming the file and what is wrong, never quoting key material. Warns on stderr
// if the file holding the private key can be read by others.
std::shared_ptr<const auth::signing_certificate> read_client_certificate(
    const std::string& certificate_file, const std::string& key_file,
    const std::string& certificate_flag = "--client-certificate-file");

// Parses "--x" numbers: a finite number >= min. Throws usage_error naming the flag.
double parse_number_flag(const std::string& flag, const std::string& v, double min);
std::chrono::milliseconds parse_seconds_flag(const std::string& flag, const std::string& v);

}  // namespace acgprov::jobs
