#pragma once
// What the watch has learned about how long the backend takes to sync a write, so that it
// can poll when rows are likely done instead of on a blind schedule. Pure: ages come in,
// an estimate goes out.
//
// A row found settled at age a (from the write's answer to the poll's answer) synced within
// a: the smallest such age in a poll is the tightest bound that poll gives. Only the latest poll
// that settled anything counts, so the estimate follows a backend that slows down or speeds up.
#include <chrono>
#include <optional>

namespace acgprov::engine {

class sync_latency {
public:
  using duration = std::chrono::steady_clock::duration;

  // A poll begins; it reports the age of each row it finds settled.
  void begin_poll() { poll_min_.reset(); }
  void settled_at_age(duration age) {
    if (!poll_min_ || age < *poll_min_) poll_min_ = age;
  }
  // The poll ended: if it settled anything, its bound becomes the estimate.
  void end_poll() {
    if (poll_min_) estimate_ = *poll_min_;
  }

  // How long after its write a row is likely synced; nothing until a poll has settled a row.
  std::optional<duration> estimate() const { return estimate_; }

private:
  std::optional<duration> poll_min_;
  std::optional<duration> estimate_;
};

}  // namespace acgprov::engine
