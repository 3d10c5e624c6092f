#include "io/https_connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

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
  beast::flat_buffer buffer;
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

  // SNI carries DNS names only (RFC 6066 forbids IP literals there).
  error_code ip_ec;
  net::ip::make_address(ep.host, ip_ec);
  if (ip_ec && !SSL_set_tlsext_host_name(stream.native_handle(), ep.host.c_str()))
    co_return error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category());
  // Checks the certificate's SAN against the DNS name or IP address we dialled.
  stream.set_verify_callback(ssl::host_name_verification(ep.host));

  lowest.expires_after(t.connect);
  auto [cec, connected] = co_await lowest.async_connect(results, as_result);
  if (cec) co_return cec;
  lowest.socket().set_option(tcp::no_delay(true));

  lowest.expires_after(t.handshake);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, as_result);
  lowest.expires_never();
  co_return hec;
}

awaitable<exchange_result> https_connection::exchange(const endpoint& ep, const http_request& req,
                                                      connection_timeouts t,
                                                      std::size_t body_limit) {
  auto& stream = impl_->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  exchange_result out;

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

  // A parser, not a message: async_read into a message caps bodies at 8 MB (beast#1588).
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  auto [rec, read] = co_await http::async_read(stream, impl_->buffer, parser, as_result);
  lowest.expires_never();
  out.got_response_bytes = parser.got_some() || impl_->buffer.size() > 0;
  if (rec) {
    out.ec = rec;
    co_return out;
  }

  auto& res = parser.get();
  out.response.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.response.headers.emplace_back(field.name_string(), field.value());
  out.response.body = std::move(res.body());
  out.reusable = res.keep_alive() && impl_->buffer.size() == 0;
  co_return out;
}

void https_connection::close() {
  error_code ignored;
  beast::get_lowest_layer(impl_->stream).socket().close(ignored);
}

}  // namespace acgprov::io
