#pragma once
// The Microsoft identity platform's client-credentials token endpoint, as far as the API's
// clients need it: POST /{tenant}/oauth2/v2.0/token with a client secret or a certificate
// client_assertion, answered with the platform's success and error shapes (AADSTS codes).
// Access tokens are ES256 JWTs signed with a per-process key (sim/identity/signing_key.hpp) whose public
// part is the tenant's JWKS.
#include "sim/config.hpp"
#include "sim/identity/signing_key.hpp"
#include "sim/state/ids.hpp"
#include "sim/transport/http_message.hpp"
#include "sim/transport/time_format.hpp"

#include <map>
#include <string>
#include <vector>

namespace acgprov::sim {

struct access_token {
  std::string app_id;
  std::string tenant;
  std::vector<std::string> roles;
  std::int64_t exp = 0;
};

enum class token_verdict { ok, malformed, bad_signature, expired, not_yet_valid, wrong_audience, revoked };

class token_service {
public:
  // `config` must outlive the service (its token lifetime may change at run time).
  // `authority` is the scheme://host:port the emulator serves.
  token_service(const sim_config& config, std::string authority, id_source& ids);

  // Answers a request to the token endpoint of `tenant`.
  http_response handle(std::string_view tenant, const http_request& req, sys_time now);
  // Checks an access token from an Authorization header.
  token_verdict verify(std::string_view token, sys_time now, access_token& out) const;
  // Every token issued so far becomes invalid (`revoked`): the signing key is retired (and
  // leaves the JWKS).
  void revoke_all();
  // An access token for `client` (claims as from the token endpoint), for the managed identity
  // endpoints; `lifetime_s` is set to its lifetime.
  std::string mint(const client_registration& client, sys_time now, std::int64_t& lifetime_s);
  const std::string& authority() const { return authority_; }
  // How many tokens `client` got with `assertion` as its federated credential.
  std::uint64_t federated_uses(const client_registration& client, const std::string& assertion) const;
  // The JWKS document of the keys that sign access tokens (jwks_uri of the discovery document).
  std::string jwks() const;

private:
  http_response aad_error(unsigned status, std::string_view error, int code, std::string description, sys_time now);
  http_response check_assertion(const client_registration& client, std::string_view tenant, std::string_view assertion,
                                sys_time now);
  http_response issue(const client_registration& client, sys_time now);

  const sim_config& config_;
  std::string authority_;
  id_source& ids_;
  std::shared_ptr<const signing_key> key_;
  std::vector<std::shared_ptr<const signing_key>> retired_keys_;  // keys of revoked tokens: tells `revoked` from forged
  std::map<std::string, std::uint64_t> federated_uses_;           // by tenant, client and assertion (never shown)
};

}  // namespace acgprov::sim
