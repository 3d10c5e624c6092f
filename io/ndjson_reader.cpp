#include "io/ndjson_reader.hpp"

#include "io/json_text.hpp"

namespace acgprov::io {

ndjson_reader::ndjson_reader(const std::string& path, std::size_t max_bytes) : source_(path), max_bytes_(max_bytes) {
  source_.skip_bom();
}

std::optional<input_record> ndjson_reader::next() {
  for (;;) {
    if (source_.peek() == byte_source::eof) return std::nullopt;
    const std::uint64_t line = source_.line();
    line_.clear();
    bool overflow = false;
    // Past the limit the rest of the line is read and dropped, never kept.
    for (int c = source_.get(); c != byte_source::eof && c != '\n'; c = source_.get()) {
      if (line_.size() < max_bytes_) line_.push_back(static_cast<char>(c));
      else overflow = true;
    }
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.find_first_not_of(" \t\r") == std::string::npos && !overflow) continue;

    input_record rec;
    rec.file = source_.path();
    rec.line = line;
    if (overflow) {
      rec.error = "line longer than " + describe_size(max_bytes_);
    } else if (auto obj = parse_json_object(line_, line, "line", rec.error)) {
      rec.object = std::move(*obj);
    } else {
      rec.partial_text = line_;
    }
    return rec;
  }
}

}  // namespace acgprov::io
