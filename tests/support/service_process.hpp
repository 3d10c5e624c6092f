#pragma once
// A helper program that runs beside a test (a validating proxy, a TLS terminator): started in
// its own process group with its output in a log file, stopped with the group on destruction.
// The test learns the port it chose from a line it logs and waits until a connect succeeds;
// every wait is bounded.
#include <sys/types.h>
#include <chrono>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace acgprov::test {

class service_process {
public:
  // `name` is for messages; the child gets this process's environment plus `env`.
  service_process(std::string name, const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                  std::string log_path);
  ~service_process();
  service_process(const service_process&) = delete;
  service_process& operator=(const service_process&) = delete;

  // The port in the first log line that matches `listening` (group 1), once a connect to
  // 127.0.0.1 on it succeeds. Throws std::runtime_error, with the log's tail, if the program
  // exits or `timeout` passes first.
  unsigned short wait_until_listening(const std::regex& listening, std::chrono::milliseconds timeout);
  bool running();
  std::string log() const;
  const std::string& name() const { return name_; }

private:
  [[noreturn]] void fail(const std::string& why) const;

  std::string name_;
  std::string log_path_;
  pid_t pid_ = -1;
};

// True once a TCP connect to 127.0.0.1:port succeeds, trying at most `attempts` times.
bool connect_succeeds(unsigned short port, int attempts);

}  // namespace acgprov::test
