#pragma once
// Parses one JSON text that must be an object, with an error message that names the line and
// column, for the JSON and NDJSON readers. Strict RFC 8259: no comments, no trailing commas.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::io {

// "an array", "an object", "a string", "a boolean", "null" or "a number": for messages.
std::string_view json_kind_name(const boost::json::value& v);

// `first_line` is the physical line of text[0]; `what` names the value in messages
// ("array element", "line"). On failure returns nullopt and sets `error`, e.g.
// "invalid JSON at line 7, column 12: syntax error" or "array element is not a JSON object
// (found an array)".
std::optional<boost::json::object> parse_json_object(std::string_view text, std::uint64_t first_line,
                                                     std::string_view what, std::string& error);

}  // namespace acgprov::io
