#pragma once
// Workload identity federation (AKS workload identity, and any OIDC federation): the client
// credentials request carries, as its client_assertion, a token another issuer gave this
// workload (the Kubernetes service account token the kubelet projects into
// AZURE_FEDERATED_TOKEN_FILE). The file is read again at every fetch: the kubelet rotates it.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation
#include "auth/client_secret_source.hpp"
#include "auth/token_source.hpp"
#include "io/https_client.hpp"

#include <memory>
#include <string>

namespace acgprov::auth {

// The federated token in `path`, without surrounding white space; empty, with `why` set,
// when the file cannot be read or holds nothing. `why` never quotes the content.
std::string read_federated_token(const std::string& path, std::string& why);

class workload_identity_source final : public token_source {
public:
  // `creds.client_secret` is ignored. Throws std::invalid_argument if the authority is not https.
  // Token requests go through `proxy` unless its NO_PROXY names the authority.
  workload_identity_source(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
                           client_credentials creds, std::string federated_token_file, io::proxy_settings proxy = {});
  awaitable<token_result<access_token>> fetch() override;
  void abort() override { client_.abort_all(); }

  // The form body of one token request carrying `assertion`.
  std::string request_body(const std::string& assertion) const;

private:
  client_credentials creds_;
  std::string file_;
  io::https_client client_;
  std::string target_;
};

}  // namespace acgprov::auth
