#pragma once
// Reads a report back, row by row, for --resume: the report is the run's journal. Streaming,
// like the input readers. A crash can leave half a line at the end: a row counts only once
// its line break was written, so a last line without one is left out (torn()), and
// valid_bytes() tells the writer where to cut before appending.
#include "io/byte_source.hpp"
#include "io/csv_parser.hpp"
#include "io/report_format.hpp"
#include "model/report_row.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::io {

class report_reader {
public:
  // Opens a .jsonl / .ndjson / .csv report. Throws std::runtime_error naming the file and the
  // reason: unknown extension, cannot open, or a CSV header that lacks a report column.
  explicit report_reader(const std::string& path);

  // The next complete row, or nullopt at the end. Throws std::runtime_error naming the line
  // if a complete line is not a report row: such a file was not written by acgprov (or was
  // edited), and resuming from a guess could apply a row twice.
  std::optional<model::report_row> next();

  // After next() returned nullopt: the file ended with a partial line (left out), and the
  // number of bytes up to and including the last complete line.
  bool torn() const { return torn_; }
  std::uint64_t valid_bytes() const { return valid_bytes_; }

  report_format format() const { return format_; }
  // CSV, once a row was read: whether the header names every column this version writes.
  bool has_every_column() const;
  // JSON Lines rows that held bytes that are not UTF-8 (an older version's report): read with
  // those bytes replaced by U+FFFD.
  std::uint64_t repaired_lines() const { return repaired_lines_; }

private:
  std::optional<model::report_row> next_jsonl();
  std::optional<model::report_row> next_csv();
  [[noreturn]] void fail(std::uint64_t line, const std::string& why) const;

  // Report rows carry API error messages; allow far more than an input record.
  static constexpr std::size_t max_line_bytes_ = 16 * 1024 * 1024;

  std::string path_;
  report_format format_;
  byte_source source_;
  csv_parser csv_;
  csv_row row_;
  std::vector<std::string> columns_;
  bool header_read_ = false;
  bool torn_ = false;
  std::uint64_t valid_bytes_ = 0;
  std::uint64_t repaired_lines_ = 0;
  std::string line_;
};

}  // namespace acgprov::io
