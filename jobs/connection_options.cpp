#include "jobs/connection_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sys/stat.h>

namespace acgprov::jobs {

const char* const connection_usage = R"(connection and authentication:
  --endpoint URL        API base URL, https only (env ACGPROV_ENDPOINT)
  --api-version V       default 2024-02-29-preview
  --tenant T            directory tenant (env ACGPROV_TENANT)
  --client-id ID        application (client) id (env ACGPROV_CLIENT_ID)
  --client-secret-file F  file holding the client secret; else env ACGPROV_CLIENT_SECRET.
                        A secret is never accepted as a flag value.
  --client-certificate-file PEM  authenticate with a certificate instead of a secret (a
                        client assertion signed RS256 with its private key, as Microsoft
                        recommends for production apps): the certificate, and its RSA key
                        unless --client-key-file names another file (mode 600)
  --client-key-file PEM the certificate's private key, if not in --client-certificate-file
  --authority URL       default https://login.microsoftonline.com ; token URL {authority}/{tenant}/oauth2/v2.0/token
  --scope S             default https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default
  --ca-file PEM         extra trust anchor (acgprov-sim, a corporate CA); never disables verification
  --rate R              requests per second over ALL API requests (writes and polls);
                        default 1.6667 (100 per minute, the live API's limit); fractions allowed
  --burst B             token bucket size (default 1: smooth pacing)
  --no-adaptive         keep --rate fixed even when the server throttles
  --max-in-flight N     requests in progress at once (default 16)
  --request-timeout S   deadline for one request's answer, seconds (default 60); a stalled
                        connection then counts as a failed attempt and is retried
  --connect-timeout S   deadline for TCP connect and TLS handshake, seconds (default 10)
  --proxy URL           HTTP proxy for every HTTPS connection (CONNECT tunnel), http://host:port;
                        '' for none. Default: env HTTPS_PROXY, else ALL_PROXY. Proxy credentials
                        only in the variable (http://user:password@host:port), never here
  --no-proxy LIST       hosts reached directly (curl's NO_PROXY: names, .domains, IPs, CIDR, *);
                        default env NO_PROXY
)";

double parse_number_flag(const std::string& flag, const std::string& v, double min) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d) || d < min)
    throw usage_error(flag + " wants a number" + (min > 0 ? " greater than 0" : " of at least 0") + ", not '" + v + "'");
  return d;
}

std::chrono::milliseconds parse_seconds_flag(const std::string& flag, const std::string& v) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(parse_number_flag(flag, v, 0.001) * 1000)));
}

std::string read_secret_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw usage_error("--client-secret-file " + path + ": cannot read the file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    std::cerr << "acgprov: warning: " << path << " can be read by other users (mode " << std::oct
              << (st.st_mode & 0777) << std::dec << "); chmod 600 it\n";
  std::ifstream in(path);
  std::string secret;
  if (!in || !std::getline(in, secret)) throw usage_error("--client-secret-file " + path + ": cannot read the file");
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) throw usage_error("--client-secret-file " + path + ": the file is empty");
  return secret;
}

namespace {

std::string read_credential_file(const std::string& flag, const std::string& path, bool holds_key) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) throw usage_error(flag + " " + path + ": cannot read the file");
  if (holds_key && (st.st_mode & (S_IRWXG | S_IRWXO)))
    std::cerr << "acgprov: warning: " << path << " holds a private key and can be read by other users (mode "
              << std::oct << (st.st_mode & 0777) << std::dec << "); chmod 600 it\n";
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw usage_error(flag + " " + path + ": cannot read the file");
  return text;
}

}  // namespace

std::shared_ptr<const auth::signing_certificate> read_client_certificate(const std::string& certificate_file,
                                                                         const std::string& key_file) {
  const std::string cert_pem = read_credential_file("--client-certificate-file", certificate_file, key_file.empty());
  const std::string key_pem = key_file.empty() ? std::string() : read_credential_file("--client-key-file", key_file, true);
  try {
    return auth::signing_certificate::from_pem(cert_pem, key_pem);
  } catch (const std::exception& e) {
    throw usage_error((key_file.empty() ? "--client-certificate-file " + certificate_file
                                        : "--client-certificate-file " + certificate_file + " / --client-key-file " + key_file) +
                      ": " + e.what());
  }
}

// Checked as it is parsed: userinfo on the command line is refused before anything else runs.
std::string checked_proxy_flag(std::string v) {
  try {
    if (!v.empty()) io::parse_proxy_url(v, "--proxy", false);
  } catch (const std::invalid_argument& e) {
    throw usage_error(e.what());
  }
  return v;
}

