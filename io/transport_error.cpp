#include "io/transport_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

#include <openssl/x509.h>

#include <string>

namespace acgprov::io {

namespace {

class certificate_category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "x509"; }
  std::string message(int ev) const override {
    return std::string("certificate verify failed: ") + X509_verify_cert_error_string(ev);
  }
};

const certificate_category& certificate_errors() {
  static const certificate_category category;
  return category;
}

class proxy_category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "proxy"; }
  std::string message(int ev) const override {
    if (ev == proxy_closed) return "the proxy closed the connection without answering CONNECT";
    if (ev == proxy_not_http) return "the proxy's answer to CONNECT is not HTTP";
    return "the proxy refused the tunnel (HTTP " + std::to_string(ev) + ")";
  }
};

const proxy_category& proxy_errors() {
  static const proxy_category category;
  return category;
}

}  // namespace

boost::system::error_code certificate_error(long x509_verify_result) {
  return {static_cast<int>(x509_verify_result), certificate_errors()};
}

boost::system::error_code proxy_refusal_error(int status) { return {status, proxy_errors()}; }

transport_failure classify(const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  if (ec.category() == proxy_errors()) return transport_failure::proxy;
  if (ec == boost::beast::error::timeout || ec == error::timed_out) return transport_failure::timeout;
  if (ec == error::connection_refused || ec == error::host_not_found || ec == error::host_not_found_try_again ||
      ec == error::host_unreachable || ec == error::network_unreachable || ec == error::no_data)
    return transport_failure::unreachable;
  // stream_truncated: the peer closed without close_notify, i.e. a plain reset mid-exchange.
  if (ec == boost::asio::ssl::error::stream_truncated || ec == error::eof || ec == error::connection_reset ||
      ec == error::broken_pipe || ec == error::connection_aborted)
    return transport_failure::reset;
  if (ec.category() == boost::asio::error::get_ssl_category() || ec.category() == certificate_errors())
    return transport_failure::tls;
  return transport_failure::other;
}

std::string_view to_string(transport_failure f) {
  switch (f) {
    case transport_failure::timeout:
      return "timeout";
    case transport_failure::unreachable:
      return "unreachable";
    case transport_failure::tls:
      return "tls";
    case transport_failure::reset:
      return "reset";
    case transport_failure::proxy:
      return "proxy";
    case transport_failure::other:
      return "other";
  }
  return "other";
}

}  // namespace acgprov::io
