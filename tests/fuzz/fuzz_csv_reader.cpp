// The CSV input reader (io/csv_reader) on hostile bytes. Input: one byte choosing the record
// limit (a small one lets short inputs reach the "record longer than" path), then the file.
// Invariants: a record without error has exactly the header's columns; lines only grow.
#include "io/csv_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 1) return 0;
  const std::size_t limit = data[0] & 1 ? 64 : io::max_record_bytes;
  const auto& path = fuzz::scratch_file({reinterpret_cast<const char*>(data + 1), size - 1}, ".csv");
  try {
    io::csv_reader reader(path, limit);
    std::uint64_t last_line = 1;
    for (std::size_t i = 0; i <= size; ++i) {  // bounded: every record consumes at least a byte
      auto rec = reader.next();
      if (!rec) break;
      ACGPROV_FUZZ_CHECK(rec->line > last_line);
      last_line = rec->line;
      if (rec->error.empty()) ACGPROV_FUZZ_CHECK(rec->fields.size() == reader.columns().size());
      else ACGPROV_FUZZ_CHECK(rec->fields.empty());
      for (const auto& [k, v] : rec->fields) ACGPROV_FUZZ_CHECK(v.size() <= limit);
    }
  } catch (const std::runtime_error&) {
    // An unusable header (or none) is refused at open, by design.
  }
  return 0;
}
