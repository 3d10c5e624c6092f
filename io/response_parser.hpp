#pragma once
// How every exchange reads a response: one Beast parser with an explicit body limit (not a
// message: async_read into a message caps bodies at 8 MB, beast#1588), then our own
// http_response. Internal to io/ .cpp files (it includes Beast); everything above io/ sees
// http_response only.
#include "io/http_message.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>

namespace acgprov::io {

using response_parser = boost::beast::http::response_parser<boost::beast::http::string_body>;

// The most unparsed bytes a connection buffers. The body goes straight into the message, so
// this holds only a status line, headers (8 KiB at most) and a chunk header: Boost 1.81
// puts no bound on chunk extensions (beast#3077), so without this a server could make us
// buffer without end. Past it a read fails with http::error::buffer_overflow.
inline constexpr std::size_t max_unparsed_bytes = 1024 * 1024;

// Applies the limits of an exchange to a fresh parser. A body over `body_limit` fails the
// read with http::error::body_limit ("body limit exceeded").
void limit_response_parser(response_parser& parser, std::size_t body_limit);

// Moves a complete message out of `parser` into our response type.
http_response take_response(response_parser& parser);

// Interim answers come before the final one and are read past (RFC 9110 §15.2: a client must
// accept an unasked 1xx, e.g. 103 Early Hints), at most this many per request.
inline constexpr int max_interim_responses = 8;
// Whether a complete message is such an interim answer (1xx; 101 is not: we never ask to
// switch protocols).
bool is_interim(const response_parser& parser);
// http::error::bad_status unless the status is a final one (200-599): an answer with no usable
// status (1xx past the bound, 101, "006", "999") is a protocol failure, never a result.
boost::system::error_code final_status_error(const response_parser& parser);

}  // namespace acgprov::io
