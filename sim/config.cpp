#include "sim/config.hpp"

#include "sim/identity/client_certificate.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json::value parse_json_file(const std::filesystem::path& path) {
  boost::system::error_code ec;
  auto v = json::parse(read_file(path), ec);
  if (ec) fail(path.string() + ": invalid JSON: " + ec.message());
  return v;
}

double number_of(const json::value& v, const std::string& key) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  fail("'" + key + "' must be a number");
}

std::int64_t integer_of(const json::value& v, const std::string& key) {
  double d = number_of(v, key);
  if (d != static_cast<double>(static_cast<std::int64_t>(d))) fail("'" + key + "' must be an integer");
  return static_cast<std::int64_t>(d);
}

// A year either way is plenty for any test, and keeps the clock arithmetic far from overflow.
std::int64_t clock_offset_of(std::int64_t seconds, const std::string& key) {
  if (seconds > 366LL * 86400 || seconds < -366LL * 86400) fail("'" + key + "' must be within a year (in seconds)");
  return seconds;
}

std::int64_t non_negative(const json::value& v, const std::string& key) {
  auto n = integer_of(v, key);
  if (n < 0) fail("'" + key + "' must not be negative");
  return n;
}

double probability_of(const json::value& v, const std::string& key) {
  double p = number_of(v, key);
  if (!(p >= 0 && p <= 1)) fail("'" + key + "' must be a probability between 0 and 1");
  return p;
}

bool bool_of(const json::value& v, const std::string& key) {
  if (!v.is_bool()) fail("'" + key + "' must be true or false");
  return v.as_bool();
}

std::string string_of(const json::value& v, const std::string& key) {
  if (!v.is_string()) fail("'" + key + "' must be a string");
  return std::string(v.as_string());
}

const json::object& object_of(const json::value& v, const std::string& key) {
  if (!v.is_object()) fail("'" + key + "' must be an object");
  return v.as_object();
}

const json::array& array_of(const json::value& v, const std::string& key) {
  if (!v.is_array()) fail("'" + key + "' must be an array");
  return v.as_array();
}

throttle_mode throttle_mode_of(const std::string& s) {
  if (s == "429") return throttle_mode::reject_429;
  if (s == "stall") return throttle_mode::stall;
  fail("throttle mode must be 429 or stall, not '" + s + "'");
}

void apply_faults(fault_settings& f, const json::object& o) {
  for (const auto& [k, v] : o) {
    std::string key = "faults." + std::string(k);
    if (k == "5xx") f.p_5xx = probability_of(v, key);
    else if (k == "reset") f.p_reset = probability_of(v, key);
    else if (k == "stall") f.p_stall = probability_of(v, key);
    else if (k == "syncNever") f.p_sync_never = probability_of(v, key);
    else if (k == "latencyMs") f.latency = std::chrono::milliseconds(non_negative(v, key));
    else if (k == "seed") f.seed = static_cast<std::uint64_t>(non_negative(v, key));
    else if (k == "tokenEndpoint") f.token_endpoint = bool_of(v, key);
    else if (k == "latin1Pages") f.latin1_pages = bool_of(v, key);
    else fail("unknown key '" + key + "'");
  }
  if (f.p_5xx + f.p_reset + f.p_stall > 1.0) fail("faults: 5xx + reset + stall must not exceed 1");
}

