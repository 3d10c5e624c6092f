#include "jobs/apply_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

namespace acgprov::jobs {

const char* const apply_usage = R"(usage: acgprov apply INPUT [INPUT...] --endpoint URL --report PATH [options]

  INPUT                 .csv | .json (array, or {"value":[...]}) | .jsonl / .ndjson ; '-' = stdin with --format
  --format F            csv | json | ndjson: the format of stdin
  --endpoint URL        API base URL (env ACGPROV_ENDPOINT)
  --api-version V       default 2024-02-29-preview
  --tenant T            directory tenant (env ACGPROV_TENANT)
  --client-id ID        application (client) id (env ACGPROV_CLIENT_ID)
  --client-secret-file F  file holding the client secret; else env ACGPROV_CLIENT_SECRET.
                        A secret is never accepted as a flag value.
  --authority URL       default https://login.microsoftonline.com ; token URL {authority}/{tenant}/oauth2/v2.0/token
  --scope S             default https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default
  --ca-file PEM         extra trust anchor (acgprov-sim, a corporate CA); never disables verification
  --report PATH         one row per input row: JSON Lines (.jsonl) or CSV (.csv)
  --summary PATH        also write a JSON summary of the run
  --rate R              requests per second over ALL API requests (writes and polls);
                        default 1.6667 (100 per minute, the live API's limit); fractions allowed
  --burst B             token bucket size (default 1: smooth pacing)
  --no-adaptive         keep --rate fixed even when the server throttles
  --max-in-flight N     rows in progress at once (default 16)
  --poll-interval S     first wait before polling a pending row, seconds (default 2; grows 1.5x)
  --poll-timeout S      a row still pending after this is reported `timeout` (default 900)
  --request-timeout S   deadline for one request's answer, seconds (default 60); a stalled
                        connection then counts as a failed attempt and is retried
  --connect-timeout S   deadline for TCP connect and TLS handshake, seconds (default 10)
  --write-mode M        batch (default: up to 100 numbers a request, per account) | single
  --if-absent           create only (If-None-Match: *): never overwrite an existing number;
                        implies --write-mode single (batch requests take no conditions)
  --dry-run             read, validate and print the plan; send nothing
  -h, --help            this text

exit codes: 0 every row synced/deleted/unchanged; 1 finished, some rows not; 2 usage,
configuration or unreadable input (nothing sent); 3 aborted (credentials refused, endpoint
unreachable, interrupted), with the report complete for every row.
)";

namespace {

double parse_number(const std::string& flag, const std::string& v, double min) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d) || d < min)
    throw usage_error(flag + " wants a number" + (min > 0 ? " greater than 0" : " of at least 0") + ", not '" + v + "'");
  return d;
}

std::chrono::milliseconds seconds_flag(const std::string& flag, const std::string& v) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(parse_number(flag, v, 0.001) * 1000)));
}

}  // namespace

std::string read_secret_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw usage_error("--client-secret-file " + path + ": cannot read the file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    std::cerr << "acgprov: warning: " << path << " can be read by other users (mode "
              << std::oct << (st.st_mode & 0777) << std::dec << "); chmod 600 it\n";
  std::ifstream in(path);
  std::string secret;
  if (!in || !std::getline(in, secret)) throw usage_error("--client-secret-file " + path + ": cannot read the file");
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) throw usage_error("--client-secret-file " + path + ": the file is empty");
  return secret;
}

