#include "auth/token_request.hpp"

#include "auth/client_secret_source.hpp"
#include "io/transport_error.hpp"

namespace acgprov::auth {

awaitable<token_result<access_token>> request_token(io::https_client& client, std::string target, std::string url,
                                                    std::function<std::string()> make_body) {
  constexpr int max_attempts = 4;
  token_error last{.token_url = url};
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    if (attempt > 1) {
      // Short fixed backoff: the token endpoint is not on the API's rate budget. A hard stop
      // (abort_all) ends it, and the attempts with it.
      bool waited = co_await client.pause(std::chrono::milliseconds(250 * (1 << (attempt - 2))));
      if (!waited) break;
    }
    io::http_request req;
    req.method = "POST";
    req.target = target;
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    req.headers.emplace_back("Accept", "application/json");
    req.body = make_body();
    auto res = co_await client.send(std::move(req));
    if (!res && client.aborted()) {
      last = token_error{.error = "aborted", .description = "the run was stopped", .token_url = url};
      break;
    }
    if (!res) {
      auto kind = io::classify(res.error());
      if (kind == io::transport_failure::proxy) {
        // Every attempt would meet the same refusal (the proxy's credentials or rules).
        last = token_error{.refused = true,
                           .proxy = true,
                           .error = "proxy refused",
                           .description = io::describe_proxy_refusal(client, res.error()),
                           .token_url = url};
        break;
      }
      const bool tls = kind == io::transport_failure::tls;
      last = token_error{.refused = tls,
                         .tls = tls,
                         .error = tls ? std::string("TLS handshake failed") : std::string(io::to_string(kind)),
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
