#pragma once
// Runs a command (the acgprov binary) as a child process with a given environment, waits for
// it with a deadline, and returns its exit code and output. No shell is involved.
#include <sys/types.h>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace acgprov::test {

struct process_result {
  int exit_code = -1;  // -1: killed by a signal or by the deadline
  int signal = 0;
  long max_rss_kb = 0;  // the child's peak resident set (wait4's ru_maxrss)
  std::string out;
  std::string err;
};

// Environment: the parent's minus every ACGPROV_*, AZURE_* and IDENTITY_* variable and the
// proxy variables (HTTPS_PROXY, ALL_PROXY, NO_PROXY, either case), plus `env`.
process_result run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                           std::chrono::milliseconds deadline = std::chrono::minutes(5),
                           const std::string& stdin_text = "");

// A child left running (for signal tests): start, then signal or wait.
class child_process {
public:
  // stdin_path: a file to read as standard input (default /dev/null).
  child_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                const std::string& stdin_path = "/dev/null");
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  pid_t pid() const { return pid_; }
  void signal(int sig);
  // What the child wrote to stderr so far (to wait for a log line before acting).
  std::string stderr_so_far() const;
  // Waits (bounded) for the exit; kills the child if the deadline passes.
  process_result wait(std::chrono::milliseconds deadline = std::chrono::minutes(5));

private:
  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::string out_path_, err_path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// A temporary folder removed (with its content) on destruction.
class temp_dir {
public:
  temp_dir();
  ~temp_dir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

}  // namespace acgprov::test
