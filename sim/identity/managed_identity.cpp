#include "sim/identity/managed_identity.hpp"

#include "sim/transport/json_answer.hpp"
#include "sim/transport/url.hpp"

#include <boost/json.hpp>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

// IMDS's error shape; App Service answers {statusCode, message}.
http_response imds_error(unsigned status, std::string error, std::string description) {
  return json_answer(status, json::object{{"error", std::move(error)}, {"error_description", std::move(description)}});
}
http_response app_service_error(unsigned status, std::string message) {
  return json_answer(status, json::object{{"statusCode", status}, {"message", std::move(message)}});
}

const client_registration* identity_for(const sim_config& config, const std::string& client_id) {
  for (const auto& c : config.clients) {
    if (c.managed_identity.empty()) continue;
    if (client_id.empty() ? c.managed_identity == "system" : c.client_id == client_id) return &c;
  }
  return nullptr;
}

}  // namespace

http_response handle_managed_identity(managed_identity_state& state, token_service& tokens, const sim_config& config,
                                      const http_request& req, sys_time now) {
  ++state.requests;
  auto [path, raw_query] = split_request_target(req.target);
  const bool app_service = path == "/msi/token";
  const bool imds = path == "/metadata/identity/oauth2/token";
  if (!app_service && !imds) return json_answer(404, json::object{{"error", "not_found"}});
  auto fail = [&](unsigned status, std::string error, std::string text) {
    return app_service ? app_service_error(status, std::move(text))
                       : imds_error(status, std::move(error), std::move(text));
  };
  if (req.method != "GET") return fail(405, "invalid_request", "Only GET is supported.");
  if (app_service) {
    if (req.header("X-IDENTITY-HEADER") != state.identity_header || state.identity_header.empty())
      return fail(401, "unauthorized", "The X-IDENTITY-HEADER header is missing or does not match.");
  } else if (req.header("Metadata") != "true") {
    return fail(400, "invalid_request", "Required metadata header not specified");
  }
  if (!state.failures.empty()) {
    const unsigned status = state.failures.front();
    state.failures.pop_front();
    return fail(status, "temporarily_unavailable", "Injected failure (POST /_sim/managed-identity).");
  }
  auto query = parse_query(raw_query);
  if (!query) return fail(400, "invalid_request", "The query string has a malformed %-escape.");
  const std::string version = query_value(*query, "api-version").value_or("");
  if (version != (app_service ? "2019-08-01" : "2018-02-01"))
    return fail(400, "invalid_request", "api-version '" + version + "' is not supported here.");
  const std::string resource = query_value(*query, "resource").value_or("");
  if (resource.empty()) return fail(400, "invalid_request", "Required query variable 'resource' is missing");
  if (resource != config.audience)
    return fail(400, "invalid_resource",
                "AADSTS500011: The resource principal named " + resource + " was not found in the tenant.");
  const std::string client_id = query_value(*query, "client_id").value_or("");
  const client_registration* identity = identity_for(config, client_id);
  if (!identity) return fail(400, "invalid_request", "Identity not found");

  std::int64_t lifetime = 0;
  std::string token = tokens.mint(*identity, now, lifetime);
  ++state.tokens_issued;
  const auto expires_on = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() + lifetime;
  json::object o;
  o["access_token"] = std::move(token);
  o["expires_on"] = std::to_string(expires_on);  // epoch seconds as a string, as both hosts send it
  o["resource"] = resource;
  o["token_type"] = "Bearer";
  o["client_id"] = identity->client_id;
  if (imds) {
    o["expires_in"] = std::to_string(lifetime);
    o["ext_expires_in"] = std::to_string(lifetime);
    o["not_before"] = std::to_string(expires_on - lifetime);
  }
  return json_answer(200, o);
}

http_response managed_identity_control(managed_identity_state& state, const http_request& req) {
  if (req.method == "POST") {
    boost::system::error_code ec;
    auto body = json::parse(req.body, ec);
    const json::value* list = (!ec && body.is_object()) ? body.as_object().if_contains("failures") : nullptr;
    if (!list || !list->is_array())
      return json_answer(
          400, json::object{
                   {"error",
                    json::object{{"code", "InvalidRequest"},
                                 {"message", "POST /_sim/managed-identity needs {\"failures\": [status, ...]}."}}}});
    std::deque<unsigned> failures;
    for (const auto& v : list->as_array()) {
      if (!v.is_int64() || v.as_int64() < 400 || v.as_int64() > 599)
        return json_answer(400,
                           json::object{{"error", json::object{{"code", "InvalidRequest"},
                                                               {"message", "failures are HTTP statuses 400-599."}}}});
      failures.push_back(static_cast<unsigned>(v.as_int64()));
    }
    state.failures = std::move(failures);
  }
  const std::string base = state.port ? "http://127.0.0.1:" + std::to_string(state.port) : std::string();
  json::object o;
  o["port"] = state.port;
  o["identityEndpoint"] = base.empty() ? base : base + "/msi/token";
  o["imdsAuthority"] = base;
  o["identityHeader"] = state.identity_header;
  o["requests"] = state.requests;
  o["tokensIssued"] = state.tokens_issued;
  o["failuresLeft"] = state.failures.size();
  return json_answer(200, o);
}

}  // namespace acgprov::sim
