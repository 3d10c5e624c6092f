#pragma once
// The output of the export commands: CSV, a JSON array, or JSON Lines, chosen by the
// extension (or --format). Written to PATH.partial (mode 0600: customer data) and renamed to
// PATH only when complete, so a failed or interrupted export never leaves a file that looks
// whole. PATH "-" is stdout, written as the records come (a JSON array then lacks its end when
// the export fails; the exit code says so).
#include <boost/json/object.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

enum class output_format { csv, json, jsonl };

// .csv, .json, .jsonl / .ndjson (case-insensitive); nullopt otherwise.
std::optional<output_format> output_format_from_path(std::string_view path);
// --format: csv, json, jsonl or ndjson; nullopt otherwise.
std::optional<output_format> parse_output_format(std::string_view name);

class output_file {
public:
  // Opens PATH.partial (truncated), or stdout for "-". `format` (--format) wins over the
  // extension. Throws std::runtime_error naming the file: no format known or cannot open.
  // The CSV header (csv_columns) is written at once.
  output_file(std::string path, std::span<const std::string_view> csv_columns,
              std::optional<output_format> format = std::nullopt);
  ~output_file();  // removes PATH.partial unless committed
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;

  output_format format() const { return format_; }
  const std::string& path() const { return path_; }
  std::uint64_t records() const { return records_; }

  // One record: JSON formats write `json` (one array element or one line), CSV writes
  // `cells` (as many as the columns). Throws std::runtime_error on a write error.
  void write_json(const boost::json::object& json);
  void write_csv(const std::vector<std::string>& cells);

  // Ends the JSON array, flushes to stable storage and renames PATH.partial to PATH.
  // Throws std::runtime_error on failure.
  void commit();

private:
  bool to_stdout() const { return path_ == "-"; }
  void put(const std::string& bytes);

  std::string path_;
  std::string partial_;
  output_format format_;
  std::FILE* file_ = nullptr;
  std::uint64_t records_ = 0;
  std::size_t columns_ = 0;
  bool committed_ = false;
};

}  // namespace acgprov::jobs
