#include "auth/managed_identity_source.hpp"

#include "io/endpoint.hpp"
#include "io/transport_error.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace acgprov::auth {

namespace {

io::local_endpoint endpoint_for(const managed_identity_config& c) {
  if (uses_app_service_endpoint(c)) return io::parse_local_endpoint(c.identity_endpoint);
  std::string base = c.imds_authority;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto ep = io::parse_local_endpoint(base);
  ep.path = (ep.path == "/" ? std::string() : ep.path) + "/metadata/identity/oauth2/token";
  return ep;
}

// A number, or a string holding one (IMDS and App Service send strings); nullopt otherwise.
std::optional<std::int64_t> seconds_field(const boost::json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(std::min<std::uint64_t>(v->as_uint64(), INT64_MAX));
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  if (v->is_string() && !v->as_string().empty()) {
    char* end = nullptr;
    const std::string s(v->as_string());
    long long n = std::strtoll(s.c_str(), &end, 10);
    if (end && *end == '\0') return n;
  }
  return std::nullopt;
}

std::string string_field(const boost::json::object* o, const char* key) {
  if (!o) return {};
  auto* v = o->if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

bool uses_app_service_endpoint(const managed_identity_config& c) {
  return !c.identity_endpoint.empty() && !c.identity_header.empty();
}

std::string resource_of(const std::string& scope) {
  constexpr std::string_view suffix = "/.default";
  if (scope.size() >= suffix.size() && scope.compare(scope.size() - suffix.size(), suffix.size(), suffix) == 0)
    return scope.substr(0, scope.size() - suffix.size());
  return scope;
}

bool imds_retryable(int status) { return status == 404 || status == 410 || status == 429 || status >= 500; }

token_result<access_token> parse_managed_identity_response(int status, const std::string& body, const std::string& url,
                                                           std::int64_t now_epoch) {
  token_error err{.http_status = status, .token_url = url};
  boost::system::error_code ec;
  auto doc = boost::json::parse(body, ec);
  const boost::json::object* obj = (!ec && doc.is_object()) ? &doc.as_object() : nullptr;
  if (status == 200 && obj) {
    access_token t{.value = string_field(obj, "access_token")};
    if (auto in = seconds_field(*obj, "expires_in")) t.lifetime = std::chrono::seconds(*in);
    else if (auto on = seconds_field(*obj, "expires_on")) t.lifetime = std::chrono::seconds(*on - now_epoch);
    // At most a day, as for the identity platform (token_cache's arithmetic stays far from overflow).
    if (t.lifetime > std::chrono::hours(24)) t.lifetime = std::chrono::hours(24);
    if (!t.value.empty() && t.lifetime.count() > 0) return t;
    err.error = "malformed_response";
    err.description = "the managed identity answer has no access_token, or no expires_in / expires_on in the future";
    return err;
  }
  err.error = string_field(obj, "error");
  err.description = string_field(obj, "error_description");
  if (err.error.empty() && obj) {
    // App Service: {"statusCode": 400, "message": "..."}.
    err.description = string_field(obj, "message");
    if (!err.description.empty()) err.error = "managed_identity_error";
  }
  if (err.error.empty()) err.error = "unexpected_response";
  err.refused = status >= 400 && status < 500 && !imds_retryable(status);
  return err;
}

managed_identity_source::managed_identity_source(net::any_io_executor ex, managed_identity_config config)
    : config_(std::move(config)),
      app_service_(uses_app_service_endpoint(config_)),
      client_(std::move(ex), endpoint_for(config_), config_.timeouts) {}

std::string managed_identity_source::request_target() const {
  std::string t = client_.target().path + "?api-version=" + (app_service_ ? "2019-08-01" : "2018-02-01") +
                  "&resource=" + io::encode_query_value(resource_of(config_.scope));
  if (!config_.client_id.empty()) t += "&client_id=" + io::encode_query_value(config_.client_id);
  return t;
}

awaitable<token_result<access_token>> managed_identity_source::fetch() {
  const std::string url = endpoint_url();
  token_error last{.token_url = url};
  const int attempts = app_service_ ? 3 : config_.max_attempts;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) {
      // Exponential backoff; a hard stop (abort_all) ends it, and the attempts with it.
      bool waited = co_await client_.pause(config_.first_backoff * (1 << (attempt - 2)));
      if (!waited) break;
    }
    io::http_request req;
    req.method = "GET";
    req.target = request_target();
    if (app_service_) req.headers.emplace_back("X-IDENTITY-HEADER", config_.identity_header);
    else req.headers.emplace_back("Metadata", "true");
    req.headers.emplace_back("Accept", "application/json");
    auto res = co_await client_.send(std::move(req));
    if (!res && client_.aborted()) {
      last = token_error{.error = "aborted", .description = "the run was stopped", .token_url = url};
      break;
    }
    if (!res) {
      // Nothing listens, or it does not answer: no managed identity here. Not retried: IMDS
      // answers at once where it exists.
      last = token_error{.error = std::string(io::to_string(io::classify(res.error()))),
                         .description = "no managed identity endpoint answered (" + res.error().message() + ")",
                         .token_url = url};
      break;
    }
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto parsed = parse_managed_identity_response(res->status, res->body, url, now);
    if (parsed || parsed.error().refused) co_return parsed;
    last = parsed.error();
  }
  co_return last;
}

}  // namespace acgprov::auth
