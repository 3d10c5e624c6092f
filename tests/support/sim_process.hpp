#pragma once
// Starts `acgprov-sim --port 0 ...` as a child process, waits (bounded) for its one-line JSON
// ready message, and stops it on destruction. Shared by the emulator's and the engine's tests.
#include <sys/types.h>
#include <chrono>
#include <string>
#include <vector>

namespace acgprov::test {

struct sim_ready {
  std::string endpoint;   // https://127.0.0.1:PORT
  std::string token_url;  // full token URL for the default tenant
  std::string authority;  // put before /{tenant}/oauth2/v2.0/token
  std::string tenant;
  std::string ca_file;  // PEM trust anchor for the emulator's certificate
  unsigned short port = 0;
  std::string raw_line;  // the ready line exactly as printed
};

class sim_process {
public:
  // Throws std::runtime_error if the emulator exits or prints nothing within `timeout`.
  explicit sim_process(std::vector<std::string> args = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(20));
  ~sim_process();
  sim_process(const sim_process&) = delete;
  sim_process& operator=(const sim_process&) = delete;

  const sim_ready& ready() const { return ready_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits (bounded); returns the exit status as from waitpid, or -1.
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Folder for this emulator's files (certificate, CA); removed on destruction.
  const std::string& work_dir() const { return work_dir_; }

private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string work_dir_;
  sim_ready ready_;
};

}  // namespace acgprov::test
