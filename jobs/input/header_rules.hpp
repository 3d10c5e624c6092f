#pragma once
// The rules for input values that go out as HTTP header values (an account row's `etag` as
// If-Match, and any such value later): checked in the row model, so that a bad one makes its
// row `invalid` with a reason instead of reaching the wire (the HTTPS layer refuses CR, LF
// and NUL again, as a last line). Pure: no I/O.
#include "jobs/input/number_rules.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace acgprov::jobs {

// errors[0].code of a row whose header value is refused.
inline constexpr std::string_view invalid_header_value_code = "InvalidHeaderValue";
// Longer values are refused: no ETag or header the API uses comes near it, and a header that
// big is refused by servers and proxies (and made Beast throw past 64 KiB).
inline constexpr std::size_t max_input_header_bytes = 1024;

// Any header value from input: at most max_input_header_bytes, no control character (CR, LF,
// NUL, DEL, ...: a CR LF would end the header and smuggle what follows onto the connection).
std::optional<field_error> check_header_text(std::string_view value, std::string_view field);

// An entity tag (RFC 9110 §8.8.3) as If-Match carries it: "opaque" or W/"opaque", the opaque
// part of visible characters other than '"' (and bytes >= 0x80), within check_header_text.
std::optional<field_error> check_etag(std::string_view value, std::string_view field = "etag");

}  // namespace acgprov::jobs
