#include "jobs/input/header_rules.hpp"

#include <string>

namespace acgprov::jobs {

std::optional<field_error> check_header_text(std::string_view value, std::string_view field) {
  const std::string name(field);
  if (value.size() > max_input_header_bytes)
    return field_error{name, name + " is " + std::to_string(value.size()) +
                                 " bytes long; a header value may have at most " +
                                 std::to_string(max_input_header_bytes)};
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f)
      return field_error{name, name + " " + quoted(value) +
                                   " holds a control character (CR, LF, NUL, ...), which a header value cannot carry"};
  return std::nullopt;
}

std::optional<field_error> check_etag(std::string_view value, std::string_view field) {
  if (auto e = check_header_text(value, field)) return e;
  std::string_view opaque = value;
  if (opaque.starts_with("W/")) opaque.remove_prefix(2);
  bool ok = opaque.size() >= 2 && opaque.front() == '"' && opaque.back() == '"';
  if (ok)
    for (unsigned char c : opaque.substr(1, opaque.size() - 2))
      if (c == '"' || c <= 0x20 || c == 0x7f) ok = false;
  if (ok) return std::nullopt;
  const std::string name(field);
  return field_error{name, name + " " + quoted(value) +
                               " is not an ETag: it must be \"...\" or W/\"...\" (visible characters, no inner quote), "
                               "as the API's ETag header gives it"};
}

}  // namespace acgprov::jobs
