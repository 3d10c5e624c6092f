#pragma once
// When to try a request again, and after how long. Pure: the caller supplies the random draw.
#include <chrono>
#include <cstdint>
#include <optional>

namespace acgprov::engine {

struct retry_config {
  std::uint32_t max_attempts = 6;    // for 5xx, timeouts and resets (first try included)
  std::uint32_t max_throttled = 30;  // 429s tolerated for one request before giving up
  std::chrono::milliseconds base_delay{500};
  std::chrono::milliseconds max_delay{30'000};
};

// What one attempt ended with, as far as retrying cares.
enum class attempt_kind {
  success,       // any 1xx-4xx response that is final (2xx, 400, 404, 409, 412, ...)
  unauthorized,  // 401: refresh the token once
  throttled,     // 429 (or 408)
  server_error,  // 5xx
  transport,     // timeout, reset, refused: the request may or may not have arrived
  fatal,         // TLS verification failure and the like: retrying cannot help
};

attempt_kind classify_status(int http_status);

struct retry_decision {
  bool retry = false;
  std::chrono::milliseconds delay{0};
};

// attempt: 1-based number of the attempt that just ended; failures/throttles: counts so far
// (including this one). `unit` is a uniform draw from [0, 1) for full jitter.
retry_decision decide_retry(const retry_config& cfg, attempt_kind kind, std::uint32_t failures, std::uint32_t throttles,
                            std::optional<std::chrono::milliseconds> retry_after, double unit);

// Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform delay in
// [0, min(max, base * 2^(n-1))], which spreads retries of many workers apart.
std::chrono::milliseconds full_jitter_delay(const retry_config& cfg, std::uint32_t n, double unit);

// The longest pause a Retry-After may impose: a server (or a proxy) asking for more is not
// followed that far, since a run that sleeps for an hour looks hung to its scheduler.
inline constexpr std::chrono::milliseconds max_retry_after = std::chrono::minutes(5);

// Parses Retry-After (delta-seconds or an HTTP date is not expected from this API; seconds
// only, fractions allowed). Empty, malformed, negative or not a finite number (nan, inf,
// out of range): nullopt, the header is ignored. Above max_retry_after: max_retry_after, and
// *capped (if given) is set so that the caller can warn.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, bool* capped = nullptr);

}  // namespace acgprov::engine
