#pragma once
// Dates on the wire. IMF-fixdate (RFC 9110 §5.6.7), e.g. "Tue, 15 Nov 1994 08:12:31 GMT", is
// HTTP's own form; RFC 3339 date-time, e.g. "1994-11-15T08:12:31Z", is what Microsoft's OpenAPI
// file (2024-02-29-preview) declares for Repeatability-First-Sent (`format: date-time`).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::io {
std::string imf_fixdate(std::chrono::system_clock::time_point t);
std::string rfc3339_utc(std::chrono::system_clock::time_point t);  // whole seconds, "Z"
// An IMF-fixdate (a Date header); nullopt for anything else (the obsolete RFC 850 and asctime
// forms included: a server that sends them is not one whose clock we would trust).
std::optional<std::chrono::system_clock::time_point> parse_imf_fixdate(std::string_view text);
}  // namespace acgprov::io
