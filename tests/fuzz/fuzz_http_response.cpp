// HTTP/1.1 responses as a pooled connection reads them (io/response_reader: the same Beast
// parser, body limit and read loop as io/https_connection): status lines, headers, chunked
// bodies, truncated and oversized bodies, several responses on one connection. Input: a byte
// for the read size (1..256: every split of the bytes over reads), a byte for the body limit,
// then the bytes the server sent. Invariants: no body past the limit is ever handed up, and
// every answer handed up has a final status (200-599; interim 1xx are read past).
#include "io/response_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 2) return 0;
  const std::size_t read_size = static_cast<std::size_t>(data[0]) + 1;
  const std::size_t body_limit = data[1] & 1 ? 32 * 1024 * 1024 : static_cast<std::size_t>(data[1]) * 4;
  std::string_view wire(reinterpret_cast<const char*>(data + 2), size - 2);
  auto responses = io::read_responses(wire, body_limit, read_size, 16);
  ACGPROV_FUZZ_CHECK(!responses.empty() && responses.size() <= 16);
  for (const auto& r : responses) {
    if (r.ec) {
      ACGPROV_FUZZ_CHECK(r.response.status == 0 && r.response.body.empty());
      ACGPROV_FUZZ_CHECK(!r.ec.message().empty());
    } else {
      ACGPROV_FUZZ_CHECK(r.response.body.size() <= body_limit);
      ACGPROV_FUZZ_CHECK(r.response.status >= 200 && r.response.status <= 599);
      (void)r.response.header("Retry-After");
    }
  }
  return 0;
}