bool parse_connection_flag(const std::string& flag, const flag_value& value, connection_options& o) {
  if (flag == "--endpoint") o.endpoint = value();
  else if (flag == "--api-version") o.api_version = value();
  else if (flag == "--tenant") o.credentials.tenant = value();
  else if (flag == "--client-id") o.credentials.client_id = value();
  else if (flag == "--client-secret-file") o.client_secret_file = value();
  else if (flag == "--client-certificate-file") o.client_certificate_file = value();
  else if (flag == "--client-key-file") o.client_key_file = value();
  else if (flag == "--client-secret")
    // Flag values show in `ps` and shell history: refuse without echoing what was given.
    throw usage_error("--client-secret is not accepted: a secret on the command line is visible to "
                      "every user of the machine; use ACGPROV_CLIENT_SECRET or --client-secret-file");
  else if (flag == "--authority") o.credentials.authority = value();
  else if (flag == "--scope") o.credentials.scope = value();
  else if (flag == "--ca-file") o.ca_file = value();
  else if (flag == "--rate") o.rate.rate = parse_number_flag(flag, value(), 1e-6);
  else if (flag == "--burst") o.rate.burst = parse_number_flag(flag, value(), 1);
  else if (flag == "--no-adaptive") o.rate.adaptive = false;
  else if (flag == "--max-in-flight") {
    double n = parse_number_flag(flag, value(), 1);
    if (n != std::floor(n) || n > 10000) throw usage_error("--max-in-flight wants a whole number from 1 to 10000");
    o.max_in_flight = static_cast<std::size_t>(n);
  }
  else if (flag == "--request-timeout") o.timeouts.request = parse_seconds_flag(flag, value());
  else if (flag == "--connect-timeout") o.timeouts.connect = o.timeouts.handshake = parse_seconds_flag(flag, value());
  else if (flag == "--proxy") o.proxy_flag = checked_proxy_flag(value());
  else if (flag == "--no-proxy") o.no_proxy_flag = value();
  else return false;
  return true;
}

std::string describe_proxy(const connection_options& o) {
  if (!o.proxy.server) return o.proxy.source.empty() ? "no proxy (HTTPS_PROXY and ALL_PROXY unset)" : "no proxy (--proxy '')";
  auto host_of = [](const std::string& url) {
    try {
      return io::parse_endpoint(url).host;
    } catch (const std::exception&) {
      return std::string();
    }
  };
  auto route = [&](const std::string& url) { return o.proxy.for_host(host_of(url)) ? "through it" : "direct (NO_PROXY)"; };
  return "proxy " + o.proxy.server->url() + " from " + o.proxy.source +
         (o.proxy.server->has_credentials() ? " with Basic credentials" : "") + "; the API " + route(o.endpoint) +
         ", the identity platform " + route(o.credentials.authority);
}

void connection_defaults_from_env(connection_options& o, env_lookup getenv_fn) {
  auto env = [&](const char* name) -> std::string {
    const char* v = getenv_fn ? getenv_fn(name) : std::getenv(name);
    return v ? v : "";
  };
  if (o.endpoint.empty()) o.endpoint = env("ACGPROV_ENDPOINT");
  if (o.credentials.tenant.empty()) o.credentials.tenant = env("ACGPROV_TENANT");
  if (o.credentials.client_id.empty()) o.credentials.client_id = env("ACGPROV_CLIENT_ID");
  if (o.credentials.client_secret.empty() && o.client_secret_file.empty())
    o.credentials.client_secret = env("ACGPROV_CLIENT_SECRET");
  // Here, not only in complete_connection_options: a dry run with --prune reads the accounts.
  try {
    o.proxy = io::choose_proxy({.proxy_flag = o.proxy_flag, .no_proxy_flag = o.no_proxy_flag,
                                .https_proxy_lower = env("https_proxy"), .https_proxy_upper = env("HTTPS_PROXY"),
                                .all_proxy_lower = env("all_proxy"), .all_proxy_upper = env("ALL_PROXY"),
                                .no_proxy_lower = env("no_proxy"), .no_proxy_upper = env("NO_PROXY")});
  } catch (const std::invalid_argument& e) {
    throw usage_error(e.what());
  }
}

void complete_connection_options(connection_options& o, env_lookup getenv_fn) {
  connection_defaults_from_env(o, getenv_fn);
  if (o.endpoint.empty()) throw usage_error("--endpoint URL (or ACGPROV_ENDPOINT) is required");
  if (o.credentials.tenant.empty()) throw usage_error("--tenant (or ACGPROV_TENANT) is required");
  if (o.credentials.client_id.empty()) throw usage_error("--client-id (or ACGPROV_CLIENT_ID) is required");
  if (!o.client_certificate_file.empty()) {
    if (!o.client_secret_file.empty())
      throw usage_error("give --client-secret-file or --client-certificate-file, not both");
    o.client_certificate = read_client_certificate(o.client_certificate_file, o.client_key_file);
    o.credentials.client_secret.clear();  // the certificate is the credential: no secret is sent
    return;
  }
  if (!o.client_key_file.empty()) throw usage_error("--client-key-file needs --client-certificate-file");
  if (!o.client_secret_file.empty()) o.credentials.client_secret = read_secret_file(o.client_secret_file);
  if (o.credentials.client_secret.empty())
    throw usage_error("no client secret: set ACGPROV_CLIENT_SECRET or give --client-secret-file");
}

}  // namespace acgprov::jobs
