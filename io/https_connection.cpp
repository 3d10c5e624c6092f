#include "io/https_connection.hpp"

#include "io/request_check.hpp"
#include "io/response_parser.hpp"
#include "io/transport_error.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <optional>

namespace acgprov::io {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;

struct https_connection::impl {
  impl(net::any_io_executor ex, std::shared_ptr<ssl::context> ctx)
      : tls(std::move(ctx)), stream(ex, *tls) {}
  std::shared_ptr<ssl::context> tls;  // must outlive the stream
  beast::ssl_stream<beast::tcp_stream> stream;
  beast::flat_buffer buffer{max_unparsed_bytes};
};

https_connection::https_connection(net::any_io_executor ex, std::shared_ptr<ssl::context> tls)
    : impl_(std::make_unique<impl>(std::move(ex), std::move(tls))) {}

https_connection::~https_connection() = default;

awaitable<error_code> https_connection::connect(const endpoint& ep, connection_timeouts t) {
  auto& stream = impl_->stream;
  auto& lowest = beast::get_lowest_layer(stream);

  tcp::resolver resolver(co_await net::this_coro::executor);
  auto [rec, results] = co_await resolver.async_resolve(ep.host, ep.port, as_result);
  if (rec) co_return rec;

  // SNI carries DNS names only (RFC 6066 forbids IP literals there). The certificate's SAN is
  // checked against the DNS name or IP address we dialled by OpenSSL's own verification (not a
  // verify callback), so that a mismatch has its own verify result ("hostname mismatch").
  SSL* ssl_handle = stream.native_handle();
  error_code ip_ec;
  net::ip::make_address(ep.host, ip_ec);
  const bool named = ip_ec ? SSL_set_tlsext_host_name(ssl_handle, ep.host.c_str()) == 1 &&
                                 SSL_set1_host(ssl_handle, ep.host.c_str()) == 1
                           : X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), ep.host.c_str()) == 1;
  if (!named) co_return error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category());

  lowest.expires_after(t.connect);
  auto [cec, connected] = co_await lowest.async_connect(results, as_result);
  if (cec) co_return cec;
  lowest.socket().set_option(tcp::no_delay(true));

  lowest.expires_after(t.handshake);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, as_result);
  lowest.expires_never();
  // "certificate verify failed" alone does not say why; the verify result does ("certificate
  // has expired", "hostname mismatch", "self-signed certificate").
  if (hec && SSL_get_verify_result(ssl_handle) != X509_V_OK)
    co_return certificate_error(SSL_get_verify_result(ssl_handle));
  co_return hec;
}

awaitable<exchange_result> https_connection::exchange(const endpoint& ep, const http_request& req,
                                                      connection_timeouts t,
                                                      std::size_t body_limit) {
  auto& stream = impl_->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  exchange_result out;
  // Here as well as in the client: nothing reaches the wire through this connection unchecked.
  if (auto refused = check_request(req)) {
    out.ec = refused;
    co_return out;
  }

  http::request<http::string_body> msg;
  msg.method_string(req.method);
  msg.target(req.target);
  msg.version(11);
  msg.set(http::field::host, ep.host_header());
  msg.set(http::field::user_agent, "acgprov/0.1");
  for (const auto& [k, v] : req.headers) msg.set(k, v);
  msg.body() = req.body;
  msg.prepare_payload();

  lowest.expires_after(t.request);
  auto [wec, written] = co_await http::async_write(stream, msg, as_result);
  if (wec) {
    out.ec = wec;
    co_return out;
  }

  // Interim 1xx answers (103 Early Hints, an unasked 100 Continue) may come first: read past
  // them, a bounded number, under the same deadline.
  std::optional<response_parser> parser;
  error_code rec;
  for (int interim = 0; interim <= max_interim_responses; ++interim) {
    parser.emplace();
    limit_response_parser(*parser, body_limit);
    auto [ec, read] = co_await http::async_read(stream, impl_->buffer, *parser, as_result);
    rec = ec;
    out.got_response_bytes = out.got_response_bytes || parser->got_some() || impl_->buffer.size() > 0;
    if (rec || !is_interim(*parser)) break;
  }
  lowest.expires_never();
  if (!rec) rec = final_status_error(*parser);
  if (rec) {
    out.ec = rec;
    co_return out;
  }

  out.reusable = parser->get().keep_alive() && impl_->buffer.size() == 0;
  out.response = take_response(*parser);
  co_return out;
}

void https_connection::close() {
  error_code ignored;
  beast::get_lowest_layer(impl_->stream).socket().close(ignored);
}

}  // namespace acgprov::io
