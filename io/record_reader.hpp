#pragma once
// Streaming input: one record at a time from a CSV, JSON or NDJSON file, with the physical
// line where it starts. Memory does not grow with the input: a record is bounded by
// max_record_bytes, and nothing but the current record is kept.
#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::io {

enum class input_format { csv, json, ndjson };

// By extension, case-insensitive: .csv, .json, .jsonl / .ndjson. nullopt for anything else
// (and for "-", which needs --format).
std::optional<input_format> format_from_path(std::string_view path);
// The --format word: "csv", "json", "ndjson" or "jsonl".
std::optional<input_format> parse_input_format(std::string_view word);
std::string_view to_string(input_format f);

// A record longer than this is refused (and skipped) rather than buffered.
inline constexpr std::size_t max_record_bytes = 1024 * 1024;

// The CSV columns of a number batch (issue 3). io/ knows them because an unknown column must
// fail at open, before anything is sent: a typo in a header would otherwise drop data.
inline constexpr std::array<std::string_view, 10> number_csv_columns{
    "action",         "accountName", "telephoneNumber",          "services",       "usage", "choosableCapabilities",
    "civicAddressId", "locationId",  "allowTenantAddressUpdate", "customSipHeader"};
inline constexpr std::array<std::string_view, 2> number_csv_required{"accountName", "telephoneNumber"};

// The columns a CSV input may have and must have. Other inputs (accounts, RFIs) pass their
// own; the default is a number batch.
struct csv_columns {
  std::span<const std::string_view> known;
  std::span<const std::string_view> required;
};
inline constexpr csv_columns number_csv{number_csv_columns, number_csv_required};

struct input_record {
  std::string file;        // as named on the command line ("-" for stdin)
  std::uint64_t line = 0;  // physical line where the record starts (CSV header = line 1)
  std::string error;       // non-empty: the record could not be read; says why
  // `error` set: the text that could be read of the record (bounded by max_record_bytes), so
  // that --prune can keep the numbers a broken record names; empty when none could be kept.
  std::string partial_text;
  boost::json::object object;  // JSON / NDJSON: the element
  // CSV: canonical column name (as spelled in number_csv_columns) -> cell, in header order.
  std::vector<std::pair<std::string, std::string>> fields;
};

class record_reader {
public:
  virtual ~record_reader() = default;
  // The next record, or nullopt at the end of the input. A record that cannot be read comes
  // back with `error` set and reading goes on where that is possible. Throws
  // std::runtime_error only on an I/O error.
  virtual std::optional<input_record> next() = 0;
};

// Opens `path` ("-" = stdin) for streaming. Throws std::runtime_error naming the file and the
// reason if it cannot be opened, or if its start is unusable: CSV with no header, an unknown,
// repeated or missing required column (of `csv`); JSON that is not an array or {"value": [...]}.
std::unique_ptr<record_reader> open_reader(const std::string& path, input_format fmt,
                                           const csv_columns& csv = number_csv);

}  // namespace acgprov::io