sync_rule parse_sync_rule(const json::object& o, const std::string& where) {
  sync_rule r;
  bool has_outcome = false;
  for (const auto& [k, v] : o) {
    std::string key = where + "." + std::string(k);
    if (k == "numberPrefix") r.number_prefix = string_of(v, key);
    else if (k == "accountPrefix") r.account_prefix = string_of(v, key);
    else if (k == "delayMs") r.delay = std::chrono::milliseconds(non_negative(v, key));
    else if (k == "pendingReads")
      r.pending_reads = static_cast<std::uint32_t>(std::min<std::int64_t>(non_negative(v, key), 1'000'000));
    else if (k == "hold") r.hold = bool_of(v, key);
    else if (k == "errors") {
      for (const auto& e : array_of(v, key)) {
        const auto& eo = object_of(e, key + "[]");
        if (!eo.contains("code") || !eo.contains("message")) fail(key + ": each error needs code and message");
        r.errors.push_back(eo);
      }
    } else if (k == "outcome") {
      auto s = string_of(v, key);
      has_outcome = true;
      if (s == "synced") r.outcome = sync_outcome::synced;
      else if (s == "failed") r.outcome = sync_outcome::failed;
      else if (s == "never") r.outcome = sync_outcome::never;
      else fail(key + " must be synced, failed or never");
    } else {
      fail("unknown key '" + key + "'");
    }
  }
  if (!has_outcome) fail(where + ": 'outcome' is required");
  if (r.outcome == sync_outcome::failed && r.errors.empty()) {
    json::object e;
    e["code"] = "InvalidRequest";
    e["message"] = "Backend rejected the request (sync rule)";
    r.errors.push_back(std::move(e));
  }
  return r;
}

client_registration parse_client(const json::object& o, const std::string& where, const std::filesystem::path& base_dir,
                                 const std::string& default_tenant) {
  client_registration c;
  c.tenant = default_tenant;
  for (const auto& [k, v] : o) {
    std::string key = where + "." + std::string(k);
    if (k == "tenant") c.tenant = string_of(v, key);
    else if (k == "clientId") c.client_id = string_of(v, key);
    else if (k == "secret") c.secret = string_of(v, key);
    else if (k == "roles") {
      for (const auto& r : array_of(v, key)) c.roles.push_back(string_of(r, key + "[]"));
    } else if (k == "certificate" || k == "certificateFile") {
      auto text = string_of(v, key);
      std::string pem = k == "certificate" ? text : read_file(base_dir / text);
      try {
        c.certificate = client_certificate::from_pem(pem);
      } catch (const std::exception& e) {
        fail(key + ": " + e.what());
      }
    } else if (k == "tokenLifetime") c.token_lifetime_s = integer_of(v, key);
    else if (k == "reportedExpiresIn") c.reported_expires_in = integer_of(v, key);
    else if (k == "federatedAssertion") {
      c.federated_assertion = string_of(v, key);
      if (c.federated_assertion.empty()) fail(key + " must not be empty");
    } else if (k == "managedIdentity") {
      c.managed_identity = string_of(v, key);
      if (c.managed_identity != "system" && c.managed_identity != "user") fail(key + " must be \"system\" or \"user\"");
    } else fail("unknown key '" + key + "'");
  }
  if (c.client_id.empty()) fail(where + ": 'clientId' is required");
  if (c.secret.empty() && !c.certificate && c.federated_assertion.empty() && c.managed_identity.empty())
    fail(where + ": needs 'secret', 'certificate', 'federatedAssertion' or 'managedIdentity'");
  return c;
}

// Keys that only the file (not /_sim/config) may set.
void apply_file(sim_config& cfg, const json::object& root, const std::filesystem::path& base_dir) {
  json::object runtime;
  // tenant first: clients default to it whatever the key order.
  if (auto* t = root.if_contains("tenant")) cfg.tenant = string_of(*t, "tenant");
  for (const auto& [k, v] : root) {
    std::string key(k);
    if (k == "tenant") continue;
    if (k == "audience") cfg.audience = string_of(v, key);
    else if (k == "clients") {
      cfg.clients.clear();
      std::size_t i = 0;
      for (const auto& c : array_of(v, key))
        cfg.clients.push_back(
            parse_client(object_of(c, key), "clients[" + std::to_string(i++) + "]", base_dir, cfg.tenant));
    } else if (k == "syncRules") {
      std::size_t i = 0;
      for (const auto& r : array_of(v, key))
        cfg.sync_rules.push_back(parse_sync_rule(object_of(r, key), "syncRules[" + std::to_string(i++) + "]"));
    } else if (k == "apiVersions") {
      cfg.api_versions.clear();
      for (const auto& s : array_of(v, key)) cfg.api_versions.push_back(string_of(s, key + "[]"));
    } else if (k == "capabilityPlans") cfg.capability_plans = array_of(v, key);
    else if (k == "seed") {
      if (v.is_string()) {
        auto seed = parse_json_file(base_dir / std::string(v.as_string()));
        cfg.seed = object_of(seed, key);
      } else {
        cfg.seed = object_of(v, key);
      }
    } else if (k == "requestLogSize") cfg.request_log_size = static_cast<std::size_t>(non_negative(v, key));
    else if (k == "idleTimeoutSeconds") cfg.idle_timeout = std::chrono::seconds(non_negative(v, key));
    else if (k == "stallTimeoutSeconds") cfg.stall_timeout = std::chrono::seconds(non_negative(v, key));
    else if (k == "identityHeader") cfg.identity_header = string_of(v, key);
    else runtime[k] = v;  // checked by apply_runtime_settings
  }
  apply_runtime_settings(cfg, runtime);
}

