#include "sim/app.hpp"

#include "sim/api/api_operations.hpp"
#include "sim/api/router.hpp"
#include "sim/identity/jwt.hpp"
#include "sim/identity/openid_discovery.hpp"
#include "sim/log.hpp"
#include "sim/state/seed.hpp"
#include "sim/transport/gateway_page.hpp"
#include "sim/transport/json_answer.hpp"
#include "sim/transport/time_format.hpp"
#include "sim/transport/url.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace acgprov::sim {
namespace json = boost::json;
namespace {

std::string_view role_name(access a) {
  switch (a) {
    case access::read:
      return "ProvisioningAPI.Read";
    case access::write:
      return "ProvisioningAPI.Write";
    case access::remove:
      return "ProvisioningAPI.Delete";
  }
  return "";
}

bool has_role(const access_token& token, access needed) {
  for (const auto& r : token.roles)
    if (r == "ProvisioningAPI.Admin" || r == role_name(needed)) return true;
  return false;
}

std::string roles_text(const std::vector<std::string>& roles) {
  std::string s;
  for (const auto& r : roles) s += (s.empty() ? "" : ", ") + r;
  return s.empty() ? "none" : s;
}

}  // namespace

app::app(sim_config config, std::string base_url)
    : config_(std::move(config)),
      base_url_(std::move(base_url)),
      faults_(config_.faults.seed),
      planner_(config_, faults_, stats_),
      tokens_(config_, base_url_, ids_),
      bucket_(config_.rate_limit_per_minute, config_.effective_burst(), steady_clock::now()),
      log_(config_.request_log_size) {
  load_seed(store_, config_.seed, ids_, config_.sync_delay, steady_clock::now());
  config_.seed = {};  // loaded; a large seed should not stay in memory twice
  managed_identity_.identity_header = config_.identity_header;
  if (managed_identity_.identity_header.empty()) {
    // As the hosts do: a random value per start, which only the process it is given to knows.
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned char c : random_bytes(16)) {
      managed_identity_.identity_header += hex[c >> 4];
      managed_identity_.identity_header += hex[c & 15];
    }
  }
}

handler_outcome app::handle_managed_identity_port(const http_request& req) {
  handler_outcome out;
  out.response = handle_managed_identity(managed_identity_, tokens_, config_, req, std::chrono::system_clock::now());
  if (out.response.status == 200) ++stats_.tokens_issued;
  stats_.count("ManagedIdentity", out.response.status);
  if (log_enabled(log_level::info))
    log_line(log_level::info, "managed identity " + req.method + " " +
                                  std::string(split_request_target(req.target).path) + " -> " +
                                  std::to_string(out.response.status));
  out.response.set("Date", format_http_date(std::chrono::system_clock::now()));
  return out;
}

handler_outcome app::handle(const http_request& req) {
  handler_outcome out = dispatch(req);
  // Every answer carries the server's clock (RFC 9110 §6.6.1), which a client can compare with its own.
  if (out.what == disposition::respond) out.response.set("Date", format_http_date(server_now()));
  return out;
}

handler_outcome app::dispatch(const http_request& req) {
  auto [raw_path, raw_query] = split_request_target(req.target);
  auto segments = decode_path_segments(raw_path);
  if (!segments) {
    handler_outcome out;
    out.response =
        error_response(make_error(400, codes::invalid_request, "The request path has a malformed %-escape."));
    return out;
  }
  const auto& s = *segments;
  if (!s.empty() && s[0] == "_sim") {
    handler_outcome out;
    out.response = handle_sim(req, raw_query, s);
    return out;
  }
  if (s.size() == 4 && s[1] == "oauth2" && s[2] == "v2.0" && s[3] == "token") return handle_token(req, s[0]);
  if (auto discovery = handle_openid_discovery(config_, base_url_, tokens_.jwks(), req, s)) {
    handler_outcome out;
    out.response = std::move(*discovery);
    stats_.count("Discovery", out.response.status);
    return out;
  }
  if (!inside_api(s)) {
    // The gateway in front of the API answers paths outside it, before any API logic.
    handler_outcome out;
    out.response = gateway_not_found();
    stats_.count("Gateway", out.response.status);
    return out;
  }
  return handle_api(req, raw_path, raw_query, s);
}

