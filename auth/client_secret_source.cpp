#include "auth/client_secret_source.hpp"

#include "io/transport_error.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>

namespace acgprov::auth {

std::string token_error::message() const {
  std::string m = "token request to " + token_url + " failed";
  if (http_status) m += " (HTTP " + std::to_string(http_status) + ")";
  if (!error.empty()) m += ": " + error;
  if (!description.empty()) m += ": " + description;
  return m;
}

std::string token_url(const client_credentials& c) {
  std::string a = c.authority;
  while (!a.empty() && a.back() == '/') a.pop_back();
  return a + "/" + io::encode_path_segment(c.tenant) + "/oauth2/v2.0/token";
}

client_secret_source::client_secret_source(net::any_io_executor ex,
                                           std::shared_ptr<boost::asio::ssl::context> tls,
                                           client_credentials creds)
    : creds_(std::move(creds)),
      client_(std::move(ex), std::move(tls), io::parse_endpoint(creds_.authority), {.max_idle = 2}) {
  target_ = client_.target().base_path + "/" + io::encode_path_segment(creds_.tenant) +
            "/oauth2/v2.0/token";
}

token_result<access_token> parse_token_response(int status, const std::string& body,
                                                const std::string& url) {
  token_error err{.http_status = status, .token_url = url};
  boost::system::error_code ec;
  auto doc = boost::json::parse(body, ec);
  const boost::json::object* obj = (!ec && doc.is_object()) ? &doc.as_object() : nullptr;
  auto str = [&](const char* key) -> std::string {
    if (!obj) return {};
    auto* v = obj->if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  if (status == 200 && obj) {
    access_token t{.value = str("access_token")};
    auto* exp = obj->if_contains("expires_in");
    // expires_in is a number in v2.0 answers, a string in some v1.0 ones: accept both.
    if (exp && exp->is_int64()) t.lifetime = std::chrono::seconds(exp->as_int64());
    else if (exp && exp->is_string()) t.lifetime = std::chrono::seconds(std::atoll(exp->as_string().c_str()));
    if (!t.value.empty() && t.lifetime.count() > 0) return t;
    err.error = "malformed_response";
    err.description = "the token response has no access_token or expires_in";
    return err;
  }
  err.error = str("error");
  err.description = str("error_description");
  if (err.error.empty()) err.error = "unexpected_response";
  // 400/401 from the identity platform mean the request itself is refused (wrong client,
  // secret, tenant or scope); 429 and 5xx are worth another try.
  err.refused = status == 400 || status == 401 || status == 403;
  return err;
}

awaitable<token_result<access_token>> client_secret_source::fetch() {
  const std::string url = token_url(creds_);
  io::http_request req{.method = "POST", .target = target_};
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  req.body = "grant_type=client_credentials&client_id=" + io::encode_query_value(creds_.client_id) +
             "&scope=" + io::encode_query_value(creds_.scope) +
             "&client_secret=" + io::encode_query_value(creds_.client_secret);

  constexpr int max_attempts = 4;
  token_error last{.token_url = url};
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    if (attempt > 1) {
      // Short fixed backoff: the token endpoint is not on the API's rate budget.
      net::steady_timer timer(co_await net::this_coro::executor);
      timer.expires_after(std::chrono::milliseconds(250 * (1 << (attempt - 2))));
      co_await timer.async_wait(as_result);
    }
    auto res = co_await client_.send(req);
    if (!res) {
      auto kind = io::classify(res.error());
      last = token_error{.refused = kind == io::transport_failure::tls,
                         .error = std::string(io::to_string(kind)),
                         .description = res.error().message(),
                         .token_url = url};
      if (last.refused) break;
      continue;
    }
    auto parsed = parse_token_response(res->status, res->body, url);
    if (parsed || parsed.error().refused) co_return parsed;
    last = parsed.error();
  }
  co_return last;
}

}  // namespace acgprov::auth