// Parses "--name value" and "--name=value"; boolean flags take no value.
struct raw_flags {
  std::vector<std::pair<std::string, std::string>> items;
};

bool is_switch(const std::string& name) {
  return name == "--plain-http" || name == "--fault-token" || name == "--fault-latin1-pages" || name == "--help" ||
         name == "-h" || name == "--version";
}

std::int64_t parse_int(const std::string& flag, const std::string& text) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) fail(flag + " needs an integer, not '" + text + "'");
  return v;
}

double parse_double(const std::string& flag, const std::string& text) {
  try {
    std::size_t used = 0;
    double d = std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    return d;
  } catch (const std::exception&) {
    fail(flag + " needs a number, not '" + text + "'");
  }
}

double parse_probability(const std::string& flag, const std::string& text) {
  double p = parse_double(flag, text);
  if (!(p >= 0 && p <= 1)) fail(flag + " needs a probability between 0 and 1");
  return p;
}

std::int64_t parse_non_negative(const std::string& flag, const std::string& text) {
  auto v = parse_int(flag, text);
  if (v < 0) fail(flag + " must not be negative");
  return v;
}

}  // namespace

boost::json::array default_capability_plans() {
  return json::parse(R"([
    {"name":"calling-user-assignment","offerTypes":["Calling"],"usage":"CallingUserAssignment",
     "mandatoryCapabilities":["UserAssignment"],
     "choosableCapabilities":["InboundCalling","OutboundCalling","UserAssignment","Mobile"],
     "supportsTollFree":true},
    {"name":"conference-assignment","offerTypes":["Calling"],"usage":"ConferenceAssignment",
     "mandatoryCapabilities":["ConferenceAssignment"],
     "choosableCapabilities":["InboundCalling","TollFreeInboundCalling"],
     "supportsTollFree":true},
    {"name":"first-party-app-assignment","offerTypes":["Calling"],"usage":"FirstPartyAppAssignment",
     "mandatoryCapabilities":["FirstPartyAppAssignment"],
     "choosableCapabilities":["InboundCalling","OutboundCalling"],
     "supportsTollFree":false}
  ])")
      .as_array();
}

void apply_runtime_settings(sim_config& config, const boost::json::object& settings) {
  sim_config next = config;
  for (const auto& [k, v] : settings) {
    std::string key(k);
    if (k == "rateLimit") {
      next.rate_limit_per_minute = number_of(v, key);
      if (next.rate_limit_per_minute < 0) fail("'rateLimit' must not be negative");
    } else if (k == "burst") {
      next.burst = number_of(v, key);
      if (next.burst < 1 && next.burst >= 0) fail("'burst' must be at least 1 (or negative for the default)");
    } else if (k == "throttleMode") next.throttling = throttle_mode_of(string_of(v, key));
    else if (k == "syncDelayMs") next.sync_delay = std::chrono::milliseconds(non_negative(v, key));
    else if (k == "faults") apply_faults(next.faults, object_of(v, key));
    else if (k == "batchAtomic") next.batch_atomic = bool_of(v, key);
    else if (k == "refuseFilters") next.refuse_filters = bool_of(v, key);
    else if (k == "repeatabilityWindowSeconds") next.repeatability_window = std::chrono::seconds(non_negative(v, key));
    else if (k == "clockOffsetSeconds")
      next.clock_offset = std::chrono::seconds(clock_offset_of(integer_of(v, key), key));
    else if (k == "tokenLifetime") next.token_lifetime = std::chrono::seconds(non_negative(v, key));
    else fail("unknown key '" + key + "'");
  }
  config = std::move(next);
}

