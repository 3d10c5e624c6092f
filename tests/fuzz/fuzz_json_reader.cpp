// The JSON and NDJSON input readers on hostile bytes. Input: one byte choosing the reader
// (bit 0) and the record limit (bit 1), then the file. Invariants: a record has an error or an
// object, never both; lines never go back; reading ends.
#include "io/json_reader.hpp"
#include "io/ndjson_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <memory>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 1) return 0;
  const bool ndjson = data[0] & 1;
  const std::size_t limit = data[0] & 2 ? 64 : io::max_record_bytes;
  const auto& path =
      fuzz::scratch_file({reinterpret_cast<const char*>(data + 1), size - 1}, ndjson ? ".ndjson" : ".json");
  try {
    std::unique_ptr<io::record_reader> reader;
    if (ndjson) reader = std::make_unique<io::ndjson_reader>(path, limit);
    else reader = std::make_unique<io::json_reader>(path, limit);
    std::uint64_t last_line = 0;
    for (std::size_t i = 0; i <= size + 1; ++i) {  // bounded: a record consumes input or ends it
      auto rec = reader->next();
      if (!rec) break;
      ACGPROV_FUZZ_CHECK(rec->line >= last_line);
      last_line = rec->line;
      ACGPROV_FUZZ_CHECK(rec->error.empty() || rec->object.empty());
      ACGPROV_FUZZ_CHECK(rec->fields.empty());
    }
  } catch (const std::runtime_error&) {
    // Not an array / {"value": [...]}: refused at open, by design.
  }
  return 0;
}
