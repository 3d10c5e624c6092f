#pragma once
// Azure managed identity: a token from an endpoint on this machine, with no credential of our
// own. With IDENTITY_ENDPOINT and IDENTITY_HEADER set (App Service, Functions, Container Apps)
// GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=R with X-IDENTITY-HEADER; otherwise
// the Instance Metadata Service (VMs, scale sets, AKS nodes)
// GET {IMDS}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=R with Metadata: true.
// https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
// https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token
#include "auth/token_source.hpp"
#include "io/https_connection.hpp"
#include "io/local_http_client.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace acgprov::auth {

struct managed_identity_config {
  std::string scope;              // the API's scope; the resource is this without "/.default"
  std::string client_id;          // a user-assigned identity's client id; empty: system-assigned
  std::string identity_endpoint;  // IDENTITY_ENDPOINT (App Service style when identity_header is set too)
  std::string identity_header;    // IDENTITY_HEADER: a secret, never logged
  std::string imds_authority = "http://169.254.169.254";  // AZURE_POD_IDENTITY_AUTHORITY_HOST
  io::connection_timeouts timeouts;
  // IMDS retries (410, 429, 5xx; 404 while it starts up): exponential from first_backoff,
  // at most max_attempts requests (~63 s of waiting with the defaults, as long as Azure's
  // guidance asks a client to ride out a 410).
  std::chrono::milliseconds first_backoff{500};
  int max_attempts = 8;
};

// Whether the App Service style endpoint is used (both variables set), else IMDS.
bool uses_app_service_endpoint(const managed_identity_config& c);
// The resource parameter: the scope without a trailing "/.default".
std::string resource_of(const std::string& scope);

// Reads an identity endpoint's answer: access_token and expires_in (seconds, number or string)
// or expires_on (epoch seconds, number or string; `now_epoch` turns it into a lifetime).
// Errors: IMDS's {error, error_description} and App Service's {statusCode, message}; 4xx are
// `refused`.
token_result<access_token> parse_managed_identity_response(int status, const std::string& body, const std::string& url,
                                                           std::int64_t now_epoch);
// Whether IMDS asks to be asked again (Azure's guidance: 404 while updating, 410, 429, 5xx).
bool imds_retryable(int status);

class managed_identity_source final : public token_source {
public:
  // Throws std::invalid_argument for an endpoint that is not a local plain-http URL.
  managed_identity_source(net::any_io_executor ex, managed_identity_config config);
  awaitable<token_result<access_token>> fetch() override;
  void abort() override { client_.abort_all(); }

  // The request target (path and query) of one token request.
  std::string request_target() const;
  // The URL for messages: no query, nothing secret.
  std::string endpoint_url() const { return client_.target().url(); }

private:
  managed_identity_config config_;
  bool app_service_;
  io::local_http_client client_;
};

}  // namespace acgprov::auth
