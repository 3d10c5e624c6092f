#include "io/https_connection.hpp"

#include "io/request_check.hpp"
#include "io/response_read.hpp"
#include "io/transport_error.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <charconv>
#include <vector>

namespace acgprov::io {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;

struct https_connection::impl {
  impl(net::any_io_executor ex, std::shared_ptr<ssl::context> ctx, lookup_function lookup)
      : tls(std::move(ctx)), stream(ex, *tls), resolver(ex, std::move(lookup)) {}
  std::shared_ptr<ssl::context> tls;  // must outlive the stream
  beast::ssl_stream<beast::tcp_stream> stream;
  name_resolver resolver;
  beast::flat_buffer buffer{max_unparsed_bytes};
  std::string proxy_answer;
};

namespace {

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The proxy's status line as it can be printed: its reason phrase is the proxy's text, so
// anything but printable ASCII is dropped and the length bounded.
std::string status_line(const http::response_parser<http::empty_body>& p) {
  const auto& res = p.get();
  std::string line = "HTTP/" + std::to_string(res.version() / 10) + "." + std::to_string(res.version() % 10) + " " +
                     std::to_string(res.result_int());
  std::string reason;
  for (char c : res.reason())
    if (c >= 0x20 && c < 0x7F && reason.size() < 200) reason.push_back(c);
  return reason.empty() ? line : line + " " + reason;
}

// Asks the proxy on `s` for a tunnel to `ep` (RFC 9110 §9.3.6). What the proxy answers is read
// with a buffer of its own: after a 2xx the next byte on the wire is the target's TLS, and
// nothing may stay behind for the HTTPS exchanges.
awaitable<error_code> open_tunnel(beast::tcp_stream& s, const endpoint& ep, const proxy_server& via,
                                  std::chrono::milliseconds limit, std::string& refusal) {
  const bool ipv6 = ep.host.find(':') != std::string::npos;
  const std::string authority = (ipv6 ? "[" + ep.host + "]" : ep.host) + ":" + ep.port;
  http::request<http::empty_body> req{http::verb::connect, authority, 11};
  req.set(http::field::host, authority);
  req.set(http::field::user_agent, "acgprov/0.1");
  if (via.has_credentials())
    req.set(http::field::proxy_authorization, "Basic " + base64(via.username + ":" + via.password));

  s.expires_after(limit);
  auto [wec, written] = co_await http::async_write(s, req, as_result);
  if (wec) co_return wec;
  beast::flat_buffer buffer{16 * 1024};
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a refusal's body is not read: the connection is closed anyway
  auto [rec, read] = co_await http::async_read_header(s, buffer, parser, as_result);
  s.expires_never();
  if (rec == beast::error::timeout || rec == net::error::operation_aborted) co_return rec;
  if (rec == http::error::end_of_stream || classify(rec) == transport_failure::reset)
    co_return proxy_refusal_error(proxy_closed);
  if (rec) co_return proxy_refusal_error(proxy_not_http);
  const int status = parser.get().result_int();
  if (status < 200 || status > 299) {
    refusal = status_line(parser);
    co_return proxy_refusal_error(status);
  }
  if (buffer.size() > 0) co_return proxy_refusal_error(proxy_not_http);  // bytes before our ClientHello
  co_return error_code{};
}

}  // namespace

https_connection::https_connection(net::any_io_executor ex, std::shared_ptr<ssl::context> tls, lookup_function lookup)
    : impl_(std::make_unique<impl>(std::move(ex), std::move(tls), std::move(lookup))) {}

https_connection::~https_connection() = default;

const std::string& https_connection::proxy_answer() const { return impl_->proxy_answer; }

awaitable<error_code> https_connection::connect(const endpoint& ep, connection_timeouts t, const proxy_server* via) {
  auto& stream = impl_->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  opened_at = std::chrono::steady_clock::now();

  // One deadline for the lookup and the TCP connect: a slow DNS answer is part of "connect".
  // Through a proxy, the proxy's name is looked up here and the target's by the proxy.
  const std::string& dial_host = via ? via->host : ep.host;
  const std::string& dial_port = via ? via->port : ep.port;
  const auto deadline = opened_at + t.connect;
  auto found = co_await impl_->resolver.resolve(dial_host, deadline);
  if (found.ec) co_return found.ec;
  unsigned short port = 0;
  if (std::from_chars(dial_port.data(), dial_port.data() + dial_port.size(), port).ec != std::errc())
    co_return error_code(net::error::invalid_argument);
  std::vector<tcp::endpoint> results;
  for (const auto& address : found.addresses) results.emplace_back(address, port);

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

  lowest.expires_at(deadline);
  auto [cec, connected] = co_await lowest.async_connect(results, as_result);
  if (cec) co_return cec;
  lowest.socket().set_option(tcp::no_delay(true));
  if (via) {
    lowest.expires_never();
    auto tec = co_await open_tunnel(lowest, ep, *via, t.handshake, impl_->proxy_answer);
    if (tec) co_return tec;
  }

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
                                                      connection_timeouts t, std::size_t body_limit) {
  auto& stream = impl_->stream;
  auto& lowest = beast::get_lowest_layer(stream);
  exchange_result out;
  // Here as well as in the client: nothing reaches the wire through this connection unchecked.
  if (auto refused = check_request(req)) {
    out.ec = refused;
    co_return out;
  }

  // The body goes out from the caller's request, not from a copy (a batch body is about
  // 13 KB, and 64 are in flight at --max-in-flight 64: issue 14). `req` outlives the write.
  http::request<http::span_body<const char>> msg;
  msg.method_string(req.method);
  msg.target(req.target);
  msg.version(11);
  msg.set(http::field::host, ep.host_header());
  msg.set(http::field::user_agent, "acgprov/0.1");
  for (const auto& [k, v] : req.headers) msg.set(k, v);
  msg.body() = {req.body.data(), req.body.size()};
  msg.prepare_payload();

  lowest.expires_after(t.request);
  auto [wec, written] = co_await http::async_write(stream, msg, as_result);
  if (wec) {
    out.ec = wec;
    co_return out;
  }

  // Interim 1xx answers (103 Early Hints, an unasked 100 Continue) may come first: read past
  // under the same deadline.
  auto read = co_await read_one_response(stream, impl_->buffer, body_limit);
  lowest.expires_never();
  out.ec = read.ec;
  out.got_response_bytes = read.got_response_bytes;
  out.reusable = read.reusable;
  out.response = std::move(read.response);
  co_return out;
}

void https_connection::close() {
  impl_->resolver.cancel();
  error_code ignored;
  beast::get_lowest_layer(impl_->stream).socket().close(ignored);
}

}  // namespace acgprov::io
