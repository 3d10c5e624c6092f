#include "io/report_reader.hpp"

#include "io/json_text.hpp"
#include "io/utf8.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

namespace acgprov::io {

namespace {
report_format format_or_throw(const std::string& path) {
  if (auto f = report_format_from_path(path)) return *f;
  throw std::runtime_error(path + ": a report must end in .jsonl (JSON Lines), .ndjson or .csv");
}
}  // namespace

report_reader::report_reader(const std::string& path)
    : path_(path), format_(format_or_throw(path)), source_(path), csv_(source_, max_line_bytes_) {
  // We never write a BOM, but a CSV report saved again by a spreadsheet may carry one.
  source_.skip_bom();
}

void report_reader::fail(std::uint64_t line, const std::string& why) const {
  throw std::runtime_error(path_ + ":" + std::to_string(line) + ": not a report row: " + why +
                           ". To repair: delete that line (--resume then processes its input row again) or "
                           "restore it from a copy, and run again");
}

bool report_reader::has_every_column() const {
  for (auto c : report_columns)
    if (std::find(columns_.begin(), columns_.end(), c) == columns_.end()) return false;
  return true;
}

std::optional<model::report_row> report_reader::next() {
  return format_ == report_format::csv ? next_csv() : next_jsonl();
}

std::optional<model::report_row> report_reader::next_jsonl() {
  for (;;) {
    if (source_.peek() == byte_source::eof) return std::nullopt;
    const std::uint64_t line = source_.line();
    line_.clear();
    bool ended = false;
    for (int c = source_.get(); c != byte_source::eof; c = source_.get()) {
      if (c == '\n') {
        ended = true;
        break;
      }
      if (line_.size() == max_line_bytes_) fail(line, "line longer than " + describe_size(max_line_bytes_));
      line_.push_back(static_cast<char>(c));
    }
    if (!ended) {
      torn_ = true;
      return std::nullopt;
    }
    valid_bytes_ = source_.offset();
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!is_valid_utf8(line_)) {
      // Written by an older acgprov that copied a server's non-UTF-8 page: the bytes that are
      // not UTF-8 become U+FFFD, as this version writes them, and the row is read.
      line_ = valid_utf8(line_);
      ++repaired_lines_;
    }
    std::string error;
    auto obj = parse_json_object(line_, line, "line", error);
    if (!obj) fail(line, error);
    try {
      return row_from_json(*obj);
    } catch (const std::invalid_argument& e) {
      fail(line, e.what());
    }
  }
}

std::optional<model::report_row> report_reader::next_csv() {
  for (;;) {
    if (!csv_.next(row_)) return std::nullopt;
    if (!row_.terminated) {
      // Half a line from a crash (possibly inside a quoted cell): not a row yet.
      torn_ = true;
      return std::nullopt;
    }
    if (!row_.error.empty()) fail(row_.line, row_.error);
    valid_bytes_ = row_.end_offset;
    if (!header_read_) {
      header_read_ = true;
      columns_ = row_.cells;
      for (auto c : std::span(report_columns).first(required_report_columns))
        if (std::find(columns_.begin(), columns_.end(), c) == columns_.end())
          throw std::runtime_error(path_ + ":" + std::to_string(row_.line) +
                                   ": not an acgprov report: the header has no \"" + std::string(c) + "\" column");
      continue;
    }
    try {
      return row_from_csv(columns_, row_.cells);
    } catch (const std::invalid_argument& e) {
      fail(row_.line, e.what());
    }
  }
}

}  // namespace acgprov::io
