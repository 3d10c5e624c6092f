#pragma once
// What OpenID Connect clients such as MSAL read before they ask for a token: the tenant's
// discovery document (GET /{tenant}/v2.0/.well-known/openid-configuration), its signing keys
// (jwks_uri) and the instance discovery answer (GET /common/discovery/instance), all naming
// this emulator's own endpoints. https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
#include "sim/config.hpp"
#include "sim/transport/http_message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

// The answer for a discovery path (decoded segments), or nullopt when `segments` is not one.
// `authority` is scheme://host:port of this emulator. `jwks` is the key set document.
std::optional<http_response> handle_openid_discovery(const sim_config& config, const std::string& authority,
                                                     const std::string& jwks, const http_request& req,
                                                     const std::vector<std::string>& segments);

}  // namespace acgprov::sim
