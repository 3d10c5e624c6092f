#pragma once
// OAuth 2.0 client credentials with a client secret against the Microsoft identity platform:
// POST {authority}/{tenant}/oauth2/v2.0/token, form-encoded.
#include "auth/token_source.hpp"
#include "io/https_client.hpp"

#include <memory>
#include <string>

namespace acgprov::auth {

struct client_credentials {
  std::string authority = "https://login.microsoftonline.com";
  std::string tenant;
  std::string client_id;
  std::string scope = "https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default";
  std::string client_secret;  // never logged, never in an error message
};

std::string token_url(const client_credentials& c);

class client_secret_source final : public token_source {
public:
  // Throws std::invalid_argument if the authority is not an https URL. Token requests go
  // through `proxy` unless its NO_PROXY names the authority.
  client_secret_source(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
                       client_credentials creds, io::proxy_settings proxy = {});
  awaitable<token_result<access_token>> fetch() override;
  void abort() override { client_.abort_all(); }

private:
  client_credentials creds_;
  io::https_client client_;
  std::string target_;  // path of the token endpoint
};

// Parses a token endpoint answer (success or Microsoft identity platform error body).
token_result<access_token> parse_token_response(int status, const std::string& body, const std::string& token_url);

}  // namespace acgprov::auth
