#pragma once
// NDJSON / JSON Lines input: one JSON object per line; blank lines skipped. A bad line is one
// bad record, and reading goes on with the next line.
#include "io/byte_source.hpp"
#include "io/record_reader.hpp"

#include <string>

namespace acgprov::io {

class ndjson_reader final : public record_reader {
public:
  // Throws std::runtime_error (file and reason) if the file cannot be opened.
  explicit ndjson_reader(const std::string& path, std::size_t max_bytes = max_record_bytes);

  std::optional<input_record> next() override;

private:
  byte_source source_;
  std::size_t max_bytes_;
  std::string line_;
};

}  // namespace acgprov::io
