#include "io/byte_source.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace acgprov::io {

byte_source::byte_source(const std::string& path) : path_(path) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(display_name() + ": cannot open: " + std::strerror(errno));
    owned_ = true;
  }
  buffer_ = std::make_unique<char[]>(buffer_size_);
  // open() succeeds on a directory; the first read then fails with EISDIR. Read now so that
  // the error surfaces at open time, where it means "unreadable input".
  try {
    fill();
  } catch (...) {
    if (owned_) ::close(fd_);
    throw;
  }
}

byte_source::~byte_source() {
  if (owned_) ::close(fd_);
}

bool byte_source::fill() {
  if (at_eof_) return false;
  // read(2), not fread(): on a pipe it returns what has arrived instead of waiting for a
  // full buffer, so rows from a slow producer on stdin flow through at once.
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.get(), buffer_size_);
  } while (n < 0 && errno == EINTR);
  if (n < 0) throw std::runtime_error(display_name() + ": read error: " + std::strerror(errno));
  pos_ = 0;
  end_ = static_cast<std::size_t>(n);
  if (n == 0) {
    at_eof_ = true;
    return false;
  }
  return true;
}

void byte_source::skip_bom() {
  // A BOM split over two reads (a pipe delivering one byte at a time) is not worth handling.
  if (offset_ == 0 && end_ - pos_ >= 3 && std::memcmp(buffer_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) {
    pos_ += 3;
    offset_ += 3;
  }
}

std::string describe_size(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace acgprov::io
