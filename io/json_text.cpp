#include "io/json_text.hpp"

#include <boost/json/parser.hpp>

namespace acgprov::io {

std::string_view json_kind_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::object:
      return "an object";
    default:
      return "a number";
  }
}

std::optional<boost::json::object> parse_json_object(std::string_view text, std::uint64_t first_line,
                                                     std::string_view what, std::string& error) {
  boost::json::parser parser;
  boost::json::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (ec) {
    // `consumed` is where the parser stopped: turn it into a line and column of the file.
    const std::size_t at = consumed < text.size() ? consumed : text.size();
    std::uint64_t line = first_line;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i)
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    error = "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(at - line_start + 1) + ": " +
            ec.message();
    return std::nullopt;
  }
  boost::json::value v = parser.release();
  if (!v.is_object()) {
    error = std::string(what) + " is not a JSON object (found " + std::string(json_kind_name(v)) + ")";
    return std::nullopt;
  }
  return std::move(v.get_object());
}

}  // namespace acgprov::io
