#include "jobs/cli/connection_options.hpp"
#include "io/log.hpp"

#include "auth/workload_identity_source.hpp"
#include "io/local_http_client.hpp"

#include <sys/stat.h>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace acgprov::jobs {

double parse_number_flag(const std::string& flag, const std::string& v, double min) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d) || d < min)
    throw usage_error(flag + " wants a number" + (min > 0 ? " greater than 0" : " of at least 0") + ", not '" + v +
                      "'");
  return d;
}

std::chrono::milliseconds parse_seconds_flag(const std::string& flag, const std::string& v) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(parse_number_flag(flag, v, 0.001) * 1000)));
}

namespace {

std::string octal_mode(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%o", mode & 0777);
  return buf;
}

}  // namespace

std::string read_secret_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw usage_error("--client-secret-file " + path + ": cannot read the file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    io::log::warning("secret_file_readable",
                     path + " can be read by other users (mode " + octal_mode(st.st_mode) + "); chmod 600 it",
                     {{"path", path}});
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
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw usage_error(flag + " " + path + ": cannot read the file");
  if (holds_key && (st.st_mode & (S_IRWXG | S_IRWXO)))
    io::log::warning("secret_file_readable",
                     path + " holds a private key and can be read by other users (mode " + octal_mode(st.st_mode) +
                         "); chmod 600 it",
                     {{"path", path}});
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw usage_error(flag + " " + path + ": cannot read the file");
  return text;
}

}  // namespace

