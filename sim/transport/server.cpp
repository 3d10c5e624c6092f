#include "sim/transport/server.hpp"

#include "sim/app.hpp"
#include "sim/log.hpp"
#include "sim/transport/certificate.hpp"

#include "io/net.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <csignal>
#include <optional>
#include <vector>

namespace acgprov::sim {
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

struct server_state {
  // Optional so that run() can destroy the suspended sessions while the app still exists.
  std::optional<net::io_context> ioc{std::in_place, 1};
  server_options options;
  std::uint64_t connections_served = 0;  // numbers the connections whose requests are read
  std::optional<tcp::acceptor> acceptor{std::in_place, *ioc};
  std::optional<tcp::acceptor> managed_identity_acceptor;  // plain HTTP, 127.0.0.1 only
  // Registered in the constructor, before the ready line is printed: a SIGTERM that arrives
  // right after the line must find the handler, not the default action.
  std::optional<net::signal_set> signals{std::in_place, *ioc, SIGINT, SIGTERM};
  std::optional<ssl::context> tls;
  app* application = nullptr;
  std::vector<net::steady_timer*> held;  // sessions holding an answer until a release
  std::uint64_t releases_seen = 0;
};

namespace {

// Decrements the connection gauge however the session coroutine ends (including when the
// io_context is destroyed at shutdown with the coroutine suspended).
struct connection_guard {
  app& a;
  ~connection_guard() { a.connection_closed(); }
};

http_request to_request(http::request<http::string_body>& msg) {
  http_request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.headers.reserve(8);
  for (const auto& f : msg) req.headers.push_back({std::string(f.name_string()), std::string(f.value())});
  req.body = std::move(msg.body());
  return req;
}

http::response<http::string_body> to_beast(http_response& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  for (auto& f : r.headers) res.set(f.name, f.value);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// An answer that will never come: keep the connection open, discarding whatever the client
// sends, until it closes (or the bound passes). This is what "the connection stalls" means
// to a client: its own timeout fires.
template <class Stream>
awaitable<void> hold_until_closed(Stream& stream, std::chrono::seconds bound) {
  beast::get_lowest_layer(stream).expires_after(bound);
  char buf[1024];
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(net::buffer(buf), as_result);
    if (ec) co_return;
  }
}

// SO_LINGER 0 makes close() send RST: the client sees "connection reset by peer".
void reset_connection(tcp::socket& socket) {
  boost::system::error_code ec;
  socket.set_option(tcp::socket::linger(true, 0), ec);
  socket.close(ec);
}

template <class Stream>
awaitable<void> close_gracefully(Stream& stream) {
  auto& lowest = beast::get_lowest_layer(stream);
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    // close_notify, bounded: a peer that never answers it must not hold us (beast#995).
    lowest.expires_after(std::chrono::seconds(2));
    co_await stream.async_shutdown(as_result);
  }
  boost::system::error_code ec;
  lowest.socket().shutdown(tcp::socket::shutdown_both, ec);
  lowest.close();
}

handler_outcome safe_handle(app& a, http_request req, bool managed_identity_port) {
  try {
    return managed_identity_port ? a.handle_managed_identity_port(req) : a.handle(req);
  } catch (const std::exception& e) {
    // A bug in a handler must not take the emulator down; answer 500 and log it.
    log_line(log_level::error, std::string("handler failed: ") + e.what());
    handler_outcome out;
    out.response.status = 500;
    out.response.set_json(R"({"error":{"code":"InternalServerError","message":"The emulator failed."}})");
    out.response.set("x-ms-error-code", "InternalServerError");
    return out;
  }
}

// A request may have released held answers: wake the sessions that hold them.
void wake_released(server_state& self) {
  const auto releases = self.application->held_answer_releases();
  if (releases == self.releases_seen) return;
  self.releases_seen = releases;
  for (auto* t : self.held) t->cancel();
}

// Waits until the held answers are released (true), or the bound passes (false).
awaitable<bool> wait_for_release(server_state& self, std::chrono::seconds bound) {
  const auto before = self.application->held_answer_releases();
  net::steady_timer timer(co_await net::this_coro::executor, bound);
  self.held.push_back(&timer);
  co_await timer.async_wait(as_result);
  std::erase(self.held, &timer);
  co_return self.application->held_answer_releases() != before;
}

template <class Stream>
awaitable<void> serve_requests(Stream& stream, server_state& self, bool managed_identity_port) {
  const std::uint64_t connection = ++self.connections_served;  // for /_sim/requests: which requests shared one
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(self.options.body_limit);
    beast::get_lowest_layer(stream).expires_after(self.options.idle_timeout);
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, as_result);
    boost::system::error_code ec = hec;
    if (!ec && parser.get()[http::field::expect] == "100-continue" && !parser.is_done()) {
      // Clients such as curl send Expect: 100-continue for large bodies (batches) and wait up to
      // a second for this interim answer before sending the body anyway.
      http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
      auto [cec, cn] = co_await http::async_write(stream, go_on, as_result);
      ec = cec;
    }
    if (!ec && !parser.is_done()) {
      beast::get_lowest_layer(stream).expires_after(self.options.idle_timeout);
      auto [bec, bn] = co_await http::async_read(stream, buffer, parser, as_result);
      ec = bec;
    }
    if (ec == http::error::body_limit) {
      http_response too_big;
      too_big.status = 413;
      too_big.set_json(R"({"error":{"code":"PayloadTooLarge","message":"The request body is too large."}})");
      too_big.set("x-ms-error-code", "PayloadTooLarge");
      auto res = to_beast(too_big, 11, false);
      co_await http::async_write(stream, res, as_result);
      // Keep reading (and discarding) the rest of the body until the client closes: closing
      // with unread data would send RST and the client would lose the 413 it has not read yet.
      co_await hold_until_closed(stream, std::chrono::seconds(5));
      co_return;
    }
    // end_of_stream: the client closed between requests; anything else (timeout, garbage,
    // a truncated TLS stream) also ends the connection.
    if (ec) co_return;

