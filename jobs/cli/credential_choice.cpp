#include "jobs/cli/credential_choice.hpp"

namespace acgprov::jobs {

namespace {

credential_choice chosen(credential_kind k, std::string why) { return {.kind = k, .why = std::move(why)}; }
credential_choice refused(std::string error) { return {.error = std::move(error)}; }

// The secret's own precedence: the file flag, then ACGPROV_CLIENT_SECRET, then AZURE_CLIENT_SECRET.
std::string secret_origin(const credential_sources& s) {
  if (s.secret_file_flag) return "--client-secret-file is given";
  if (s.acgprov_secret) return "ACGPROV_CLIENT_SECRET is set";
  if (s.azure_secret) return "AZURE_CLIENT_SECRET is set";
  return {};
}

std::string certificate_origin(const credential_sources& s) {
  if (s.certificate_flag) return "--client-certificate-file is given";
  if (s.azure_certificate) return "AZURE_CLIENT_CERTIFICATE_PATH is set";
  return {};
}

std::string managed_identity_why(const credential_sources& s) {
  return s.identity_endpoint ? "--credential managed-identity; IDENTITY_ENDPOINT and IDENTITY_HEADER are set "
                               "(App Service style endpoint)"
                             : "--credential managed-identity; no IDENTITY_ENDPOINT/IDENTITY_HEADER, so the "
                               "instance metadata service (IMDS)";
}

}  // namespace

const char* to_string(credential_kind k) {
  switch (k) {
    case credential_kind::secret:
      return "secret";
    case credential_kind::certificate:
      return "certificate";
    case credential_kind::workload_identity:
      return "workload identity";
    case credential_kind::managed_identity:
      return "managed identity";
  }
  return "";
}

bool is_credential_word(const std::string& w) {
  return w == "auto" || w == "secret" || w == "certificate" || w == "workload-identity" || w == "managed-identity";
}

credential_choice choose_credential(const credential_sources& s) {
  const std::string secret = secret_origin(s), certificate = certificate_origin(s);
  if (s.requested == "secret") {
    if (secret.empty())
      return refused(
          "--credential secret: no client secret: set ACGPROV_CLIENT_SECRET (or AZURE_CLIENT_SECRET) "
          "or give --client-secret-file");
    return chosen(credential_kind::secret, "--credential secret; " + secret);
  }
  if (s.requested == "certificate") {
    if (certificate.empty())
      return refused("--credential certificate: give --client-certificate-file (or set AZURE_CLIENT_CERTIFICATE_PATH)");
    return chosen(credential_kind::certificate, "--credential certificate; " + certificate);
  }
  if (s.requested == "workload-identity") {
    if (!s.federated_token_file)
      return refused("--credential workload-identity: AZURE_FEDERATED_TOKEN_FILE is not set");
    return chosen(credential_kind::workload_identity,
                  "--credential workload-identity; AZURE_FEDERATED_TOKEN_FILE is set");
  }
  if (s.requested == "managed-identity") return chosen(credential_kind::managed_identity, managed_identity_why(s));
  if (s.requested != "auto")
    return refused("--credential wants auto, secret, certificate, workload-identity or managed-identity, not '" +
                   s.requested + "'");

  // auto: the strongest tier that names a credential decides.
  if (s.secret_file_flag && s.certificate_flag)
    return refused("give --client-secret-file or --client-certificate-file, not both");
  if (s.certificate_flag) {
    std::string why = "--client-certificate-file is given";
    if (s.acgprov_secret || s.azure_secret) why += " (flags win over the secret in the environment)";
    return chosen(credential_kind::certificate, why);
  }
  if (s.secret_file_flag || s.acgprov_secret) return chosen(credential_kind::secret, secret);
  if (s.azure_secret) return chosen(credential_kind::secret, "AZURE_CLIENT_SECRET is set");
  if (s.azure_certificate) return chosen(credential_kind::certificate, "AZURE_CLIENT_CERTIFICATE_PATH is set");
  if (s.federated_token_file)
    return chosen(credential_kind::workload_identity,
                  "AZURE_FEDERATED_TOKEN_FILE is set and no secret or certificate is");
  return refused(
      "no client secret: set ACGPROV_CLIENT_SECRET or give --client-secret-file (or configure a certificate, "
      "workload identity, or --credential managed-identity; see acgprov --help)");
}

}  // namespace acgprov::jobs
