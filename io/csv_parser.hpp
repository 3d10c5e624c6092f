#pragma once
// RFC 4180 record splitter over a byte_source: quoted fields with commas, doubled quotes and
// line breaks, LF or CRLF, blank lines skipped. Pure logic with bounded memory: a record over
// the size limit is scanned to its end but not kept. Shared by the input and report readers.
#include "io/byte_source.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace acgprov::io {

struct csv_row {
  std::uint64_t line = 0;          // physical line where the record starts
  std::vector<std::string> cells;  // empty when `error` is set
  std::string error;               // non-empty: broken quoting or too long; says why
  // `error` set: the text read of the broken record (its cells joined by ',', then the rest of
  // the line), so that --prune can still find the numbers it names; empty when the record
  // was too long to keep.
  std::string partial_text;
  bool terminated = false;       // ended by a line break (false: by the end of the input)
  std::uint64_t end_offset = 0;  // byte offset just past the record (and its line break)
};

class csv_parser {
public:
  // `source` must outlive the parser.
  explicit csv_parser(byte_source& source, std::size_t max_bytes);

  // Reads the next record that is not blank into `row` (reusing its storage); false at the
  // end of the input. A blank record is an empty line, or a line of only spaces, tabs and
  // commas with no quotes (spreadsheets export empty rows as ",,,,").
  bool next(csv_row& row);

private:
  bool skip_line(std::string* keep);  // true if it ended at a line break; `keep` gets the bytes
  bool is_blank(const csv_row& row) const;
  // Sets row.partial_text to the first `count` cells read, joined by ','; empty if `overflow`.
  void keep_partial(csv_row& row, std::size_t count, bool overflow) const;

  byte_source& source_;
  std::size_t max_bytes_;
};

}  // namespace acgprov::io
