#pragma once
// Date formats the API and the identity platform use: ISO 8601 with milliseconds for resource
// timestamps, "YYYY-MM-DD hh:mm:ssZ" in token errors, and IMF-fixdate (RFC 9110) or RFC 3339
// for Repeatability-First-Sent (Azure Core sends IMF-fixdate; the swagger says date-time).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::sim {

using sys_time = std::chrono::system_clock::time_point;

std::string format_iso8601(sys_time t);        // 2024-01-18T07:58:49.570Z
std::string format_aad_timestamp(sys_time t);  // 2024-01-18 07:58:49Z
std::string format_http_date(sys_time t);      // Tue, 15 Nov 1994 08:12:31 GMT

// IMF-fixdate or RFC 3339 (Z or ±hh:mm offset, optional fraction); nullopt if neither.
std::optional<sys_time> parse_timestamp(std::string_view text);

}  // namespace acgprov::sim
