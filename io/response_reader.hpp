#pragma once
// Reads HTTP/1.1 responses from bytes with the pooled connection's own read loop
// (io/response_read.hpp: the same parser, limits and reuse rule), without a socket: for tests
// of hostile answers (truncated, oversized, malformed chunking) and for the fuzz target.
#include "io/http_message.hpp"

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace acgprov::io {

struct read_response {
  boost::system::error_code ec;  // why this read failed; response is empty then
  http_response response;
  bool keep_alive = false;  // the connection could be reused after this response (reusable)
};

// Reads consecutive responses from `wire`, as a kept-alive connection would, at most
// `read_size` bytes per read (≥ 1) and at most `max_responses` of them; the end of `wire` is
// the peer closing. Stops after the first failure (returned last) or a response after which
// the connection is not reusable (Connection: close, or bytes beyond the answer already read).
std::vector<read_response> read_responses(std::string_view wire, std::size_t body_limit, std::size_t read_size,
                                          std::size_t max_responses);

}  // namespace acgprov::io
