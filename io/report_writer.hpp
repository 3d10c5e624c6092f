#pragma once
// Writes the report, one row per input row, as each row finishes. Each row goes to the OS in
// one write(2) with no user-space buffer, so a crash of the process (even kill -9) loses at
// most the rows still in flight. The encodings are described in report_format.hpp.
#include "io/report_format.hpp"
#include "model/report_row.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace acgprov::io {

struct report_writer_options {
  // Keep the rows the file holds and add after them (--resume). Otherwise the file is
  // truncated.
  bool append = false;
  // With append: first cut the file to this many bytes, dropping a torn last line left by a
  // crash (report_reader::valid_bytes()).
  std::optional<std::uint64_t> truncate_to;
  // The encoding, when the path's extension does not say it (a temporary file).
  std::optional<report_format> format;
};

class report_writer {
public:
  // Opens or creates `path`; the format comes from the extension (.jsonl / .ndjson / .csv)
  // unless options.format names it.
  // Writes the CSV header unless appending to a file that already has rows. Throws
  // std::runtime_error naming the file and the reason: unknown extension, cannot open, or
  // (append) a file that ends in a partial line or whose CSV header is not ours.
  explicit report_writer(const std::string& path, report_writer_options options = {});
  ~report_writer();
  report_writer(const report_writer&) = delete;
  report_writer& operator=(const report_writer&) = delete;

  // Writes one row and hands it to the OS. Throws std::runtime_error on a write error
  // (disk full, I/O error): a report that silently loses rows is worse than a stopped run.
  void write(const model::report_row& row);
  // Forces what was written to stable storage (fdatasync): at the end of a run or on a stop.
  void sync();
  // fsync: the data and the file's metadata (its size), for a file about to be renamed into
  // place.
  void sync_all();

  report_format format() const { return format_; }
  const std::string& path() const { return path_; }
  std::uint64_t rows_written() const { return rows_; }

private:
  void write_all(const std::string& bytes);
  [[noreturn]] void fail(const std::string& what, int err) const;

  std::string path_;
  report_format format_;
  int fd_ = -1;
  std::uint64_t rows_ = 0;
};

}  // namespace acgprov::io