    auto& msg = parser.get();
    bool keep_alive = msg.keep_alive();
    unsigned version = msg.version();
    http_request request = to_request(msg);
    request.connection = connection;
    handler_outcome out = safe_handle(*self.application, std::move(request), managed_identity_port);
    wake_released(self);
    if (out.what == disposition::hold) {
      // Held until a test releases it; past the bound, as good as a stall.
      bool released = co_await wait_for_release(self, self.options.stall_timeout);
      if (!released) co_return;
    }
    if (out.delay.count() > 0) {
      net::steady_timer timer(co_await net::this_coro::executor);
      timer.expires_after(out.delay);
      co_await timer.async_wait(as_result);
    }
    if (out.hold) {
      // Held for a test (POST /_sim/hold): checked every few milliseconds, bounded by the
      // stall timeout, so a test that never releases cannot hold the emulator forever.
      net::steady_timer timer(co_await net::this_coro::executor);
      const auto until = std::chrono::steady_clock::now() + self.options.stall_timeout;
      while (!*out.hold && std::chrono::steady_clock::now() < until) {
        timer.expires_after(std::chrono::milliseconds(5));
        co_await timer.async_wait(as_result);
      }
    }
    if (out.what == disposition::reset) {
      reset_connection(beast::get_lowest_layer(stream).socket());
      co_return;
    }
    if (out.what == disposition::stall) {
      co_await hold_until_closed(stream, self.options.stall_timeout);
      co_return;
    }
    keep_alive = keep_alive && !out.response.close;
    auto res = to_beast(out.response, version, keep_alive);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
    auto [wec, wn] = co_await http::async_write(stream, res, as_result);
    if (wec) co_return;
    if (!keep_alive) {
      co_await close_gracefully(stream);
      co_return;
    }
  }
}

