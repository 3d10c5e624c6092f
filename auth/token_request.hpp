#pragma once
// One client-credentials token request to the Microsoft identity platform, with the few
// retries a token endpoint deserves. Shared by the secret and the certificate sources: they
// differ only in the form fields that prove who the client is.
#include "auth/token_source.hpp"
#include "io/https_client.hpp"

#include <functional>
#include <string>

namespace acgprov::auth {

// POSTs the form `make_body()` returns to `target` on `client` (the token endpoint whose full
// URL is `url`, for messages). Up to 4 attempts for transport failures, 429 and 5xx, with a
// short backoff; a refusal (400/401/403) or a TLS failure ends at once. `make_body` is called
// once per attempt (a client assertion is signed afresh, so a retry never replays a jti).
// `client` must outlive the returned awaitable.
awaitable<token_result<access_token>> request_token(io::https_client& client, std::string target, std::string url,
                                                    std::function<std::string()> make_body);

}  // namespace acgprov::auth
