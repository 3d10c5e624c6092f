#pragma once
// Debian's tinyproxy as a real HTTP proxy for the tests (issue 15): started on a free port of
// 127.0.0.1 with a configuration generated for the test, stopped on destruction. Tinyproxy
// cannot listen on port 0, so a free port is found by binding 127.0.0.1:0 and closing it,
// and the start is retried (a bounded number of times) if another process took the port
// meanwhile. Ready once its log says it accepts connections; every wait is bounded.
#include "tests/support/service_process.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::test {

struct tinyproxy_options {
  std::vector<unsigned short> connect_ports;  // the only ports CONNECT may reach (ConnectPort)
  std::string user, password;                 // BasicAuth when user is not empty
};

class tinyproxy_process {
public:
  // Throws std::runtime_error (with tinyproxy's log) if it does not start.
  tinyproxy_process(const tinyproxy_options& options, const std::string& work_dir);

  unsigned short port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // How many CONNECT requests it has read so far (its log's "Request (...): CONNECT" lines).
  std::size_t connects() const;
  std::string log() const { return process_->log(); }

private:
  std::unique_ptr<service_process> process_;
  unsigned short port_ = 0;
};

// Why tinyproxy cannot be used here (not installed); nullopt when it can.
std::optional<std::string> tinyproxy_missing();

}  // namespace acgprov::test
