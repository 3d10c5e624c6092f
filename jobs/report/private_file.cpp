#include "jobs/report/private_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace acgprov::jobs {

int open_private(const std::string& path, int flags) {
  // O_EXCL first, to know whether this call created the file (only then is its mode ours).
  int fd = ::open(path.c_str(), flags | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    if (::fchmod(fd, 0600) != 0) {
      const int err = errno;
      ::close(fd);
      errno = err;
      return -1;
    }
    return fd;
  }
  if (errno != EEXIST) return -1;
  return ::open(path.c_str(), (flags & ~O_EXCL) | O_CLOEXEC);
}

namespace {

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& path, const char* what, int err, const std::string& temp) {
  if (!temp.empty()) ::unlink(temp.c_str());
  throw std::runtime_error(path + ": cannot " + what + ": " + std::strerror(err));
}

}  // namespace

void replace_file_atomically(const std::string& path, std::string_view content) {
  // In the same folder: rename(2) is atomic only within one file system.
  std::string temp_name = path + ".tmp.XXXXXX";
  std::vector<char> name(temp_name.begin(), temp_name.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);  // mode 0600 (mkstemp's own)
  if (fd < 0) fail(path, "create a temporary file beside it", errno, {});
  temp_name.assign(name.data());
  if (::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    fail(path, "set the mode of its temporary file", err, temp_name);
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      fail(path, "write its temporary file", err, temp_name);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(path, "write its temporary file to disk", err, temp_name);
  }
  if (::close(fd) != 0) fail(path, "close its temporary file", errno, temp_name);
  if (::rename(temp_name.c_str(), path.c_str()) != 0) fail(path, "rename its temporary file to it", errno, temp_name);
  // The rename itself must reach the disk too; best effort (some file systems refuse it).
  const int dir = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace acgprov::jobs