boost::json::object runtime_settings_json(const sim_config& c) {
  json::object o;
  o["rateLimit"] = c.rate_limit_per_minute;
  o["burst"] = c.effective_burst();
  o["throttleMode"] = c.throttling == throttle_mode::stall ? "stall" : "429";
  o["syncDelayMs"] = c.sync_delay.count();
  json::object f;
  f["5xx"] = c.faults.p_5xx;
  f["reset"] = c.faults.p_reset;
  f["stall"] = c.faults.p_stall;
  f["syncNever"] = c.faults.p_sync_never;
  f["latencyMs"] = c.faults.latency.count();
  f["seed"] = c.faults.seed;
  f["tokenEndpoint"] = c.faults.token_endpoint;
  f["latin1Pages"] = c.faults.latin1_pages;
  o["faults"] = std::move(f);
  o["batchAtomic"] = c.batch_atomic;
  o["refuseFilters"] = c.refuse_filters;
  o["repeatabilityWindowSeconds"] = c.repeatability_window.count();
  o["clockOffsetSeconds"] = c.clock_offset.count();
  o["tokenLifetime"] = c.token_lifetime.count();
  return o;
}

command_line parse_command_line(int argc, const char* const* argv) {
  raw_flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 && arg != "-h") fail("unexpected argument '" + arg + "' (see --help)");
    auto eq = arg.find('=');
    if (eq != std::string::npos) {
      flags.items.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    } else if (is_switch(arg)) {
      flags.items.emplace_back(arg, "");
    } else {
      if (i + 1 >= argc) fail(arg + " needs a value (see --help)");
      flags.items.emplace_back(arg, argv[++i]);
    }
  }

  command_line result;
  sim_config& cfg = result.config;
  for (const auto& [name, value] : flags.items) {
    if (name == "--help" || name == "-h") result.show_help = true;
    if (name == "--version") result.show_version = true;
  }
  if (result.show_help || result.show_version) return result;

  // The file first, so that flags win over it.
  for (const auto& [name, value] : flags.items) {
    if (name != "--config") continue;
    std::filesystem::path path(value);
    auto root = parse_json_file(path);
    apply_file(cfg, object_of(root, "config"), path.parent_path());
  }

  std::vector<client_registration> flag_clients;
  for (const auto& [name, value] : flags.items) {
    if (name == "--config" || name == "--help" || name == "--version") continue;
    else if (name == "--port") {
      auto p = parse_non_negative(name, value);
      if (p > 65535) fail("--port must be at most 65535");
      cfg.port = static_cast<unsigned short>(p);
    } else if (name == "--bind") cfg.bind = value;
    else if (name == "--rate-limit") {
      cfg.rate_limit_per_minute = parse_double(name, value);
      if (cfg.rate_limit_per_minute < 0) fail("--rate-limit must not be negative");
    } else if (name == "--burst") {
      cfg.burst = parse_double(name, value);
      if (cfg.burst < 1) fail("--burst must be at least 1");
    } else if (name == "--throttle-mode") cfg.throttling = throttle_mode_of(value);
    else if (name == "--sync-delay-ms") cfg.sync_delay = std::chrono::milliseconds(parse_non_negative(name, value));
    else if (name == "--fault-5xx") cfg.faults.p_5xx = parse_probability(name, value);
    else if (name == "--fault-reset") cfg.faults.p_reset = parse_probability(name, value);
    else if (name == "--fault-stall") cfg.faults.p_stall = parse_probability(name, value);
    else if (name == "--fault-sync-never") cfg.faults.p_sync_never = parse_probability(name, value);
    else if (name == "--fault-latency-ms")
      cfg.faults.latency = std::chrono::milliseconds(parse_non_negative(name, value));
    else if (name == "--fault-seed") cfg.faults.seed = static_cast<std::uint64_t>(parse_non_negative(name, value));
    else if (name == "--fault-token") cfg.faults.token_endpoint = true;
    else if (name == "--fault-latin1-pages") cfg.faults.latin1_pages = true;
    else if (name == "--token-lifetime") cfg.token_lifetime = std::chrono::seconds(parse_non_negative(name, value));
    else if (name == "--managed-identity-port") {
      auto p = parse_non_negative(name, value);
      if (p > 65535) fail("--managed-identity-port must be at most 65535");
      cfg.managed_identity_port = static_cast<unsigned short>(p);
    } else if (name == "--ca-out") cfg.ca_out = value;
    else if (name == "--cert") cfg.cert_file = value;
    else if (name == "--key") cfg.key_file = value;
    else if (name == "--plain-http") cfg.plain_http = true;
    else if (name == "--batch-atomic") {
      if (value != "true" && value != "false") fail("--batch-atomic needs true or false");
      cfg.batch_atomic = value == "true";
    } else if (name == "--refuse-filters") {
      if (value != "true" && value != "false") fail("--refuse-filters needs true or false");
      cfg.refuse_filters = value == "true";
    } else if (name == "--repeatability-window")
      cfg.repeatability_window = std::chrono::seconds(parse_non_negative(name, value));
    else if (name == "--clock-offset")
      cfg.clock_offset = std::chrono::seconds(clock_offset_of(parse_int(name, value), name));
    else if (name == "--idle-timeout") cfg.idle_timeout = std::chrono::seconds(parse_non_negative(name, value));
    else if (name == "--stall-timeout") cfg.stall_timeout = std::chrono::seconds(parse_non_negative(name, value));
    else if (name == "--log-level") {
      if (value != "quiet" && value != "error" && value != "info" && value != "debug")
        fail("--log-level must be quiet, error, info or debug");
      cfg.log_level = value;
    } else if (name == "--tenant") cfg.tenant = value;
    else if (name == "--client") {
      // ID:SECRET[:ROLE,ROLE...]
      auto c1 = value.find(':');
      if (c1 == std::string::npos || c1 == 0) fail("--client needs ID:SECRET[:ROLE,...]");
      auto c2 = value.find(':', c1 + 1);
      client_registration c;
      c.client_id = value.substr(0, c1);
      c.secret = value.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
      if (c.secret.empty()) fail("--client needs a non-empty secret");
      std::string roles = c2 == std::string::npos ? "ProvisioningAPI.Admin" : value.substr(c2 + 1);
      std::size_t start = 0;
      while (start <= roles.size()) {
        auto comma = roles.find(',', start);
        auto role = roles.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!role.empty()) c.roles.push_back(role);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      flag_clients.push_back(std::move(c));
    } else {
      fail("unknown flag " + name + " (see --help)");
    }
  }
  if (cfg.cert_file.empty() != cfg.key_file.empty()) fail("--cert and --key go together");
  if (cfg.faults.p_5xx + cfg.faults.p_reset + cfg.faults.p_stall > 1.0)
    fail("--fault-5xx + --fault-reset + --fault-stall must not exceed 1");
  for (auto& c : flag_clients) {
    c.tenant = cfg.tenant;
    cfg.clients.push_back(std::move(c));
  }
  if (cfg.clients.empty()) {
    client_registration c;
    c.tenant = cfg.tenant;
    c.client_id = "sim-client";
    c.secret = "sim-secret";
    c.roles = {"ProvisioningAPI.Admin"};
    cfg.clients.push_back(std::move(c));
  }
  if (cfg.capability_plans.empty()) cfg.capability_plans = default_capability_plans();
  return result;
}