handler_outcome app::handle_token(const http_request& req, std::string_view tenant) {
  handler_outcome out;
  if (config_.faults.token_endpoint) {
    out.delay = config_.faults.latency;
    switch (faults_.draw(config_.faults)) {
      case fault_kind::reset:
        stats_.count_fault("reset");
        out.what = disposition::reset;
        return out;
      case fault_kind::stall:
        stats_.count_fault("stall");
        out.what = disposition::stall;
        return out;
      case fault_kind::status_500:
      case fault_kind::status_503: {
        // Token-endpoint faults are always 503, a transient outage: a 500 there would test
        // nothing more in a client's token refresh.
        stats_.count_fault("503");
        out.response = error_response(make_error(503, codes::service_unavailable, "Injected fault."));
        stats_.count("Token", 503);
        return out;
      }
      case fault_kind::none:
        break;
    }
  }
  out.response = tokens_.handle(tenant, req, std::chrono::system_clock::now());
  if (token_holds_.hold_this()) out.what = disposition::hold;
  if (out.response.status == 200) {
    ++stats_.tokens_issued;
    token_issued();
  } else {
    ++stats_.token_errors;
  }
  stats_.count("Token", out.response.status);
  if (log_enabled(log_level::info))
    log_line(log_level::info,
             req.method + " /" + std::string(tenant) + "/oauth2/v2.0/token -> " + std::to_string(out.response.status));
  return out;
}

http_response app::unauthorized(std::string message, bool invalid_token) const {
  auto r = error_response(make_error(401, codes::unauthorized, message));
  std::string challenge = "Bearer authorization_uri=\"" + base_url_ + "/" + config_.tenant +
                          "/oauth2/v2.0/authorize\", resource_id=\"" + config_.audience + "\"";
  // RFC 6750 §3.1: no error attribute when the request carried no token at all.
  if (invalid_token) challenge += ", error=\"invalid_token\", error_description=\"" + message + "\"";
  r.set("WWW-Authenticate", std::move(challenge));
  return r;
}

http_response app::scripted_response(const scripted_answer& a) const {
  http_response r;
  switch (a.status) {
    case 401:  // as the API answers a token that expired on the way
      r = unauthorized("The access token has expired.", true);
      break;
    case 429:
      r = error_response(make_error(429, codes::too_many_requests, "Scripted answer: too many requests."));
      break;
    case 500:
      r = error_response(make_error(500, codes::internal_error, "Scripted answer: internal server error."));
      break;
    case 503:
      r = error_response(make_error(503, codes::service_unavailable, "Scripted answer: service unavailable."));
      break;
    default:
      r = error_response(make_error(a.status, a.status < 500 ? codes::invalid_request : codes::internal_error,
                                    "Scripted answer: HTTP " + std::to_string(a.status) + "."));
  }
  // A throttled or unavailable service says when to come back; 0 unless the script says.
  if (a.retry_after || a.status == 429 || a.status == 503)
    r.set("Retry-After", std::to_string(a.retry_after.value_or(0)));
  return r;
}

