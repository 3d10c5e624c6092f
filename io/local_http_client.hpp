#pragma once
// Plain HTTP, for the machine-local managed identity endpoints only: the App Service /
// Functions / Container Apps identity endpoint (http://localhost:PORT or 127.0.0.1:PORT) and
// the Azure Instance Metadata Service (http://169.254.169.254). Nothing else may be reached
// without TLS, so the URL parser refuses every other host. These requests never leave the
// machine (or the link), so they go to the endpoint directly, never through a proxy.
#include "io/http_message.hpp"
#include "io/https_connection.hpp"
#include "io/net.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::io {

struct local_endpoint {
  std::string host;         // a loopback address, "localhost" or 169.254.169.254 (no brackets)
  std::string port;         // "80" unless the URL names one
  std::string path;         // the URL's path, "/" at least (no query)
  std::string url() const;  // http://host[:port]path, for messages
};

// Parses an http:// URL whose host is loopback (127.0.0.0/8, ::1, localhost) or the link-local
// metadata address 169.254.169.254. Throws std::invalid_argument naming the URL otherwise.
local_endpoint parse_local_endpoint(std::string_view url);

class local_http_client {
public:
  local_http_client(net::any_io_executor ex, local_endpoint ep, connection_timeouts timeouts);
  ~local_http_client();

  // One request on a connection of its own (Connection: close). Transport failures are error
  // codes, every HTTP status is a response. `req.target` is origin-form.
  awaitable<boost::system::result<http_response>> send(http_request req);
  const local_endpoint& target() const { return endpoint_; }
  // A hard stop: the request in progress and every later one fail (operation_aborted), and
  // every pause() ends.
  void abort_all();
  bool aborted() const { return aborted_; }
  // Waits `d`; false at once, or as soon as abort_all() is called meanwhile.
  awaitable<bool> pause(std::chrono::milliseconds d);

private:
  struct open_socket;
  net::any_io_executor executor_;
  local_endpoint endpoint_;
  connection_timeouts timeouts_;
  std::vector<open_socket*> busy_;
  std::vector<void*> pauses_;  // steady_timer* of the pauses in progress
  bool aborted_ = false;
};

}  // namespace acgprov::io
