#pragma once
// Where access tokens come from. One fetch = one token request (with its own bounded retries
// for transient failures); caching lives in token_cache.
#include "io/net.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <string>

namespace acgprov::auth {

struct access_token {
  std::string value;
  std::chrono::seconds lifetime{0};  // expires_in as the issuer said
};

struct token_error {
  bool refused = false;     // the issuer said no (bad client, secret, scope): retrying cannot help
  bool tls = false;         // the TLS handshake failed (certificate, protocol): refused, but not the credentials
  bool proxy = false;       // the HTTP proxy refused the tunnel: refused, but not the credentials
  int http_status = 0;      // 0 = transport failure
  std::string error;        // the issuer's `error`, e.g. invalid_client, or a transport reason
  std::string description;  // the issuer's `error_description` (never our secret)
  std::string token_url;
  std::string message() const;  // one line for logs and the summary
};

template <class T>
using token_result = boost::system::result<T, token_error>;

class token_source {
public:
  virtual ~token_source() = default;
  virtual awaitable<token_result<access_token>> fetch() = 0;
  // A hard stop: a fetch in progress (its request, its lookup, its backoff) ends at once with
  // an error, and so does every later one. Sources without I/O of their own need nothing.
  virtual void abort() {}
};

}  // namespace acgprov::auth
