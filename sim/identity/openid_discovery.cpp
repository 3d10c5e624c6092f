#include "sim/identity/openid_discovery.hpp"

#include "sim/transport/json_answer.hpp"
#include "sim/transport/url.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

bool known_tenant(const sim_config& config, std::string_view tenant) {
  for (const auto& c : config.clients)
    if (c.tenant == tenant) return true;
  return tenant == config.tenant;
}

json::object openid_configuration(const std::string& authority, const std::string& tenant) {
  const std::string base = authority + "/" + tenant;
  json::object o;
  o["issuer"] = base + "/v2.0";
  o["authorization_endpoint"] = base + "/oauth2/v2.0/authorize";
  o["token_endpoint"] = base + "/oauth2/v2.0/token";
  o["device_authorization_endpoint"] = base + "/oauth2/v2.0/devicecode";
  o["end_session_endpoint"] = base + "/oauth2/v2.0/logout";
  o["jwks_uri"] = base + "/discovery/v2.0/keys";
  o["token_endpoint_auth_methods_supported"] = json::array{"client_secret_post", "private_key_jwt"};
  o["grant_types_supported"] = json::array{"client_credentials"};
  o["response_types_supported"] = json::array{"code", "id_token", "code id_token", "id_token token"};
  o["response_modes_supported"] = json::array{"query", "fragment", "form_post"};
  o["subject_types_supported"] = json::array{"pairwise"};
  o["id_token_signing_alg_values_supported"] = json::array{"RS256"};
  o["scopes_supported"] = json::array{"openid", "profile", "email", "offline_access"};
  o["request_uri_parameter_supported"] = false;
  o["tenant_region_scope"] = nullptr;
  o["cloud_instance_name"] = "acgprov-sim";
  return o;
}

}  // namespace

std::optional<http_response> handle_openid_discovery(const sim_config& config, const std::string& authority,
                                                     const std::string& jwks, const http_request& req,
                                                     const std::vector<std::string>& s) {
  const bool discovery = s.size() == 4 && s[1] == "v2.0" && s[2] == ".well-known" && s[3] == "openid-configuration";
  const bool keys = s.size() == 4 && s[1] == "discovery" && s[2] == "v2.0" && s[3] == "keys";
  const bool instance = s.size() == 3 && s[0] == "common" && s[1] == "discovery" && s[2] == "instance";
  if (!discovery && !keys && !instance) return std::nullopt;
  if (req.method != "GET") return json_answer(405, json::object{{"error", "invalid_request"}});
  if (keys) {
    http_response r = json_answer(200, json::parse(jwks));
    return r;
  }
  if (instance) {
    // MSAL's instance discovery: this emulator is its own cloud, with itself as the only alias.
    // The tenant of the authorization_endpoint it asks about is kept in the answer.
    std::string tenant = config.tenant;
    auto [path, raw_query] = split_request_target(req.target);
    if (auto q = parse_query(raw_query))
      if (auto ep = query_value(*q, "authorization_endpoint")) {
        std::string rest = ep->rfind(authority + "/", 0) == 0 ? ep->substr(authority.size() + 1) : std::string();
        if (auto slash = rest.find('/'); slash != std::string::npos && slash > 0) tenant = rest.substr(0, slash);
      }
    const std::string host = authority.substr(authority.find("://") + 3);
    json::object meta{{"preferred_network", host}, {"preferred_cache", host}, {"aliases", json::array{host}}};
    json::object o;
    o["tenant_discovery_endpoint"] = authority + "/" + tenant + "/v2.0/.well-known/openid-configuration";
    o["api-version"] = "1.1";
    o["metadata"] = json::array{std::move(meta)};
    return json_answer(200, o);
  }
  if (!known_tenant(config, s[0]) && s[0] != "common" && s[0] != "organizations")
    return json_answer(400, json::object{{"error", "invalid_tenant"},
                                         {"error_description", "AADSTS90002: Tenant '" + s[0] + "' not found."}});
  http_response r = json_answer(200, openid_configuration(authority, s[0]));
  return r;
}

}  // namespace acgprov::sim
