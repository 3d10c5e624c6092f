#include "tests/support/https_test_client.hpp"

#include "tests/support/sim_process.hpp"

#include "io/net.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cctype>
#include <optional>
#include <stdexcept>

namespace acgprov::test {
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

std::string http_reply::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (iequal(n, name)) return v;
  return {};
}

bool http_reply::has_header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (iequal(n, name)) return true;
  return false;
}

struct https_client_state {
  https_client_options options;
  net::io_context ioc{1};
  std::optional<ssl::context> tls_ctx;
  std::optional<beast::tcp_stream> plain;
  std::optional<ssl::stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  std::size_t opened = 0;

  bool open() const { return plain.has_value() || secure.has_value(); }
  beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
  void drop() {
    boost::system::error_code ec;
    if (secure) beast::get_lowest_layer(*secure).socket().close(ec);
    if (plain) plain->socket().close(ec);
    secure.reset();
    plain.reset();
    buffer.clear();
  }
};

namespace {

using request_t = http::request<http::string_body>;

awaitable<void> connect(https_client_state& c, std::chrono::steady_clock::time_point deadline,
                        boost::system::error_code& error) {
  auto executor = co_await net::this_coro::executor;
  tcp::resolver resolver(executor);
  auto [rec, endpoints] = co_await resolver.async_resolve(c.options.host, std::to_string(c.options.port), as_result);
  if (rec) {
    error = rec;
    co_return;
  }
  beast::tcp_stream stream(executor);
  stream.expires_at(deadline);
  auto [cec, ep] = co_await stream.async_connect(endpoints, as_result);
  if (cec) {
    error = cec;
    co_return;
  }
  ++c.opened;
  if (!c.options.tls) {
    c.plain.emplace(std::move(stream));
    co_return;
  }
  c.secure.emplace(std::move(stream), *c.tls_ctx);
  auto& s = *c.secure;
  std::string name = c.options.verify_name.empty() ? c.options.host : c.options.verify_name;
  s.set_verify_mode(ssl::verify_peer);
  s.set_verify_callback(ssl::host_name_verification(name));
  // SNI only for names: RFC 6066 forbids IP literals in server_name.
  boost::system::error_code parse_ec;
  net::ip::make_address(name, parse_ec);
  if (parse_ec) SSL_set_tlsext_host_name(s.native_handle(), name.c_str());
  beast::get_lowest_layer(s).expires_at(deadline);
  auto [hec] = co_await s.async_handshake(ssl::stream_base::client, as_result);
  if (hec) {
    error = hec;
    c.secure.reset();
  }
}

template <class Stream>
awaitable<void> exchange(Stream& stream, beast::flat_buffer& buffer, request_t& req, http_reply& reply) {
  auto [wec, wn] = co_await http::async_write(stream, req, as_result);
  if (wec) {
    reply.error = wec;
    co_return;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  auto [rec, rn] = co_await http::async_read(stream, buffer, parser, as_result);
  if (rec) {
    reply.error = rec;
    co_return;
  }
  auto& msg = parser.get();
  reply.status = static_cast<int>(msg.result_int());
  for (const auto& f : msg) reply.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  reply.body = std::move(msg.body());
  if (!msg.keep_alive()) reply.headers.emplace_back("x-test-connection-closed", "true");
}

awaitable<void> perform(https_client_state& c, request_t& req, http_reply& reply) {
  auto deadline = std::chrono::steady_clock::now() + c.options.timeout;
  if (!c.open()) {
    boost::system::error_code ec;
    co_await connect(c, deadline, ec);
    if (ec) {
      reply.error = ec;
      co_return;
    }
  }
  c.lowest().expires_at(deadline);
  if (c.secure) co_await exchange(*c.secure, c.buffer, req, reply);
  else co_await exchange(*c.plain, c.buffer, req, reply);
}

}  // namespace

https_test_client::https_test_client(https_client_options options) : impl_(std::make_unique<https_client_state>()) {
  impl_->options = std::move(options);
  if (impl_->options.tls) {
    impl_->tls_ctx.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(impl_->tls_ctx->native_handle(), TLS1_2_VERSION);
    if (impl_->options.ca_file.empty()) throw std::invalid_argument("https_test_client: ca_file is required with TLS");
    impl_->tls_ctx->load_verify_file(impl_->options.ca_file);
  }
}

https_test_client::https_test_client(const sim_ready& ready, std::chrono::milliseconds timeout)
    : https_test_client([&] {
        https_client_options o;
        o.port = ready.port;
        o.tls = ready.endpoint.rfind("https://", 0) == 0;
        o.ca_file = ready.ca_file;
        o.timeout = timeout;
        return o;
      }()) {}

https_test_client::~https_test_client() = default;
https_test_client::https_test_client(https_test_client&&) noexcept = default;
https_test_client& https_test_client::operator=(https_test_client&&) noexcept = default;

http_reply https_test_client::request(std::string_view method, std::string_view target, const header_list& headers,
                                      std::string_view body) {
  request_t req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, impl_->options.host + ":" + std::to_string(impl_->options.port));
  req.set(http::field::user_agent, "acgprov-test");
  for (const auto& [n, v] : headers) req.set(n, v);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.body() = std::string(body);
    req.prepare_payload();
  }
  http_reply reply;
  impl_->ioc.restart();
  std::exception_ptr failure;
  net::co_spawn(impl_->ioc, perform(*impl_, req, reply), [&](std::exception_ptr e) { failure = e; });
  impl_->ioc.run();
  if (failure) std::rethrow_exception(failure);
  bool closed = reply.has_header("x-test-connection-closed");
  std::erase_if(reply.headers, [](const auto& h) { return h.first == "x-test-connection-closed"; });
  if (reply.error || closed) impl_->drop();
  return reply;
}

void https_test_client::close() { impl_->drop(); }
bool https_test_client::is_open() const { return impl_->open(); }
std::size_t https_test_client::connections_opened() const { return impl_->opened; }

}  // namespace acgprov::test
