// The report read back for --resume (io/report_reader), from a report a crash tore or a
// person edited. Input: a byte choosing JSON Lines or CSV, then the file. Invariants: reading
// ends; valid_bytes never passes the file's size.
#include "io/report_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 1) return 0;
  const bool csv = data[0] & 1;
  const auto& path = fuzz::scratch_file({reinterpret_cast<const char*>(data + 1), size - 1}, csv ? ".csv" : ".jsonl");
  try {
    io::report_reader reader(path);
    for (std::size_t i = 0; i <= size; ++i)  // bounded: a row consumes at least a line break
      if (!reader.next()) break;
    ACGPROV_FUZZ_CHECK(reader.valid_bytes() <= size - 1);
  } catch (const std::runtime_error&) {
    // Not a report acgprov wrote: refused with a message naming the line, by design.
  }
  return 0;
}
