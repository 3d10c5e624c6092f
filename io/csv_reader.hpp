#pragma once
// CSV input: a header row naming the columns (any order, matched case-insensitively to
// number_csv_columns), then one record per row. See csv_parser for the quoting rules.
#include "io/byte_source.hpp"
#include "io/csv_parser.hpp"
#include "io/record_reader.hpp"

#include <string>
#include <vector>

namespace acgprov::io {

class csv_reader final : public record_reader {
public:
  // Opens `path` and reads its header. Throws std::runtime_error (file, line and reason) if
  // the file cannot be opened, has no header row, or the header names an unknown column,
  // repeats one, leaves one unnamed or lacks a required one.
  explicit csv_reader(const std::string& path, std::size_t max_bytes = max_record_bytes,
                      const csv_columns& schema = number_csv);

  std::optional<input_record> next() override;

  // The canonical column names, in the file's order.
  const std::vector<std::string>& columns() const { return columns_; }

private:
  void read_header();

  byte_source source_;
  csv_parser parser_;
  csv_row row_;
  std::vector<std::string> columns_;
  csv_columns schema_;
};

}  // namespace acgprov::io