handler_outcome app::handle_api(const http_request& req, std::string_view raw_path, std::string_view raw_query,
                                const std::vector<std::string>& segments) {
  auto now = steady_clock::now();
  route_match route = match_route(req.method, segments);
  std::string op(operation_name(route.op));
  logged_request entry;
  entry.time = format_iso8601(std::chrono::system_clock::now());
  entry.method = req.method;
  entry.target = req.target;
  entry.operation = op;
  entry.client_request_id = std::string(req.header("x-ms-client-request-id"));
  entry.repeatability_request_id = std::string(req.header("Repeatability-Request-ID"));
  entry.connection = req.connection;

  handler_outcome out;
  auto finish = [&](std::string note) {
    // Echoed on every answer, errors included (that is when support needs it), except by
    // GET /numbers, whose swagger does not declare the header.
    if (out.what == disposition::respond && !entry.client_request_id.empty() && echoes_client_request_id(route.op))
      out.response.set("x-ms-client-request-id", entry.client_request_id);
    entry.status = out.what == disposition::respond ? out.response.status : 0;
    entry.note = std::move(note);
    if (out.what == disposition::respond) stats_.count(op, out.response.status);
    controls_.on_answer(op, out);
    if (log_enabled(log_level::info))
      log_line(log_level::info, req.method + " " + req.target + " -> " +
                                    (entry.status ? std::to_string(entry.status) : std::string("(no answer)")) +
                                    (entry.note.empty() ? "" : " [" + entry.note + "]"));
    log_.add(std::move(entry));
    return std::move(out);
  };

  // 1. The throttle sits in front of everything, as a gateway would: a throttled request is
  // neither authenticated nor applied. A batch is one request like any other.
  if (!bucket_.try_take(now)) {
    ++stats_.throttled;
    if (config_.throttling == throttle_mode::stall) {
      out.what = disposition::stall;
      return finish("throttled");
    }
    long retry = bucket_.retry_after_seconds(now);
    out.response = error_response(
        make_error(429, codes::too_many_requests,
                   "Rate limit of " + std::to_string(static_cast<long>(config_.rate_limit_per_minute)) +
                       " requests per minute exceeded. Retry after " + std::to_string(retry) + " seconds."));
    out.response.set("Retry-After", std::to_string(retry));
    return finish("throttled");
  }

  // 2. Injected faults: decided before anything is applied.
  out.delay = config_.faults.latency;
  if (out.delay.count() > 0) stats_.count_fault("latency");
  switch (faults_.draw(config_.faults)) {
    case fault_kind::reset:
      stats_.count_fault("reset");
      out.what = disposition::reset;
      return finish("fault:reset");
    case fault_kind::stall:
      stats_.count_fault("stall");
      out.what = disposition::stall;
      return finish("fault:stall");
    case fault_kind::status_500:
      stats_.count_fault("500");
      out.response =
          fault_response(config_.faults, 500, codes::internal_error, "Injected fault: internal server error.");
      return finish("fault:500");
    case fault_kind::status_503:
      stats_.count_fault("503");
      out.response =
          fault_response(config_.faults, 503, codes::service_unavailable, "Injected fault: service unavailable.");
      return finish("fault:503");
    case fault_kind::none:
      break;
  }

  // 2b. A scripted answer (test controls) stands in for everything after the faults: nothing is
  // authenticated or applied, as with a fault.
  if (auto scripted = controls_.take_scripted(op)) {
    out.response = scripted_response(*scripted);
    return finish("scripted");
  }

  // 3. Authentication.
  auto authz = req.header("Authorization");
  if (authz.empty() || authz.size() < 7 || !iequals(authz.substr(0, 7), "Bearer ")) {
    out.response = unauthorized("An Authorization header with a Bearer token is required.", false);
    return finish({});
  }
  access_token token;
  switch (tokens_.verify(authz.substr(7), std::chrono::system_clock::now(), token)) {
    case token_verdict::ok:
      break;
    case token_verdict::expired:
      out.response = unauthorized("The access token has expired.", true);
      return finish({});
    case token_verdict::bad_signature:
      out.response = unauthorized("The access token's signature is invalid.", true);
      return finish({});
    case token_verdict::wrong_audience:
      out.response = unauthorized("The access token's audience is not this API.", true);
      return finish({});
    case token_verdict::not_yet_valid:
      out.response = unauthorized("The access token is not valid yet.", true);
      return finish({});
    case token_verdict::malformed:
      out.response = unauthorized("The access token is malformed.", true);
      return finish({});
    case token_verdict::revoked:
      out.response = unauthorized("The access token has been revoked.", true);
      return finish({});
  }
  entry.client_id = token.app_id;

  // 4. Routing.
  if (route.op == operation::none) {
    if (route.path_known) {
      out.response = error_response(make_error(405, codes::method_not_allowed,
                                               "The method " + req.method + " is not supported on this resource."));
    } else {
      out.response = error_response(
          make_error(404, codes::not_found, "No operation matches " + req.method + " " + std::string(raw_path) + "."));
    }
    return finish({});
  }

  // 5. Authorisation.
  access needed = required_access(route.op);
  if (!has_role(token, needed)) {
    out.response = error_response(make_error(403, codes::forbidden,
                                             "The token's roles (" + roles_text(token.roles) + ") do not grant " +
                                                 std::string(role_name(needed)) + ", which " + op + " needs."));
    return finish({});
  }

  if (auto refusal = controls_.batch_refusal(op)) {
    out.response = std::move(*refusal);
    return finish("refused");
  }
  replayed_ = false;
  out.response = with_repeatability(req, route, token.app_id, raw_path, raw_query);
  return finish(replayed_ ? "replay" : "");
}

