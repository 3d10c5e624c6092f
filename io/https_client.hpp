#pragma once
// HTTPS client for one endpoint with a keep-alive connection pool. One io_context thread:
// no locks. A connection goes back to the pool only when its exchange ended cleanly.
#include "io/busy_list.hpp"
#include "io/endpoint.hpp"
#include "io/http_message.hpp"
#include "io/https_connection.hpp"
#include "io/net.hpp"

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace acgprov::io {

struct client_config {
  connection_timeouts timeouts;
  std::size_t max_idle = 64;                // idle connections kept for reuse
  std::size_t body_limit = 32 * 1024 * 1024;  // refuse larger responses
};

struct client_counters {
  std::uint64_t connections_opened = 0;
  std::uint64_t stale_retries = 0;
};

class https_client {
public:
  https_client(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
               endpoint ep, client_config cfg = {});
  ~https_client();

  // Sends one request. A transport failure (connect, TLS, reset, timeout) is an error code,
  // never an exception; every HTTP status is a response. A request the wire must not carry
  // (CR, LF or NUL in a header value, io/request_check.hpp) is a request_error, not sent. `*resent` (if given) is incremented
  // when the request went out a second time, on a fresh connection after a stale pooled one:
  // callers that count attempts count that one too. `resent` must outlive the call.
  awaitable<boost::system::result<http_response>> send(http_request req, std::uint32_t* resent = nullptr);

  const endpoint& target() const { return endpoint_; }
  const client_counters& counters() const { return counters_; }
  // Closes the idle connections (at shutdown, or after the server was seen to restart).
  void close_idle();
  // A hard stop: closes every connection, idle or in use, so that requests in progress end at
  // once with an error (operation_aborted), and every later send fails the same way.
  void abort_all();

private:
  awaitable<boost::system::result<std::unique_ptr<https_connection>>> open();

  net::any_io_executor executor_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  endpoint endpoint_;
  client_config config_;
  std::vector<std::unique_ptr<https_connection>> idle_;
  busy_list<https_connection> busy_;  // connecting or exchanging: what abort_all() closes
  bool aborted_ = false;
  client_counters counters_;
};

}  // namespace acgprov::io