apply_options parse_apply_options(const std::vector<std::string>& args, const char* (*getenv_fn)(const char*)) {
  auto env = [&](const char* name) -> std::string {
    const char* v = getenv_fn ? getenv_fn(name) : std::getenv(name);
    return v ? v : "";
  };
  apply_options o;
  o.endpoint = env("ACGPROV_ENDPOINT");
  o.credentials.tenant = env("ACGPROV_TENANT");
  o.credentials.client_id = env("ACGPROV_CLIENT_ID");
  std::string secret_file;

  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw usage_error(arg + " needs a value");
      return args[++i];
    };
    auto flag_only = [&] {
      if (inline_value) throw usage_error(arg + " takes no value");
    };

    if (arg == "-h" || arg == "--help") { o.help = true; }
    else if (arg == "--endpoint") o.endpoint = value();
    else if (arg == "--report") o.report = value();
    else if (arg == "--summary") o.summary = value();
    else if (arg == "--format") {
      auto f = io::parse_input_format(value());
      if (!f) throw usage_error("--format wants csv, json or ndjson");
      o.stdin_format = f;
    }
    else if (arg == "--api-version") o.engine.api_version = value();
    else if (arg == "--tenant") o.credentials.tenant = value();
    else if (arg == "--client-id") o.credentials.client_id = value();
    else if (arg == "--client-secret-file") secret_file = value();
    else if (arg == "--client-secret")
      // Flag values show in `ps` and shell history: refuse without echoing what was given.
      throw usage_error("--client-secret is not accepted: a secret on the command line is visible to "
                        "every user of the machine; use ACGPROV_CLIENT_SECRET or --client-secret-file");
    else if (arg == "--authority") o.credentials.authority = value();
    else if (arg == "--scope") o.credentials.scope = value();
    else if (arg == "--ca-file") o.ca_file = value();
    else if (arg == "--rate") o.rate.rate = parse_number(arg, value(), 1e-6);
    else if (arg == "--burst") o.rate.burst = parse_number(arg, value(), 1);
    else if (arg == "--no-adaptive") { flag_only(); o.rate.adaptive = false; }
    else if (arg == "--max-in-flight") {
      double n = parse_number(arg, value(), 1);
      if (n != std::floor(n) || n > 10000) throw usage_error("--max-in-flight wants a whole number from 1 to 10000");
      o.engine.max_in_flight = static_cast<std::size_t>(n);
    }
    else if (arg == "--poll-interval") o.engine.poll_interval = seconds_flag(arg, value());
    else if (arg == "--poll-timeout") o.engine.poll_timeout = seconds_flag(arg, value());
    else if (arg == "--request-timeout") o.timeouts.request = seconds_flag(arg, value());
    else if (arg == "--connect-timeout") o.timeouts.connect = o.timeouts.handshake = seconds_flag(arg, value());
    else if (arg == "--write-mode") {
      auto m = value();
      if (m == "batch") o.engine.mode = engine::write_mode::batch;
      else if (m == "single") o.engine.mode = engine::write_mode::single;
      else throw usage_error("--write-mode wants batch or single, not '" + m + "'");
    }
    else if (arg == "--if-absent") { flag_only(); o.engine.if_absent = true; }
    else if (arg == "--dry-run") { flag_only(); o.dry_run = true; }
    else if (arg == "-") o.inputs.push_back(arg);
    else if (arg.rfind("-", 0) == 0) throw usage_error("unknown option " + arg);
    else o.inputs.push_back(arg);
  }
  if (o.help) return o;

  if (o.inputs.empty()) throw usage_error("no INPUT given");
  for (const auto& in : o.inputs) {
    if (in == "-") {
      if (!o.stdin_format) throw usage_error("reading stdin ('-') needs --format csv|json|ndjson");
    } else if (!io::format_from_path(in)) {
      throw usage_error("cannot tell the format of " + in + ": use .csv, .json, .jsonl or .ndjson");
    }
  }
  if (o.report.empty()) throw usage_error("--report PATH is required");
  // The batch operations take no conditional headers: create-only needs one PUT per number.
  if (o.engine.if_absent) o.engine.mode = engine::write_mode::single;
  o.engine.max_poll_interval = std::max(o.engine.max_poll_interval, o.engine.poll_interval);
  if (o.dry_run) return o;  // nothing is sent: no endpoint or credentials needed

  if (o.endpoint.empty()) throw usage_error("--endpoint URL (or ACGPROV_ENDPOINT) is required");
  if (o.credentials.tenant.empty()) throw usage_error("--tenant (or ACGPROV_TENANT) is required");
  if (o.credentials.client_id.empty()) throw usage_error("--client-id (or ACGPROV_CLIENT_ID) is required");
  o.credentials.client_secret = secret_file.empty() ? env("ACGPROV_CLIENT_SECRET") : read_secret_file(secret_file);
  if (o.credentials.client_secret.empty())
    throw usage_error("no client secret: set ACGPROV_CLIENT_SECRET or give --client-secret-file");
  return o;
}

}  // namespace acgprov::jobs
