#include "jobs/run/run_lock.hpp"

#include "jobs/report/private_file.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace acgprov::jobs {

namespace {

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::optional<run_lock> run_lock::acquire(const std::string& report_path, std::string& holder) {
  const std::string path = report_path + ".lock";
  // O_CLOEXEC: a child process must not inherit (and so keep holding) the lock.
  const int fd = open_private(path, O_RDWR);  // 0600: it names this host's process
  if (fd < 0) throw std::runtime_error(path + ": cannot create the lock file: " + std::strerror(errno));
  // flock(2), not a lock file's mere existence: the kernel releases the lock when the holder's
  // last descriptor closes, which includes any death (kill -9, OOM, power loss: the lock is in
  // memory). A stale file left by a killed run therefore never blocks the next one. flock on
  // NFS is emulated with fcntl locks by Linux, which is what we want there too.
  int r;
  do r = ::flock(fd, LOCK_EX | LOCK_NB);
  while (r != 0 && errno == EINTR);
  if (r != 0) {
    const int err = errno;
    if (err == EWOULDBLOCK) {
      char buf[256] = {};
      const auto n = ::pread(fd, buf, sizeof buf - 1, 0);
      holder.assign(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
      if (holder.empty()) holder = "a process that has just started";
      ::close(fd);
      return std::nullopt;
    }
    ::close(fd);
    throw std::runtime_error(path + ": cannot lock: " + std::strerror(err));
  }
  // Who holds it, for the message the next run prints. Best effort: the lock is what counts.
  const std::string who = "pid " + std::to_string(::getpid()) + ", started " + now_utc() + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto n = ::pwrite(fd, who.data(), who.size(), 0);
  }
  return run_lock(path, fd);
}

run_lock::run_lock(run_lock&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

run_lock& run_lock::operator=(run_lock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

run_lock::~run_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace acgprov::jobs