http_response app::with_repeatability(const http_request& req, const route_match& route, const std::string& client,
                                      std::string_view raw_path, std::string_view raw_query) {
  std::string id(req.header("Repeatability-Request-ID"));
  if (id.empty() || !accepts_repeatability(route.op)) return run(req, route, raw_path, raw_query);

  auto rejected = [&](http_response r) {
    ++stats_.repeatability_rejected;
    r.set("Repeatability-Result", "rejected");
    return r;
  };
  auto first_sent_text = req.header("Repeatability-First-Sent");
  auto first_sent = parse_timestamp(first_sent_text);
  if (!first_sent)
    return rejected(error_response(make_error(
        400, codes::invalid_request,
        first_sent_text.empty()
            ? "Repeatability-First-Sent is required with Repeatability-Request-ID."
            : "Repeatability-First-Sent '" + std::string(first_sent_text) + "' is not an IMF-fixdate or RFC 3339 date.",
        "Repeatability-First-Sent")));
  auto age = server_now() - *first_sent;
  if (age > config_.repeatability_window || -age > config_.repeatability_window)
    return rejected(error_response(
        make_error(412, codes::precondition_failed,
                   "Repeatability-First-Sent is outside the " + std::to_string(config_.repeatability_window.count()) +
                       " second window in which requests are tracked; the request was not applied.",
                   "Repeatability-First-Sent")));

  auto now = steady_clock::now();
  auto fingerprint = request_fingerprint(client, req);
  http_response replayed;
  switch (replay_.lookup(id, fingerprint, now, config_.repeatability_window, replayed)) {
    case repeatability_cache::verdict::replay:
      ++stats_.replays;
      replayed_ = true;
      replayed.set("Repeatability-Result", "accepted");
      return replayed;
    case repeatability_cache::verdict::different_request:
      return rejected(error_response(make_error(
          400, codes::invalid_request, "Repeatability-Request-ID '" + id + "' was first used for a different request.",
          "Repeatability-Request-ID")));
    case repeatability_cache::verdict::first_time:
      break;
  }
  http_response r = run(req, route, raw_path, raw_query);
  r.set("Repeatability-Result", "accepted");
  replay_.remember(id, fingerprint, r, now);
  return r;
}

