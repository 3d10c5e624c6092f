#pragma once
// Sorts transport failures into the kinds the engine decides on, so nothing above io/ needs
// to know Beast's or Asio's error enums.
#include <boost/system/error_code.hpp>

#include <string_view>

namespace acgprov::io {

enum class transport_failure {
  timeout,      // a step passed its deadline (a stalled server, or a throttling stall)
  unreachable,  // name not resolved, connection refused, no route
  tls,          // handshake or certificate verification failed: never retried
  reset,        // connection closed or reset mid-exchange
  proxy,        // the HTTP proxy refused the CONNECT tunnel (407, 403, 5xx) or closed it: never retried
  other,
};

transport_failure classify(const boost::system::error_code& ec);

// The peer's certificate failed verification: `x509_verify_result` is OpenSSL's
// X509_V_ERR_* code; the message names it ("certificate verify failed: certificate has
// expired"). Classified as transport_failure::tls.
boost::system::error_code certificate_error(long x509_verify_result);
std::string_view to_string(transport_failure f);

// The proxy refused the CONNECT tunnel with HTTP `status` (407, 403, 502...), closed the
// connection without an answer (proxy_closed), or answered something that is not HTTP
// (proxy_not_http). Classified as transport_failure::proxy; the proxy's own status line is kept by the
// connection (https_client::proxy_refusal()), since an error_code cannot carry its text.
inline constexpr int proxy_closed = 1, proxy_not_http = 2;
boost::system::error_code proxy_refusal_error(int status);

}  // namespace acgprov::io
