#pragma once
// Everything the emulator can be told: command-line flags, the --config JSON file, and the
// subset that POST /_sim/config may change at run time. Precedence: defaults < file < flags.
// Bad input is a start-up error: parse_command_line throws std::invalid_argument.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::sim {

class client_certificate;

enum class throttle_mode { reject_429, stall };

struct client_registration {
  std::string tenant = "sim-tenant";
  std::string client_id;
  std::string secret;  // empty: secret not accepted (certificate only)
  std::vector<std::string> roles;
  std::shared_ptr<const client_certificate> certificate;  // for client_assertion
  // Per-client override of the token lifetime; may be negative to mint already-expired tokens.
  std::optional<std::int64_t> token_lifetime_s;
  // Overrides the expires_in reported to the client (e.g. 3599 on an expired token).
  std::optional<std::int64_t> reported_expires_in;
  // Workload identity federation: the client_assertion accepted from this client (the
  // federated token another issuer gave the workload). POST /_sim/identity rotates it: the
  // one it replaces stays good (as the issuer's older token does until it expires) until the
  // next rotation.
  std::string federated_assertion;
  std::string previous_federated_assertion;
  // "system" or "user": this client is the machine's managed identity (the system-assigned
  // one, or a user-assigned one chosen by client_id) on the managed identity endpoints.
  std::string managed_identity;
};

struct fault_settings {
  double p_5xx = 0;                      // answer 500 or 503 (even odds), nothing applied
  double p_reset = 0;                    // reset the TCP connection before applying anything
  double p_stall = 0;                    // never answer; hold the connection
  double p_sync_never = 0;               // a write that needs sync stays pending forever
  std::chrono::milliseconds latency{0};  // added to every API answer
  std::uint64_t seed = 1;
  bool token_endpoint = false;  // also inject 5xx/reset/stall/latency on the token endpoint
  // Injected 5xx answers are an HTML page in ISO-8859-1 (not JSON, not UTF-8), as a proxy or
  // gateway in front of the API may send.
  bool latin1_pages = false;
};

enum class sync_outcome { synced, failed, never };

// First matching rule decides the backend outcome of a write that needs sync.
struct sync_rule {
  std::string number_prefix;   // matches numbers whose telephoneNumber starts with it
  std::string account_prefix;  // matches accounts (and their numbers) by name prefix
  sync_outcome outcome = sync_outcome::failed;
  boost::json::array errors;  // serviceProvisioningErrors when failed
  std::optional<std::chrono::milliseconds> delay;
  std::optional<std::uint32_t> pending_reads;  // pending for this many reads instead of a delay
  bool hold = false;                           // pending until POST /_sim/release
};

struct sim_config {
  // transport
  std::string bind = "127.0.0.1";
  unsigned short port = 0;
  bool plain_http = false;
  std::string ca_out;     // where the PEM trust anchor is written
  std::string cert_file;  // use this certificate chain instead of a generated one
  std::string key_file;
  std::chrono::seconds idle_timeout{120};
  std::chrono::seconds stall_timeout{120};
  std::size_t body_limit = 4 * 1024 * 1024;
  std::string log_level = "error";

  // identity
  std::string tenant = "sim-tenant";
  std::string audience = "https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net";
  std::vector<client_registration> clients;
  std::chrono::seconds token_lifetime{3599};
  // The plain-HTTP port on 127.0.0.1 for the managed identity endpoints (App Service style and
  // IMDS style); nullopt: none. 0: any free port (GET /_sim/managed-identity says which).
  std::optional<unsigned short> managed_identity_port;
  std::string identity_header;  // the X-IDENTITY-HEADER value expected; empty: a random one

  // API behaviour
  std::vector<std::string> api_versions{"2024-02-29-preview", "2024-02-29"};
  double rate_limit_per_minute = 100;  // 0 = off
  double burst = -1;                   // < 0: same as the per-minute rate
  throttle_mode throttling = throttle_mode::reject_429;
  std::chrono::milliseconds sync_delay{2000};
  fault_settings faults;
  std::vector<sync_rule> sync_rules;
  bool batch_atomic = true;
  // Answer every `filter` query parameter with 400, as a server whose grammar differs would
  // (the contract names the parameter, not its grammar): clients must fall back.
  bool refuse_filters = false;
  std::chrono::seconds repeatability_window{300};
  // The API server's clock runs this far from the real one (may be negative): its Date header
  // and its Repeatability-First-Sent window check read it. Tokens keep the real clock, as the
  // identity platform's own.
  std::chrono::seconds clock_offset{0};
  std::size_t request_log_size = 1000;
  boost::json::array capability_plans;  // defaults filled in when empty
  boost::json::object seed;             // {accounts, numbers, civicAddresses, rfis}

  double effective_burst() const { return burst < 0 ? rate_limit_per_minute : burst; }
};

struct command_line {
  sim_config config;
  bool show_help = false;
  bool show_version = false;
};

command_line parse_command_line(int argc, const char* const* argv);
std::string help_text();

// Applies the keys that may change while running (rateLimit, burst, throttleMode, syncDelayMs,
// faults{...}, batchAtomic, refuseFilters, repeatabilityWindowSeconds, clockOffsetSeconds, tokenLifetime). Throws
// std::invalid_argument naming the bad key; on a throw nothing has been changed.
void apply_runtime_settings(sim_config& config, const boost::json::object& settings);
boost::json::object runtime_settings_json(const sim_config& config);

// The built-in capability plans used when the config names none.
boost::json::array default_capability_plans();

}  // namespace acgprov::sim
