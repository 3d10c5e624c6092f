#include "sim/identity/token_service.hpp"

#include "sim/identity/client_certificate.hpp"
#include "sim/identity/jwt.hpp"
#include "sim/transport/json_answer.hpp"
#include "sim/transport/url.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

constexpr std::string_view jwt_bearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

std::int64_t unix_seconds(sys_time t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<std::int64_t> int_claim(const json::object& claims, std::string_view name) {
  auto* v = claims.if_contains(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}

std::string string_claim(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

token_service::token_service(const sim_config& config, std::string authority, id_source& ids)
    : config_(config), authority_(std::move(authority)), ids_(ids), key_(signing_key::generate()) {}

http_response token_service::aad_error(unsigned status, std::string_view error, int code, std::string description,
                                       sys_time now) {
  std::string trace = ids_.uuid(), correlation = ids_.uuid(), stamp = format_aad_timestamp(now);
  json::object o;
  o["error"] = error;
  o["error_description"] = "AADSTS" + std::to_string(code) + ": " + description + " Trace ID: " + trace +
                           " Correlation ID: " + correlation + " Timestamp: " + stamp;
  o["error_codes"] = json::array{code};
  o["timestamp"] = stamp;
  o["trace_id"] = trace;
  o["correlation_id"] = correlation;
  o["error_uri"] = authority_ + "/error?code=" + std::to_string(code);
  http_response r = json_answer(status, o);
  r.set("Cache-Control", "no-store, no-cache");
  r.set("Pragma", "no-cache");
  return r;
}

http_response token_service::handle(std::string_view tenant, const http_request& req, sys_time now) {
  if (req.method != "POST")
    return aad_error(400, "invalid_request", 900561,
                     "The endpoint only accepts POST requests. Received a " + req.method + " request.", now);
  bool known_tenant = false;
  for (const auto& c : config_.clients) known_tenant = known_tenant || c.tenant == tenant;
  if (!known_tenant)
    return aad_error(
        400, "invalid_request", 90002,
        "Tenant '" + std::string(tenant) +
            "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
        now);
  auto form = parse_query(req.body);
  if (!form) return aad_error(400, "invalid_request", 900144, "The request body is not valid form data.", now);
  auto field = [&](std::string_view name) { return query_value(*form, name).value_or(""); };
  auto missing = [&](std::string_view name) {
    return aad_error(400, "invalid_request", 900144,
                     "The request body must contain the following parameter: '" + std::string(name) + "'.", now);
  };

  std::string grant_type = field("grant_type");
  if (grant_type.empty()) return missing("grant_type");
  if (grant_type != "client_credentials")
    return aad_error(400, "unsupported_grant_type", 70003,
                     "The app requested an unsupported grant type '" + grant_type + "'.", now);
  std::string client_id = field("client_id");
  if (client_id.empty()) return missing("client_id");
  const client_registration* client = nullptr;
  for (const auto& c : config_.clients)
    if (c.tenant == tenant && c.client_id == client_id) client = &c;
  if (!client)
    return aad_error(
        400, "unauthorized_client", 700016,
        "Application with identifier '" + client_id + "' was not found in the directory '" + std::string(tenant) +
            "'. This can happen if the application has not been installed by the administrator of the tenant.",
        now);
  std::string scope = field("scope");
  if (scope.empty()) return missing("scope");
  if (scope != config_.audience + "/.default")
    return aad_error(400, "invalid_scope", 70011,
                     "The provided request must include a 'scope' input parameter. The provided value for the input "
                     "parameter 'scope' is not valid. The scope " +
                         scope + " is not valid.",
                     now);

  std::string secret = field("client_secret");
  std::string assertion = field("client_assertion");
  if (!assertion.empty()) {
    if (field("client_assertion_type") != jwt_bearer)
      return aad_error(400, "invalid_request", 50027, "client_assertion_type must be " + std::string(jwt_bearer) + ".",
                       now);
    // Workload identity federation: the assertion is the workload's federated token, accepted
    // when it is the one configured (a certificate client may be federated too).
    const bool current = !client->federated_assertion.empty() && assertion == client->federated_assertion;
    const bool previous =
        !client->previous_federated_assertion.empty() && assertion == client->previous_federated_assertion;
    if (current || previous || (!client->federated_assertion.empty() && !client->certificate)) {
      if (!current && !previous)
        return aad_error(400, "invalid_request", 70021,
                         "No matching federated identity record found for presented assertion. Assertion audience: "
                         "api://AzureADTokenExchange.",
                         now);
      ++federated_uses_[client->tenant + "\n" + client->client_id + "\n" + assertion];
      return issue(*client, now);
    }
    return check_assertion(*client, tenant, assertion, now);
  }
  if (secret.empty())
    return aad_error(401, "invalid_client", 7000218,
                     "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                     now);
  if (client->secret.empty() || secret != client->secret)
    return aad_error(401, "invalid_client", 7000215,
                     "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                     "value, not the client secret ID, for a secret added to app '" +
                         client_id + "'.",
                     now);
  return issue(*client, now);
}

http_response token_service::check_assertion(const client_registration& client, std::string_view tenant,
                                             std::string_view assertion, sys_time now) {
  auto jwt = decode_jwt(assertion);
  if (!jwt) return aad_error(401, "invalid_client", 50027, "JWT token is invalid or malformed.", now);
  auto reject = [&](std::string why) { return aad_error(401, "invalid_client", 700027, std::move(why), now); };
  if (!client.certificate)
    return reject("Client assertion contains an invalid signature. No certificate is registered on application '" +
                  client.client_id + "'.");
  std::string x5t_s256 = string_claim(jwt->header, "x5t#S256");
  std::string x5t = string_claim(jwt->header, "x5t");
  bool named = (!x5t_s256.empty() && x5t_s256 == client.certificate->x5t_s256()) ||
               (!x5t.empty() && x5t == client.certificate->x5t());
  if (!named)
    return reject(
        "The certificate with identifier used to sign the client assertion is not registered on application '" +
        client.client_id + "'.");
  if (!client.certificate->verify(string_claim(jwt->header, "alg"), jwt->signing_input, jwt->signature))
    return reject("Client assertion failed signature validation.");
  // The audience is the token endpoint: this emulator's, or the real one for the same tenant.
  std::string aud = string_claim(jwt->claims, "aud");
  std::string suffix = "/" + std::string(tenant) + "/oauth2/v2.0/token";
  bool aud_ok = aud == authority_ + suffix || aud == "https://login.microsoftonline.com" + suffix;
  if (!aud_ok) return reject("The audience claim '" + aud + "' of the client assertion is not this token endpoint.");
  if (string_claim(jwt->claims, "iss") != client.client_id || string_claim(jwt->claims, "sub") != client.client_id)
    return reject("The iss and sub claims of the client assertion must be the client id '" + client.client_id + "'.");
  auto t = unix_seconds(now);
  auto exp = int_claim(jwt->claims, "exp");
  auto nbf = int_claim(jwt->claims, "nbf");
  if (!exp || *exp <= t || (nbf && *nbf > t + 300))
    return aad_error(401, "invalid_client", 700024, "Client assertion is not within its valid time range.", now);
  return issue(client, now);
}

http_response token_service::issue(const client_registration& client, sys_time now) {
  std::int64_t lifetime = 0;
  std::string token = mint(client, now, lifetime);
  std::int64_t reported = client.reported_expires_in.value_or(std::max<std::int64_t>(lifetime, 0));
  json::object o;
  o["token_type"] = "Bearer";
  o["expires_in"] = reported;
  o["ext_expires_in"] = reported;
  o["access_token"] = std::move(token);
  http_response r = json_answer(200, o);
  r.set("Cache-Control", "no-store, no-cache");
  r.set("Pragma", "no-cache");
  return r;
}

std::string token_service::mint(const client_registration& client, sys_time now, std::int64_t& lifetime_s) {
  std::int64_t lifetime = client.token_lifetime_s.value_or(config_.token_lifetime.count());
  lifetime_s = lifetime;
  auto t = unix_seconds(now);
  json::object claims;
  claims["aud"] = config_.audience;
  claims["iss"] = authority_ + "/" + client.tenant + "/v2.0";
  claims["iat"] = t;
  claims["nbf"] = std::min(t, t + lifetime);
  claims["exp"] = t + lifetime;
  claims["appid"] = client.client_id;
  claims["azp"] = client.client_id;
  claims["idtyp"] = "app";
  json::array roles;
  for (const auto& r : client.roles) roles.emplace_back(r);
  claims["roles"] = std::move(roles);
  claims["sub"] = client.client_id;
  claims["tid"] = client.tenant;
  claims["jti"] = ids_.uuid();
  claims["ver"] = "2.0";
  return key_->sign_jwt(claims);
}

std::uint64_t token_service::federated_uses(const client_registration& client, const std::string& assertion) const {
  auto it = federated_uses_.find(client.tenant + "\n" + client.client_id + "\n" + assertion);
  return it == federated_uses_.end() ? 0 : it->second;
}

std::string token_service::jwks() const { return json::serialize(json::object{{"keys", json::array{key_->jwk()}}}); }

void token_service::revoke_all() {
  retired_keys_.push_back(std::move(key_));
  key_ = signing_key::generate();
}

token_verdict token_service::verify(std::string_view token, sys_time now, access_token& out) const {
  auto jwt = decode_jwt(token);
  if (!jwt) return token_verdict::malformed;
  if (!key_->verify(*jwt)) {
    for (const auto& old : retired_keys_)
      if (old->verify(*jwt)) return token_verdict::revoked;
    return token_verdict::bad_signature;
  }
  auto t = unix_seconds(now);
  auto exp = int_claim(jwt->claims, "exp");
  if (!exp || *exp <= t) return token_verdict::expired;
  if (auto nbf = int_claim(jwt->claims, "nbf"); nbf && *nbf > t) return token_verdict::not_yet_valid;
  if (string_claim(jwt->claims, "aud") != config_.audience) return token_verdict::wrong_audience;
  out.app_id = string_claim(jwt->claims, "appid");
  out.tenant = string_claim(jwt->claims, "tid");
  out.exp = *exp;
  out.roles.clear();
  if (auto* roles = jwt->claims.if_contains("roles"); roles && roles->is_array())
    for (const auto& r : roles->as_array())
      if (r.is_string()) out.roles.emplace_back(r.as_string());
  return token_verdict::ok;
}

}  // namespace acgprov::sim
