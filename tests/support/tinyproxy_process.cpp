#include "tests/support/tinyproxy_process.hpp"

#include "tests/support/cli_process.hpp"
#include "tests/support/local_port.hpp"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace acgprov::test {

namespace {

constexpr int start_attempts = 5;
constexpr auto poll_step = std::chrono::milliseconds(20);
constexpr int ready_polls = 1000;  // 20 s

std::string configuration(const tinyproxy_options& o, unsigned short port) {
  std::string c =
      "Port " + std::to_string(port) +
      "\nListen 127.0.0.1\nTimeout 600\nLogLevel Info\nMaxClients 100\nAllow 127.0.0.1\nDisableViaHeader Yes\n";
  for (auto p : o.connect_ports) c += "ConnectPort " + std::to_string(p) + "\n";
  if (!o.user.empty()) c += "BasicAuth " + o.user + " " + o.password + "\n";
  return c;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

tinyproxy_process::tinyproxy_process(const tinyproxy_options& options, const std::string& work_dir) {
  std::string last_log;
  for (int attempt = 1; attempt <= start_attempts; ++attempt) {
    const unsigned short port = free_local_port();
    const std::string conf = work_dir + "/tinyproxy-" + std::to_string(port) + ".conf";
    write_file(conf, configuration(options, port));
    auto p = std::make_unique<service_process>("tinyproxy", std::vector<std::string>{"tinyproxy", "-d", "-c", conf},
                                               std::map<std::string, std::string>{},
                                               work_dir + "/tinyproxy-" + std::to_string(port) + ".log");
    for (int i = 0; i < ready_polls; ++i) {
      const std::string text = p->log();
      if (text.find("Accepting connections") != std::string::npos) {
        process_ = std::move(p);
        port_ = port;
        return;
      }
      if (!p->running()) break;                // most likely the port was taken meanwhile: another one
      std::this_thread::sleep_for(poll_step);  // one bounded poll of its log, not a stand-in for readiness
    }
    last_log = p->log();
    if (p->running()) break;  // alive but never ready: retrying would not help
  }
  throw std::runtime_error("tinyproxy did not start; its log:\n" + last_log);
}

std::size_t tinyproxy_process::connects() const { return count(process_->log(), "): CONNECT "); }

std::optional<std::string> tinyproxy_missing() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    const auto end = std::min(dirs.find(':', at), dirs.size());
    const std::string dir = dirs.substr(at, end - at);
    if (!dir.empty() && ::access((dir + "/tinyproxy").c_str(), X_OK) == 0) return std::nullopt;
    at = end + 1;
  }
  return "tinyproxy is not on PATH (scripts/setup.sh installs it)";
}

}  // namespace acgprov::test
