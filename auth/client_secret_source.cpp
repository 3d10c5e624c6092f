#include "auth/client_secret_source.hpp"

#include "auth/token_request.hpp"

#include <boost/json.hpp>

#include <cstdlib>

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

client_secret_source::client_secret_source(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
                                           client_credentials creds, io::proxy_settings proxy)
    : creds_(std::move(creds)),
      client_(std::move(ex), std::move(tls), io::parse_endpoint(creds_.authority),
              {.max_idle = 2, .proxy = std::move(proxy)}) {
  target_ = client_.target().base_path + "/" + io::encode_path_segment(creds_.tenant) + "/oauth2/v2.0/token";
}

token_result<access_token> parse_token_response(int status, const std::string& body, const std::string& url) {
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
    else if (exp && exp->is_string())
      t.lifetime = std::chrono::seconds(std::strtoll(exp->as_string().c_str(), nullptr, 10));
    // The identity platform issues tokens for at most a day. The cap also keeps the cache's
    // time arithmetic (now + lifetime * 3 / 4) far from overflow whatever an endpoint says.
    if (t.lifetime > std::chrono::hours(24)) t.lifetime = std::chrono::hours(24);
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
  const client_credentials* creds = &creds_;  // outlives the request: it is ours
  std::function<std::string()> body = [creds] {
    return "grant_type=client_credentials&client_id=" + io::encode_query_value(creds->client_id) +
           "&scope=" + io::encode_query_value(creds->scope) +
           "&client_secret=" + io::encode_query_value(creds->client_secret);
  };
  // Named locals, no temporaries in the co_await expression (GCC 12, docs/CONTRIBUTING.md).
  std::string url = token_url(creds_);
  auto result = co_await request_token(client_, target_, std::move(url), std::move(body));
  co_return result;
}

}  // namespace acgprov::auth
