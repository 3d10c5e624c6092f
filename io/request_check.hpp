#pragma once
// The last line against header injection: what the HTTPS layer refuses to put on the wire. A
// CR or LF in a header value (or in the method or target) would end the line and let what
// follows be read as more headers or a second request on the same connection; a NUL is cut
// differently by different parsers. Such a request is never sent: its error is a value
// (request_error), which the engine reports on the row. Pure: no I/O, no Beast.
#include "io/http_message.hpp"

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <type_traits>

namespace acgprov::io {

enum class request_error {
  bad_method = 1,    // empty, or not an RFC 9110 token
  bad_target,        // empty, or holds a control character or a space
  bad_header_name,   // empty, or not a token
  bad_header_value,  // holds CR, LF or NUL
  too_long,          // a header value or the target past max_request_line_bytes
};

// Far above any header the client sends (a bearer token is a few KiB), below what Beast's
// fields can hold (64 KiB, past which it throws).
inline constexpr std::size_t max_request_line_bytes = 32 * 1024;

const boost::system::error_category& request_error_category();
boost::system::error_code make_error_code(request_error e);

// Whether `req` may go on the wire as it is: an empty code if so, else why not.
boost::system::error_code check_request(const http_request& req);

}  // namespace acgprov::io

template <>
struct boost::system::is_error_code_enum<acgprov::io::request_error> : std::true_type {};
