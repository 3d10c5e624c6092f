#pragma once
// JSON input: a top-level array of objects, or an object whose "value" member is that array
// (the API's own list page). Streamed: the bytes are scanned, tracking nesting and strings,
// to find each element's extent and starting line; only that element is then parsed. A bad
// element is one bad record and reading goes on; a broken array (missing comma, unclosed
// element, trailing comma, trailing data) ends the input with one record naming the place.
#include "io/byte_source.hpp"
#include "io/record_reader.hpp"

#include <string>

namespace acgprov::io {

class json_reader final : public record_reader {
public:
  // Opens `path` and reads up to the first element. Throws std::runtime_error (file, line,
  // reason) if it cannot be opened or is not an array / an object with a "value" array.
  explicit json_reader(const std::string& path, std::size_t max_bytes = max_record_bytes);

  std::optional<input_record> next() override;

private:
  enum class scan { ok, too_long, broken };

  void open_array();
  int skip_ws();
  // Reads one JSON value starting at the next byte. Keeps its text in `text_` up to
  // `max_bytes_` (when `keep`); `broken_` says why the structure is unusable.
  scan scan_value(bool keep);
  bool scan_string(bool keep);
  std::optional<input_record> finish();
  input_record broken_record(std::uint64_t line, std::string message);

  byte_source source_;
  std::size_t max_bytes_;
  bool wrapped_ = false;  // {"value": [...]}
  bool first_ = true;
  bool done_ = false;
  std::string text_;
  std::string broken_;
};

}  // namespace acgprov::io
