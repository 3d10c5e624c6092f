#include "tests/support/sim_process.hpp"

#include "tests/support/fork_child.hpp"

#include <boost/json.hpp>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace acgprov::test {
namespace {

std::string make_temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "acgprov-sim-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

// Reads one line from fd, waiting at most until `deadline`.
std::string read_line(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string line;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("acgprov-sim printed no ready line in time");
    pollfd p{fd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char c;
    ssize_t r = ::read(fd, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) throw std::runtime_error("acgprov-sim exited before it was ready: " + line);
    if (c == '\n') return line;
    line.push_back(c);
  }
}

}  // namespace

sim_process::sim_process(std::vector<std::string> args, std::chrono::milliseconds timeout)
    : work_dir_(make_temp_dir()) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s{ACGPROV_SIM_PATH, "--port", "0", "--ca-out", work_dir_ + "/ca.pem"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  auto argv = exec_array(argv_s);

  pid_ = fork_test_child();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  stdout_fd_ = fds[0];

  try {
    ready_.raw_line = read_line(stdout_fd_, std::chrono::steady_clock::now() + timeout);
    auto obj = boost::json::parse(ready_.raw_line).as_object();
    ready_.endpoint = obj.at("endpoint").as_string().c_str();
    ready_.token_url = obj.at("tokenUrl").as_string().c_str();
    ready_.ca_file = obj.at("caFile").as_string().c_str();
    ready_.port = static_cast<unsigned short>(obj.at("port").to_number<int>());
    if (auto* a = obj.if_contains("authority")) ready_.authority = a->as_string().c_str();
    if (auto* t = obj.if_contains("tenant")) ready_.tenant = t->as_string().c_str();
  } catch (...) {
    // The destructor does not run for a constructor that throws: clean up here.
    stop(std::chrono::seconds(2));
    ::close(stdout_fd_);
    std::error_code ec;
    std::filesystem::remove_all(work_dir_, ec);
    throw;
  }
}

int sim_process::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  // Bounded wait: poll waitpid in small steps, then SIGKILL.
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

sim_process::~sim_process() {
  stop();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  std::error_code ec;
  std::filesystem::remove_all(work_dir_, ec);
}

}  // namespace acgprov::test
