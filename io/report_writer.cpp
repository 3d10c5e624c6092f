#include "io/report_writer.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace acgprov::io {

report_writer::report_writer(const std::string& path, report_writer_options options) : path_(path) {
  const auto fmt = options.format ? options.format : report_format_from_path(path);
  if (!fmt) throw std::runtime_error(path + ": a report must end in .jsonl (JSON Lines), .ndjson or .csv");
  format_ = *fmt;

  // Appending reads the file's last byte and header first, hence O_RDWR.
  const int flags = O_CREAT | O_CLOEXEC | (options.append ? O_RDWR | O_APPEND : O_WRONLY | O_TRUNC);
  // Customer data: a report this call creates is mode 0600 whatever the umask (O_EXCL tells
  // that it did); an existing one keeps the mode its owner gave it.
  fd_ = ::open(path.c_str(), flags | O_EXCL, 0600);
  if (fd_ >= 0 && ::fchmod(fd_, 0600) != 0) fail("cannot set the mode", errno);
  if (fd_ < 0 && errno == EEXIST) fd_ = ::open(path.c_str(), flags & ~O_CREAT);
  if (fd_ < 0) fail("cannot open for writing", errno);
  try {
    if (options.append && options.truncate_to && ::ftruncate(fd_, static_cast<off_t>(*options.truncate_to)) != 0)
      fail("cannot truncate the torn last line", errno);
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail("cannot stat", errno);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (options.append && size > 0) {
      char last = 0;
      if (::pread(fd_, &last, 1, st.st_size - 1) != 1) fail("cannot read", errno);
      // Appending after a partial line would glue a new row onto half an old one.
      if (last != '\n')
        throw std::runtime_error(path +
                                 ": the report ends in a partial line (a crash?); "
                                 "read it with report_reader and truncate to valid_bytes()");
      if (format_ == report_format::csv) {
        const std::string header = csv_header_line();
        std::string head(header.size(), '\0');
        const auto n = ::pread(fd_, head.data(), head.size(), 0);
        if (n != static_cast<ssize_t>(head.size()) || head != header)
          throw std::runtime_error(path +
                                   ": cannot append: its first line is not the report "
                                   "header this version writes");
      }
    }
    if (format_ == report_format::csv && (!options.append || size == 0)) write_all(csv_header_line());
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

report_writer::~report_writer() {
  if (fd_ >= 0) ::close(fd_);
}

void report_writer::fail(const std::string& what, int err) const {
  throw std::runtime_error(path_ + ": " + what + ": " + std::strerror(err));
}

void report_writer::write_all(const std::string& bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write failed", errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void report_writer::write(const model::report_row& row) {
  write_all(format_ == report_format::csv ? to_csv_line(row) : to_jsonl_line(row));
  ++rows_;
}

void report_writer::sync() {
  if (::fdatasync(fd_) != 0) fail("cannot sync to disk", errno);
}

void report_writer::sync_all() {
  if (::fsync(fd_) != 0) fail("cannot sync to disk", errno);
}

}  // namespace acgprov::io
