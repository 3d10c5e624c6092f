#pragma once
// Request-target helpers. Paths and queries decode differently on purpose: in a path `+` is a
// literal character (telephone numbers arrive as `+1...` or `%2B1...`), while in a query and
// in form bodies `+` means a space, as in ASP.NET and application/x-www-form-urlencoded.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acgprov::sim {

struct split_target {
  std::string_view path;   // raw, still percent-encoded
  std::string_view query;  // after '?', raw; empty when absent
};
split_target split_request_target(std::string_view target);

// Percent-decodes; `plus_is_space` selects query/form rules. nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits "/a/b%2Bc" into decoded segments {"a", "b+c"}; nullopt on a malformed escape.
// An empty path or "/" gives no segments; empty segments (a trailing '/') are kept.
std::optional<std::vector<std::string>> decode_path_segments(std::string_view path);

using query_params = std::vector<std::pair<std::string, std::string>>;
// Parses name=value&... with form decoding; nullopt on a malformed escape.
std::optional<query_params> parse_query(std::string_view query);
// First value of `name` (case-insensitive, as ASP.NET binds query names), or nullopt.
std::optional<std::string> query_value(const query_params& params, std::string_view name);

// Encodes for use inside a query value: unreserved characters stay, everything else
// (including '+', ' ', '\'') becomes %XX.
std::string percent_encode(std::string_view text);

}  // namespace acgprov::sim