std::string help_text() {
  return R"(acgprov-sim - an emulator of the Azure Communications Gateway Provisioning API over HTTPS

Usage: acgprov-sim [flags]

When ready it prints exactly one JSON line on stdout:
  {"endpoint":"https://127.0.0.1:PORT","tokenUrl":"https://127.0.0.1:PORT/TENANT/oauth2/v2.0/token",
   "caFile":"...","port":PORT,"authority":"https://127.0.0.1:PORT","tenant":"TENANT"}
Logs go to stderr. SIGTERM or SIGINT stops it with exit status 0; bad flags or config exit 2,
other start-up failures 1.
Without --config or --client it registers one client: tenant sim-tenant, client id sim-client,
secret sim-secret, role ProvisioningAPI.Admin.

Transport
  --port N                 TCP port on 127.0.0.1; 0 = any free port (default 0)
  --bind ADDR              listen address (default 127.0.0.1)
  --ca-out PATH            write the PEM trust anchor (the self-signed certificate) here
                           (default: ca.pem in a fresh temporary directory, removed at exit)
  --cert PATH --key PATH   serve this PEM certificate chain and key instead of a generated one
  --plain-http             serve plain HTTP instead of HTTPS (only for debugging)
  --idle-timeout S         close keep-alive connections idle for S seconds (default 120)
  --stall-timeout S        longest time a stalled connection is held (default 120)
  --log-level L            quiet | error | info | debug (default error; info logs every request)

Identity
  --config FILE            JSON config: clients, secrets, roles, certificates, token lifetime,
                           seed data, faults, sync rules (see docs/sim.md, samples/sim-config.json)
  --tenant T               tenant of the default and --client clients (default sim-tenant)
  --client ID:SECRET[:ROLES]
                           register a client (repeatable); ROLES comma-separated,
                           default ProvisioningAPI.Admin
  --token-lifetime S       access token lifetime in seconds (default 3599)
  --managed-identity-port N  also serve the managed identity endpoints (App Service style
                           GET /msi/token, IMDS style GET /metadata/identity/oauth2/token) over
                           plain HTTP on 127.0.0.1:N; 0 = any free port. The port, the
                           IDENTITY_ENDPOINT and the IDENTITY_HEADER value: GET /_sim/managed-identity

API behaviour
  --rate-limit N           requests per minute over all API requests; 0 = off (default 100)
  --burst N                token-bucket capacity (default: the per-minute rate)
  --throttle-mode M        429 (default: 429 + Retry-After) | stall (no answer, connection held)
  --sync-delay-ms N        time from a write to synced/failed (default 2000)
  --batch-atomic B         true (default): a batch with a bad item applies nothing;
                           false: good items are applied, bad ones come back as failed items
  --refuse-filters B       true: every list request with a filter is answered 400 (default false)
  --repeatability-window S how long Repeatability-Request-IDs are remembered (default 300)
  --clock-offset S         the API server's clock runs S seconds from the real one (may be
                           negative): its Date header and the repeatability window (default 0)

