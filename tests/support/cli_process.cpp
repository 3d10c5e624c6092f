#include "tests/support/cli_process.hpp"

#include "tests/support/fork_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace acgprov::test {

namespace {

bool is_proxy_variable(std::string_view name) {
  for (const char* v : {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"})
    if (name == v) return true;
  return false;
}

// Tests state what the child sees: no credential or identity endpoint of the machine's, and no
// proxy of the machine's (it would carry 127.0.0.1 too).
bool hidden_from_child(std::string_view name) {
  for (std::string_view prefix : {"ACGPROV_", "AZURE_", "IDENTITY_"})
    if (name.starts_with(prefix)) return true;
  return is_proxy_variable(name);
}

std::string temp_file(const char* tag) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (std::string("acgprov-") + tag + "-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return tmpl;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

temp_dir::temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "acgprov-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

child_process::child_process(const std::vector<std::string>& argv_s, const std::map<std::string, std::string>& env,
                             const std::string& stdin_path) {
  out_path_ = temp_file("out");
  err_path_ = temp_file("err");
  auto env_s = environment_with(env, hidden_from_child);
  std::vector<std::string> args = argv_s;
  auto argv = exec_array(args);
  auto envp = exec_array(env_s);

  pid_ = fork_test_child();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int in = ::open(stdin_path.c_str(), O_RDONLY);
    int out = ::open(out_path_.c_str(), O_WRONLY | O_TRUNC);
    int err = ::open(err_path_.c_str(), O_WRONLY | O_TRUNC);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
}

void child_process::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

process_result child_process::wait(std::chrono::milliseconds deadline) {
  process_result r;
  if (pid_ <= 0) return r;
  // pidfd becomes readable when the child exits: a real wait with a deadline, no polling.
  if (pidfd_ >= 0) {
    pollfd p{pidfd_, POLLIN, 0};
    int n;
    do n = ::poll(&p, 1, static_cast<int>(deadline.count()));
    while (n < 0 && errno == EINTR);
    if (n == 0) ::kill(pid_, SIGKILL);
  }
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {}
  r.max_rss_kb = usage.ru_maxrss;
  pid_ = -1;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_file(out_path_);
  r.err = read_file(err_path_);
  return r;
}

child_process::~child_process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
  }
  if (pidfd_ >= 0) ::close(pidfd_);
  std::error_code ec;
  std::filesystem::remove(out_path_, ec);
  std::filesystem::remove(err_path_, ec);
}

process_result run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                           std::chrono::milliseconds deadline, const std::string& stdin_text) {
  if (stdin_text.empty()) {
    child_process child(argv, env);
    return child.wait(deadline);
  }
  std::string in_path = temp_file("in");
  write_file(in_path, stdin_text);
  child_process child(argv, env, in_path);
  auto r = child.wait(deadline);
  std::error_code ec;
  std::filesystem::remove(in_path, ec);
  return r;
}

}  // namespace acgprov::test

namespace acgprov::test {
std::string child_process::stderr_so_far() const { return read_file(err_path_); }
}  // namespace acgprov::test
