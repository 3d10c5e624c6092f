#pragma once
// One TLS connection to one endpoint: connect (resolve, TCP, handshake with SNI and host-name
// verification) and HTTP/1.1 exchanges, directly or through an HTTP proxy's CONNECT tunnel
// (TLS then runs end to end with the target, never with the proxy). Every step has its own
// deadline. Beast stays in the
// .cpp so that callers compile against this light header.
#include "io/endpoint.hpp"
#include "io/http_message.hpp"
#include "io/name_resolver.hpp"
#include "io/net.hpp"
#include "io/proxy_config.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace acgprov::io {

struct connection_timeouts {
  std::chrono::milliseconds connect{10'000};    // resolve + TCP connect
  std::chrono::milliseconds handshake{10'000};  // TLS handshake
  std::chrono::milliseconds request{60'000};    // write request, then read response
};

struct exchange_result {
  boost::system::error_code ec;  // transport failure; response is empty then
  http_response response;
  bool got_response_bytes = false;  // whether anything of a response arrived (for stale detection)
  bool reusable = false;            // clean and keep-alive: may go back to the pool
};

class https_connection {
public:
  // `lookup` resolves the host name (empty: getaddrinfo); see name_resolver.hpp.
  https_connection(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
                   lookup_function lookup = {});
  ~https_connection();
  https_connection(const https_connection&) = delete;
  https_connection& operator=(const https_connection&) = delete;

  // Resolve and TCP connect share t.connect; a close() meanwhile ends either at once. With
  // `via`, the proxy is resolved and dialled instead and asked for a tunnel to `ep` (CONNECT,
  // with Basic credentials if it has some) under t.handshake; a refusal is a
  // proxy_refusal_error (io/transport_error.hpp) and proxy_answer() its status line. `via`
  // must outlive the call.
  awaitable<boost::system::error_code> connect(const endpoint& ep, connection_timeouts t,
                                               const proxy_server* via = nullptr);
  // Sends one request and reads its response; body larger than body_limit is an error.
  awaitable<exchange_result> exchange(const endpoint& ep, const http_request& req, connection_timeouts t,
                                      std::size_t body_limit);
  // Closes the socket at once (no TLS close_notify: it can hang on a dead peer, beast#995),
  // and cuts off a name lookup in progress.
  void close();

  bool reused = false;                                // set by the pool when it hands out an idle connection
  std::chrono::steady_clock::time_point opened_at{};  // when connect() began (the pool's age limit)
  // The status line of the proxy's refusal ("HTTP/1.1 407 Proxy Authentication Required"),
  // printable ASCII only; empty unless connect() ended with a proxy_refusal_error.
  const std::string& proxy_answer() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace acgprov::io
