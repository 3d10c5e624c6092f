#pragma once
// Buffered, forward-only bytes of one input file (or stdin), with the physical line and
// byte offset of the next byte. The readers pull one byte at a time from a fixed 64 KiB
// buffer, so memory does not depend on the file size.
#include <cstdint>
#include <memory>
#include <string>

namespace acgprov::io {

class byte_source {
public:
  // Opens `path` for binary reading; "-" reads stdin (not closed on destruction).
  // Throws std::runtime_error naming the file and the reason if it cannot be opened.
  explicit byte_source(const std::string& path);
  ~byte_source();
  byte_source(const byte_source&) = delete;
  byte_source& operator=(const byte_source&) = delete;

  static constexpr int eof = -1;

  // Next byte (0-255) or `eof`. Throws std::runtime_error on a read error.
  int get() {
    if (pos_ == end_ && !fill()) return eof;
    const auto c = static_cast<unsigned char>(buffer_[pos_++]);
    ++offset_;
    if (c == '\n') ++line_;
    return c;
  }
  int peek() {
    if (pos_ == end_ && !fill()) return eof;
    return static_cast<unsigned char>(buffer_[pos_]);
  }

  // Skips a UTF-8 byte order mark if the next three bytes are one. Call before any get().
  void skip_bom();

  std::uint64_t line() const { return line_; }      // 1-based line of the next byte
  std::uint64_t offset() const { return offset_; }  // bytes consumed so far
  const std::string& path() const { return path_; }
  // The path for messages: "stdin" for "-".
  std::string display_name() const { return path_ == "-" ? "stdin" : path_; }

private:
  bool fill();

  static constexpr std::size_t buffer_size_ = 64 * 1024;
  std::string path_;
  int fd_ = -1;
  bool owned_ = false;
  std::unique_ptr<char[]> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool at_eof_ = false;
  std::uint64_t line_ = 1;
  std::uint64_t offset_ = 0;
};

// "1 MiB", "64 KiB" or "100 bytes": for messages about size limits.
std::string describe_size(std::size_t bytes);

}  // namespace acgprov::io