awaitable<void> run_tls_session(tcp::socket socket, server_state& self) {
  connection_guard guard{*self.application};
  ssl::stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *self.tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, as_result);
  if (ec) {
    if (log_enabled(log_level::debug)) log_line(log_level::debug, "TLS handshake failed: " + ec.message());
    co_return;
  }
  co_await serve_requests(stream, self, false);
}

awaitable<void> run_plain_session(tcp::socket socket, server_state& self, bool managed_identity_port) {
  connection_guard guard{*self.application};
  beast::tcp_stream stream(std::move(socket));
  co_await serve_requests(stream, self, managed_identity_port);
}

void log_session_failure(std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    log_line(log_level::error, std::string("connection failed: ") + x.what());
  }
}

awaitable<void> accept_loop(server_state& self, tcp::acceptor* acceptor, bool managed_identity_port) {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(as_result);
    if (ec == net::error::operation_aborted) co_return;
    if (ec) {
      // Out of descriptors or similar: back off briefly instead of spinning.
      log_line(log_level::error, "accept failed: " + ec.message());
      net::steady_timer timer(*self.ioc, std::chrono::milliseconds(50));
      co_await timer.async_wait(as_result);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    self.application->connection_opened();
    if (self.tls && !managed_identity_port)
      net::co_spawn(*self.ioc, run_tls_session(std::move(socket), self), log_session_failure);
    else
      net::co_spawn(*self.ioc, run_plain_session(std::move(socket), self, managed_identity_port), log_session_failure);
  }
}

}  // namespace

server::server(server_options options, const tls_identity* identity) : impl_(std::make_unique<server_state>()) {
  impl_->options = std::move(options);
  if (!impl_->options.plain_http) {
    impl_->tls.emplace(ssl::context::tls_server);
    auto& ctx = *impl_->tls;
    // TLS 1.2 is the floor the real API enforces.
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::single_dh_use);
    ctx.use_certificate_chain(net::buffer(identity->certificate_pem));
    ctx.use_private_key(net::buffer(identity->private_key_pem), ssl::context::pem);
  }
  tcp::endpoint endpoint(net::ip::make_address(impl_->options.bind), impl_->options.port);
  impl_->acceptor->open(endpoint.protocol());
  impl_->acceptor->set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor->bind(endpoint);
  impl_->acceptor->listen(net::socket_base::max_listen_connections);
  port_ = impl_->acceptor->local_endpoint().port();
  if (auto p = impl_->options.managed_identity_port) {
    // Loopback whatever --bind says: the hosts' identity endpoints answer only their own machine.
    tcp::endpoint local(net::ip::make_address("127.0.0.1"), *p);
    auto& a = impl_->managed_identity_acceptor.emplace(*impl_->ioc);
    a.open(local.protocol());
    a.set_option(tcp::acceptor::reuse_address(true));
    a.bind(local);
    a.listen(net::socket_base::max_listen_connections);
    managed_identity_port_ = a.local_endpoint().port();
  }
}

server::~server() = default;

unsigned short server::port() const { return port_; }

void server::run(app& application) {
  impl_->application = &application;
  // Stop at once: nothing is persisted, so there is nothing to drain; exit status 0. A signal
  // that came before run() is queued by the signal_set and delivered here.
  impl_->signals->async_wait([this](const boost::system::error_code&, int) { impl_->ioc->stop(); });
  net::co_spawn(*impl_->ioc, accept_loop(*impl_, &*impl_->acceptor, false), log_session_failure);
  if (impl_->managed_identity_acceptor)
    net::co_spawn(*impl_->ioc, accept_loop(*impl_, &*impl_->managed_identity_acceptor, true), log_session_failure);
  impl_->ioc->run();
  impl_->signals.reset();
  // Destroying the io_context destroys the suspended session coroutines, whose guards still
  // report to the application: do it now, while `application` is alive.
  impl_->acceptor.reset();
  impl_->managed_identity_acceptor.reset();
  impl_->ioc.reset();
}

}  // namespace acgprov::sim