http_response app::run(const http_request& req, const route_match& route, std::string_view raw_path,
                       std::string_view raw_query) {
  auto query = parse_query(raw_query);
  if (!query)
    return error_response(make_error(400, codes::invalid_request, "The query string has a malformed %-escape."));
  auto version = query_value(*query, "api-version");
  if (!version || version->empty())
    return error_response(make_error(
        400, codes::missing_api_version,
        "The api-version query parameter is required (e.g. api-version=2024-02-29-preview).", "api-version"));
  if (std::find(config_.api_versions.begin(), config_.api_versions.end(), *version) == config_.api_versions.end()) {
    std::string supported;
    for (const auto& v : config_.api_versions) supported += (supported.empty() ? "" : ", ") + v;
    return error_response(make_error(
        400, codes::unsupported_api_version,
        "The api-version '" + *version + "' is not supported; use one of: " + supported + ".", "api-version"));
  }
  api_context ctx{store_, config_, planner_, ids_, stats_, base_url_};
  api_call call{req, route, *query, raw_path, *version, steady_clock::now()};
  return run_operation(ctx, call);
}

http_response app::handle_sim(const http_request& req, std::string_view raw_query, const std::vector<std::string>& s) {
  if (auto held = handle_holds(token_holds_, store_, req, s)) return std::move(*held);
  std::string what = s.size() == 2 ? s[1] : std::string();
  auto now = steady_clock::now();
  if (auto r = controls_.handle(req, what, store_, stats_)) return std::move(*r);
  if (req.method == "GET" && what == "health") return json_answer(200, json::object{{"status", "ok"}});
  if (req.method == "GET" && what == "stats") return json_answer(200, stats_.to_json());
  if (req.method == "GET" && what == "config") return json_answer(200, runtime_settings_json(config_));
  if (req.method == "GET" && what == "state") {
    json::array accounts, numbers, rfis, civic;
    for (auto& [name, a] : store_.accounts) accounts.push_back(store_.render(a, now));
    for (auto& [n, rec] : store_.numbers) {
      json::object o = store_.render(rec, now);
      o["etag"] = rec.etag;
      numbers.push_back(std::move(o));
    }
    for (auto& [t, r] : store_.rfis) rfis.push_back(store_.render(r, now));
    for (auto& [id, c] : store_.civic_addresses) civic.push_back(c.body);
    json::object o;
    o["accounts"] = std::move(accounts);
    o["numbers"] = std::move(numbers);
    o["civicAddresses"] = std::move(civic);
    o["rfis"] = std::move(rfis);
    return json_answer(200, o);
  }
  if (req.method == "GET" && what == "requests") {
    std::uint64_t since = 0;
    if (auto q = parse_query(raw_query))
      if (auto v = query_value(*q, "since")) since = std::strtoull(v->c_str(), nullptr, 10);
    json::object o;
    o["requests"] = log_.since(since);
    o["lastSeq"] = log_.last_seq();
    return json_answer(200, o);
  }
  if (req.method == "POST" && what == "identity") return post_identity(req);
  if (req.method == "GET" && what == "identity") return get_identity();
  if (what == "managed-identity") return managed_identity_control(managed_identity_, req);
  if (req.method == "POST" && what == "config") {
    boost::system::error_code ec;
    auto body = json::parse(req.body, ec);
    if (ec || !body.is_object())
      return error_response(make_error(400, codes::invalid_request, "POST /_sim/config needs a JSON object."));
    auto old_rate = config_.rate_limit_per_minute;
    auto old_burst = config_.effective_burst();
    auto old_seed = config_.faults.seed;
    try {
      apply_runtime_settings(config_, body.as_object());
    } catch (const std::invalid_argument& e) {
      return error_response(make_error(400, codes::invalid_request, e.what()));
    }
    if (config_.rate_limit_per_minute != old_rate || config_.effective_burst() != old_burst)
      bucket_.reconfigure(config_.rate_limit_per_minute, config_.effective_burst(), now);
    // Naming the seed (even the same one) restarts the fault sequence, so a test can replay it.
    auto* f = body.as_object().if_contains("faults");
    if (config_.faults.seed != old_seed || (f && f->as_object().contains("seed"))) faults_.reseed(config_.faults.seed);
    return json_answer(200, runtime_settings_json(config_));
  }
  return error_response(make_error(404, codes::not_found, "Unknown /_sim/ endpoint."));
}

}  // namespace acgprov::sim
