#include "tests/support/service_process.hpp"

#include "tests/support/cli_process.hpp"
#include "tests/support/fork_child.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <stdexcept>
#include <thread>

namespace acgprov::test {

namespace {

constexpr auto poll_step = std::chrono::milliseconds(50);

// Waits (bounded) for the process to exit; true if it did.
bool wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd >= 0) {
    pollfd p{fd, POLLIN, 0};
    int n;
    do n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    while (n < 0 && errno == EINTR);
    ::close(fd);
    if (n == 0) return false;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  return true;
}

}  // namespace

service_process::service_process(std::string name, const std::vector<std::string>& argv_s,
                                 const std::map<std::string, std::string>& env, std::string log_path)
    : name_(std::move(name)), log_path_(std::move(log_path)) {
  auto env_s = environment_with(env);
  std::vector<std::string> args = argv_s;
  auto argv = exec_array(args);
  auto envp = exec_array(env_s);
  int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) throw std::runtime_error(name_ + ": cannot create " + log_path_);

  pid_ = fork_test_child();
  if (pid_ < 0) {
    ::close(log_fd);
    throw std::runtime_error(name_ + ": fork failed");
  }
  if (pid_ == 0) {
    // Its own group, so that stopping it also stops what it forks (socat's per-connection
    // children).
    ::setpgid(0, 0);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    ::execvpe(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);  // also here: no race with a stop that comes before the child ran
  ::close(log_fd);
}

service_process::~service_process() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGTERM);
  if (!wait_exit(pid_, std::chrono::seconds(10))) {
    ::kill(-pid_, SIGKILL);
    wait_exit(pid_, std::chrono::seconds(10));
  }
  ::kill(-pid_, SIGKILL);  // whatever of the group outlived its leader
}

bool service_process::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    ::kill(-pid_, SIGKILL);
    pid_ = -1;
    return false;
  }
  return true;
}

std::string service_process::log() const { return read_file(log_path_); }

void service_process::fail(const std::string& why) const {
  std::string text = log();
  if (text.size() > 4000) text = "..." + text.substr(text.size() - 4000);
  throw std::runtime_error(name_ + ": " + why + "; its log:\n" + text);
}

unsigned short service_process::wait_until_listening(const std::regex& listening, std::chrono::milliseconds timeout) {
  const long long polls = timeout / poll_step + 1;
  unsigned short port = 0;
  for (long long i = 0; i < polls; ++i) {
    std::smatch m;
    const std::string text = log();
    if (std::regex_search(text, m, listening)) {
      port = static_cast<unsigned short>(std::stoul(m[1].str()));
      break;
    }
    if (!running()) fail("exited before it was listening");
    std::this_thread::sleep_for(poll_step);  // one bounded poll of the log, not a stand-in for readiness
  }
  if (port == 0) fail("no listening line within " + std::to_string(timeout.count()) + " ms");
  if (!connect_succeeds(port, static_cast<int>(polls))) fail("port " + std::to_string(port) + " refuses connections");
  return port;
}

bool connect_succeeds(unsigned short port, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(poll_step);
  }
  return false;
}

}  // namespace acgprov::test
