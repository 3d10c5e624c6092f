#pragma once
// HTTPS client for one endpoint with a keep-alive connection pool. One io_context thread:
// no locks. A connection goes back to the pool only when its exchange ended cleanly and not
// with a 5xx, and is not reused once max_connection_age old (io/connection_reuse.hpp). Through
// an HTTP proxy (proxy_settings, unless NO_PROXY names the endpoint) every connection is a
// CONNECT tunnel.
#include "io/busy_list.hpp"
#include "io/endpoint.hpp"
#include "io/http_message.hpp"
#include "io/https_connection.hpp"
#include "io/net.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::io {

struct client_config {
  connection_timeouts timeouts;
  std::size_t max_idle = 64;                  // idle connections kept for reuse
  std::size_t body_limit = 32 * 1024 * 1024;  // refuse larger responses
  lookup_function lookup;                     // resolves host names; empty: getaddrinfo (tests inject one)
  proxy_settings proxy;                       // none by default: direct connections
  std::chrono::steady_clock::duration max_connection_age = std::chrono::seconds(60);
};

struct client_counters {
  std::uint64_t connections_opened = 0;
  std::uint64_t stale_retries = 0;
};

class https_client {
public:
  https_client(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls, endpoint ep,
               client_config cfg = {});
  ~https_client();

  // Sends one request. A transport failure (connect, TLS, reset, timeout) is an error code,
  // never an exception; every HTTP status is a response. A request the wire must not carry
  // (CR, LF or NUL in a header value, io/request_check.hpp) is a request_error, not sent. `*resent` (if given) is
  // incremented when the request went out a second time, on a fresh connection after a stale pooled one: callers that
  // count attempts count that one too. `resent` must outlive the call.
  awaitable<boost::system::result<http_response>> send(http_request req, std::uint32_t* resent = nullptr);

  const endpoint& target() const { return endpoint_; }
  const client_counters& counters() const { return counters_; }
  // The proxy this client's connections go through; null: direct.
  const proxy_server* proxy() const { return via_ ? &*via_ : nullptr; }
  // The status line of the proxy's last refusal of a tunnel ("HTTP/1.1 407 Proxy
  // Authentication Required"); empty if none. For the message of a proxy_refusal_error.
  const std::string& proxy_refusal() const { return proxy_refusal_; }
  // Closes the idle connections (at shutdown, or after the server was seen to restart).
  void close_idle();
  // A hard stop: closes every connection, idle or in use (a name lookup or connect in progress
  // included), so that requests in progress end at once with an error (operation_aborted),
  // every later send fails the same way, and every pause() ends.
  void abort_all();
  bool aborted() const { return aborted_; }
  // Waits `d` (a caller's backoff between requests to this endpoint); false at once, or as
  // soon as abort_all() is called meanwhile.
  awaitable<bool> pause(std::chrono::milliseconds d);

private:
  awaitable<boost::system::result<std::unique_ptr<https_connection>>> open();

  net::any_io_executor executor_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  endpoint endpoint_;
  client_config config_;
  std::optional<proxy_server> via_;  // config_.proxy for endpoint_, NO_PROXY applied
  std::string proxy_refusal_;
  std::vector<std::unique_ptr<https_connection>> idle_;
  busy_list<https_connection> busy_;        // connecting or exchanging: what abort_all() closes
  std::vector<net::steady_timer*> pauses_;  // the timers of pause() calls in progress
  bool aborted_ = false;
  client_counters counters_;
};

// One line for a proxy_refusal_error from `client`: which proxy refused the tunnel to where,
// with the proxy's status line. Never the proxy's credentials.
std::string describe_proxy_refusal(const https_client& client, const boost::system::error_code& ec);

}  // namespace acgprov::io