Faults (API requests only; seeded so that runs repeat)
  --fault-5xx P            answer 500 or 503 with probability P, applying nothing
  --fault-reset P          reset the connection before applying anything, probability P
  --fault-stall P          never answer (hold the connection), probability P
  --fault-latency-ms N     add N ms before every API answer
  --fault-sync-never P     a write that needs backend sync stays pending forever, probability P
  --fault-seed N           seed of the fault generator (default 1)
  --fault-token            also inject 5xx/reset/stall/latency on the token endpoint
  --fault-latin1-pages     injected 5xx answers are an HTML page in ISO-8859-1 (not JSON)

  --help                   this text
  --version                print the version

Inspection (no auth, no rate limit): GET /_sim/stats, GET /_sim/state, GET /_sim/config,
POST /_sim/config (JSON: rateLimit, burst, throttleMode, syncDelayMs, faults{...}, batchAtomic, refuseFilters,
repeatabilityWindowSeconds, clockOffsetSeconds, tokenLifetime), POST /_sim/identity (JSON:
revokeTokens, clients[{clientId, secret, roles, federatedAssertion}], afterTokensIssued),
GET|POST /_sim/managed-identity, GET /_sim/requests?since=N, GET /_sim/health.
OpenID discovery: GET /TENANT/v2.0/.well-known/openid-configuration, its jwks_uri, and
GET /common/discovery/instance.
)";
}

}  // namespace acgprov::sim
