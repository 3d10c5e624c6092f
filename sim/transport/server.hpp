#pragma once
// The HTTPS (or, with --plain-http, HTTP) front of the emulator: one io_context on one thread,
// one coroutine per connection with HTTP/1.1 keep-alive, each request handed to the app.
// Asio and Beast stay in server.cpp; main.cpp includes neither.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace acgprov::sim {

class app;
struct tls_identity;
struct server_state;

struct server_options {
  std::string bind = "127.0.0.1";
  unsigned short port = 0;
  bool plain_http = false;
  std::chrono::seconds idle_timeout{120};   // keep-alive connections idle this long are closed
  std::chrono::seconds stall_timeout{120};  // longest hold of a connection that gets no answer
  std::size_t body_limit = 4 * 1024 * 1024;
  // A second, plain-HTTP listener on 127.0.0.1 for the managed identity endpoints only
  // (app::handle_managed_identity_port); nullopt: none, 0: any free port.
  std::optional<unsigned short> managed_identity_port;
};

class server {
public:
  // Binds and listens at once, so that port() is known before the app exists; throws
  // std::runtime_error / boost::system::system_error on failure. `identity` is unused with
  // plain_http.
  server(server_options options, const tls_identity* identity);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  unsigned short port() const;
  unsigned short managed_identity_port() const { return managed_identity_port_; }  // 0: none
  // Serves until SIGINT or SIGTERM. `application` must outlive the call.
  void run(app& application);

private:
  std::unique_ptr<server_state> impl_;
  unsigned short port_ = 0;
  unsigned short managed_identity_port_ = 0;
};

}  // namespace acgprov::sim
