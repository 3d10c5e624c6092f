#include "engine/request/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace acgprov::engine {

attempt_kind classify_status(int s) {
  if (s == 401) return attempt_kind::unauthorized;
  if (s == 429 || s == 408) return attempt_kind::throttled;
  if (s >= 500) return attempt_kind::server_error;
  return attempt_kind::success;
}

std::chrono::milliseconds full_jitter_delay(const retry_config& cfg, std::uint32_t n, double unit) {
  double ceiling = static_cast<double>(cfg.base_delay.count()) * std::pow(2.0, std::min<std::uint32_t>(n, 30) - 1);
  ceiling = std::min(ceiling, static_cast<double>(cfg.max_delay.count()));
  return std::chrono::milliseconds(static_cast<long long>(ceiling * std::clamp(unit, 0.0, 1.0)));
}

retry_decision decide_retry(const retry_config& cfg, attempt_kind kind, std::uint32_t failures, std::uint32_t throttles,
                            std::optional<std::chrono::milliseconds> retry_after, double unit) {
  switch (kind) {
    case attempt_kind::success:
    case attempt_kind::fatal:
    case attempt_kind::unauthorized:  // the caller refreshes the token itself, once
      return {};
    case attempt_kind::throttled:
      if (throttles >= cfg.max_throttled) return {};
      // The rate limiter already pauses for Retry-After; the small jittered extra keeps the
      // waiting workers from arriving in the same millisecond.
      return {true, retry_after ? *retry_after : full_jitter_delay(cfg, throttles, unit)};
    case attempt_kind::server_error:
    case attempt_kind::transport:
      if (failures >= cfg.max_attempts) return {};
      return {true, retry_after ? *retry_after : full_jitter_delay(cfg, failures, unit)};
  }
  return {};
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view v, bool* capped) {
  if (capped) *capped = false;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  double seconds = 0;
  // from_chars also reads "nan", "inf" and "infinity": those are not a delay.
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  const double limit = std::chrono::duration<double>(max_retry_after).count();
  if (seconds > limit) {
    if (capped) *capped = true;
    return max_retry_after;
  }
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

}  // namespace acgprov::engine