std::shared_ptr<const auth::signing_certificate> read_client_certificate(const std::string& certificate_file,
                                                                         const std::string& key_file,
                                                                         const std::string& certificate_flag) {
  const std::string cert_pem = read_credential_file(certificate_flag, certificate_file, key_file.empty());
  const std::string key_pem =
      key_file.empty() ? std::string() : read_credential_file("--client-key-file", key_file, true);
  try {
    return auth::signing_certificate::from_pem(cert_pem, key_pem);
  } catch (const std::exception& e) {
    throw usage_error((key_file.empty()
                           ? certificate_flag + " " + certificate_file
                           : certificate_flag + " " + certificate_file + " / --client-key-file " + key_file) +
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
    throw usage_error(
        "--client-secret is not accepted: a secret on the command line is visible to "
        "every user of the machine; use ACGPROV_CLIENT_SECRET or --client-secret-file");
  else if (flag == "--authority") {
    o.credentials.authority = value();
    o.authority_given = true;
  } else if (flag == "--credential") {
    o.credential = value();
    if (!is_credential_word(o.credential))
      throw usage_error("--credential wants auto, secret, certificate, workload-identity or managed-identity");
  } else if (flag == "--managed-identity-client-id") o.managed_identity.client_id = value();
  else if (flag == "--scope") o.credentials.scope = value();
  else if (flag == "--ca-file") o.ca_file = value();
  else if (flag == "--rate") o.rate.rate = parse_number_flag(flag, value(), 1e-6);
  else if (flag == "--burst") o.rate.burst = parse_number_flag(flag, value(), 1);
  else if (flag == "--adaptive" || flag == "--no-adaptive") o.rate.adaptive = flag == "--adaptive";
  else if (flag == "--max-in-flight") {
    double n = parse_number_flag(flag, value(), 1);
    if (n != std::floor(n) || n > 10000) throw usage_error("--max-in-flight wants a whole number from 1 to 10000");
    o.max_in_flight = static_cast<std::size_t>(n);
  } else if (flag == "--request-timeout") o.timeouts.request = parse_seconds_flag(flag, value());
  else if (flag == "--connect-timeout") o.timeouts.connect = o.timeouts.handshake = parse_seconds_flag(flag, value());
  else if (flag == "--proxy") o.proxy_flag = checked_proxy_flag(value());
  else if (flag == "--no-proxy") o.no_proxy_flag = value();
  else return false;
  return true;
}

namespace {

using env_fn = std::function<std::string(const char*)>;

env_fn environment(env_lookup getenv_fn) {
  return [getenv_fn](const char* name) -> std::string {
    const char* v = getenv_fn ? getenv_fn(name) : std::getenv(name);
    return v ? v : "";
  };
}

credential_sources credential_sources_of(const connection_options& o, const env_fn& env) {
  return {.requested = o.credential,
          .secret_file_flag = !o.client_secret_file.empty(),
          .certificate_flag = !o.client_certificate_file.empty(),
          .acgprov_secret = !env("ACGPROV_CLIENT_SECRET").empty(),
          .azure_secret = !env("AZURE_CLIENT_SECRET").empty(),
          .azure_certificate = !env("AZURE_CLIENT_CERTIFICATE_PATH").empty(),
          .federated_token_file = !env("AZURE_FEDERATED_TOKEN_FILE").empty(),
          .identity_endpoint = !env("IDENTITY_ENDPOINT").empty() && !env("IDENTITY_HEADER").empty()};
}

void load_managed_identity(connection_options& o, const env_fn& env) {
  auto& mi = o.managed_identity;
  mi.scope = o.credentials.scope;
  mi.timeouts = o.timeouts;
  mi.identity_endpoint = env("IDENTITY_ENDPOINT");
  mi.identity_header = env("IDENTITY_HEADER");
  if (auto host = env("AZURE_POD_IDENTITY_AUTHORITY_HOST"); !host.empty()) mi.imds_authority = host;
  const bool app_service = auth::uses_app_service_endpoint(mi);
  const std::string url = app_service ? mi.identity_endpoint : mi.imds_authority;
  try {
    io::parse_local_endpoint(url);
  } catch (const std::exception& e) {
    throw usage_error(std::string(app_service ? "IDENTITY_ENDPOINT" : "AZURE_POD_IDENTITY_AUTHORITY_HOST") + ": " +
                      e.what());
  }
}

}  // namespace

std::string describe_proxy(const connection_options& o) {
  if (!o.proxy.server)
    return o.proxy.source.empty() ? "no proxy (HTTPS_PROXY and ALL_PROXY unset)" : "no proxy (--proxy '')";
  auto host_of = [](const std::string& url) {
    try {
      return io::parse_endpoint(url).host;
    } catch (const std::exception&) {
      return std::string();
    }
  };
  auto route = [&](const std::string& url) {
    return o.proxy.for_host(host_of(url)) ? "through it" : "direct (NO_PROXY)";
  };
  return "proxy " + o.proxy.server->url() + " from " + o.proxy.source +
         (o.proxy.server->has_credentials() ? " with Basic credentials" : "") + "; the API " + route(o.endpoint) +
         ", the identity platform " + route(o.credentials.authority);
}

void connection_defaults_from_env(connection_options& o, env_lookup getenv_fn) {
  auto env = environment(getenv_fn);
  auto fill = [](std::string& field, const std::string& first, const std::string& second) {
    if (field.empty()) field = !first.empty() ? first : second;
  };
  fill(o.endpoint, env("ACGPROV_ENDPOINT"), "");
  fill(o.credentials.tenant, env("ACGPROV_TENANT"), env("AZURE_TENANT_ID"));
  fill(o.credentials.client_id, env("ACGPROV_CLIENT_ID"), env("AZURE_CLIENT_ID"));
  if (!o.authority_given && !env("AZURE_AUTHORITY_HOST").empty()) o.credentials.authority = env("AZURE_AUTHORITY_HOST");
  if (o.credentials.client_secret.empty() && o.client_secret_file.empty())
    o.credentials.client_secret = env("ACGPROV_CLIENT_SECRET");
  // Here, not only in complete_connection_options: a dry run with --prune reads the accounts.
  try {
    o.proxy = io::choose_proxy({.proxy_flag = o.proxy_flag,
                                .no_proxy_flag = o.no_proxy_flag,
                                .https_proxy_lower = env("https_proxy"),
                                .https_proxy_upper = env("HTTPS_PROXY"),
                                .all_proxy_lower = env("all_proxy"),
                                .all_proxy_upper = env("ALL_PROXY"),
                                .no_proxy_lower = env("no_proxy"),
                                .no_proxy_upper = env("NO_PROXY")});
  } catch (const std::invalid_argument& e) {
    throw usage_error(e.what());
  }
}

void complete_connection_options(connection_options& o, env_lookup getenv_fn) {
  auto env = environment(getenv_fn);
  const credential_sources sources = credential_sources_of(o, env);
  connection_defaults_from_env(o, getenv_fn);
  if (o.endpoint.empty()) throw usage_error("--endpoint URL (or ACGPROV_ENDPOINT) is required");
  o.chosen = choose_credential(sources);
  if (!o.chosen.error.empty()) throw usage_error(o.chosen.error);
  const credential_kind kind = o.chosen.kind;
  if (kind != credential_kind::managed_identity) {
    // A managed identity names itself; every other credential belongs to an app registration.
    if (o.credentials.tenant.empty()) throw usage_error("--tenant (or ACGPROV_TENANT, AZURE_TENANT_ID) is required");
    if (o.credentials.client_id.empty())
      throw usage_error("--client-id (or ACGPROV_CLIENT_ID, AZURE_CLIENT_ID) is required");
  }
  if (!o.client_key_file.empty() && kind != credential_kind::certificate)
    throw usage_error("--client-key-file needs --client-certificate-file");
  if (kind != credential_kind::secret) o.credentials.client_secret.clear();  // held only when it is the credential
  switch (kind) {
    case credential_kind::certificate:
      if (!o.client_certificate_file.empty()) {
        o.client_certificate = read_client_certificate(o.client_certificate_file, o.client_key_file);
      } else {
        o.client_certificate_file = env("AZURE_CLIENT_CERTIFICATE_PATH");
        o.client_certificate =
            read_client_certificate(o.client_certificate_file, o.client_key_file, "AZURE_CLIENT_CERTIFICATE_PATH");
      }
      return;
    case credential_kind::secret:
      if (!o.client_secret_file.empty()) o.credentials.client_secret = read_secret_file(o.client_secret_file);
      if (o.credentials.client_secret.empty()) o.credentials.client_secret = env("AZURE_CLIENT_SECRET");
      if (o.credentials.client_secret.empty())
        throw usage_error("no client secret: set ACGPROV_CLIENT_SECRET or give --client-secret-file");
      return;
    case credential_kind::workload_identity: {
      o.federated_token_file = env("AZURE_FEDERATED_TOKEN_FILE");
      std::string why;
      // Read once now so that a missing file is a configuration error (exit 2), not a failed run.
      if (auth::read_federated_token(o.federated_token_file, why).empty()) throw usage_error(why);
      return;
    }
    case credential_kind::managed_identity:
      load_managed_identity(o, env);
      return;
  }
}

}  // namespace acgprov::jobs
