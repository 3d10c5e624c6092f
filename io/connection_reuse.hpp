#pragma once
// When a kept-alive connection may serve another request. The API runs in two regions behind
// DNS: after a failure, and at least every max_age, a client should dial afresh (a new
// connection looks the name up again) so that a failover reaches it. Pure.
#include <chrono>

namespace acgprov::io {

// After an exchange that ended cleanly: pooled only if the server allows keep-alive and did not
// answer 5xx (a failing front end is not asked again on the same connection; a timed-out or
// failed exchange is never pooled at all).
inline bool may_pool(int status, bool keep_alive) { return keep_alive && status < 500; }

// A connection opened at `opened` is not reused from `now` on once it is `max_age` old.
inline bool too_old_to_reuse(std::chrono::steady_clock::time_point opened, std::chrono::steady_clock::time_point now,
                             std::chrono::steady_clock::duration max_age) {
  return now - opened >= max_age;
}

}  // namespace acgprov::io
