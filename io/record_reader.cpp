#include "io/record_reader.hpp"

#include "io/csv_reader.hpp"
#include "io/json_reader.hpp"
#include "io/ndjson_reader.hpp"

#include <algorithm>
#include <cctype>

namespace acgprov::io {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace

std::optional<input_format> format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto slash = path.find_last_of('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
  return parse_input_format(lower(path.substr(dot + 1)));
}

std::optional<input_format> parse_input_format(std::string_view word) {
  const auto w = lower(word);
  if (w == "csv") return input_format::csv;
  if (w == "json") return input_format::json;
  if (w == "ndjson" || w == "jsonl") return input_format::ndjson;
  return std::nullopt;
}

std::string_view to_string(input_format f) {
  switch (f) {
    case input_format::csv:
      return "csv";
    case input_format::json:
      return "json";
    case input_format::ndjson:
      return "ndjson";
  }
  return "?";
}

std::unique_ptr<record_reader> open_reader(const std::string& path, input_format fmt, const csv_columns& csv) {
  switch (fmt) {
    case input_format::csv:
      return std::make_unique<csv_reader>(path, max_record_bytes, csv);
    case input_format::json:
      return std::make_unique<json_reader>(path);
    case input_format::ndjson:
      return std::make_unique<ndjson_reader>(path);
  }
  return nullptr;
}

}  // namespace acgprov::io
