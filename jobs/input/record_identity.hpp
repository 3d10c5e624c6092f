#pragma once
// Which input record a report row is about, beyond its file and line: its index among the
// records that start on that physical line (a minified JSON array puts them all on line 1),
// and a digest of its normalised content, so that --resume notices a record edited under a
// report. No Asio.
#include "io/record_reader.hpp"

#include <cstdint>
#include <string>

namespace acgprov::jobs {

struct record_identity {
  std::uint64_t record = 1;  // 1 = the first record that starts on its line
  std::uint64_t digest = 0;  // record_digest(); never 0
};

// A 64-bit FNV-1a digest of the record's normalised content: CSV cells by column name with
// empty cells left out, JSON members sorted by name at every depth with null members left
// out, so that reordering columns or members, reformatting JSON, or adding an empty column
// does not count as a change. A record that could not be read digests its error. Never 0.
std::uint64_t record_digest(const io::input_record& rec);

// Numbers the records of a stream of inputs within their lines. One per run, fed every
// record in reading order.
class record_positions {
public:
  record_identity next(const io::input_record& rec);

private:
  std::string file_;
  std::uint64_t line_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace acgprov::jobs
