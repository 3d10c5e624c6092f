#pragma once
// A small synchronous HTTP/1.1 client for tests: one keep-alive connection (TLS verified
// against a CA file, host name checked), a deadline per request, and transport failures
// reported as values (timeout, reset) rather than thrown, so tests can assert on them.
// Beast stays in the .cpp.
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::test {

struct sim_ready;
struct https_client_state;

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_reply {
  int status = 0;  // 0 when no response arrived
  header_list headers;
  std::string body;
  boost::system::error_code error;  // transport error; empty when a response arrived

  // First value of a header (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  bool ok() const { return !error; }
};

struct https_client_options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  bool tls = true;
  std::string ca_file;                       // PEM trust anchors (required with tls)
  std::string verify_name;                   // name checked against the certificate; default: host
  std::chrono::milliseconds timeout{10000};  // per request: connect + handshake + write + read
};

class https_test_client {
public:
  explicit https_test_client(https_client_options options);
  // Client for a running emulator (its port and CA file).
  explicit https_test_client(const sim_ready& ready, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~https_test_client();
  https_test_client(https_test_client&&) noexcept;
  https_test_client& operator=(https_test_client&&) noexcept;

  // Sends one request on the kept-alive connection, connecting first when needed. Adds Host,
  // and Content-Length for a body; `headers` may override nothing else. After a transport
  // error or a "Connection: close" the connection is dropped and the next call reconnects.
  http_reply request(std::string_view method, std::string_view target, const header_list& headers = {},
                     std::string_view body = {});

  void close();
  bool is_open() const;
  // Connections opened so far (keep-alive tests).
  std::size_t connections_opened() const;

private:
  std::unique_ptr<https_client_state> impl_;
};

}  // namespace acgprov::test
