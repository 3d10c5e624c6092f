#pragma once
// The API server's clock as its Date headers show it. Repeatability-First-Sent is stamped on
// this clock, because the server checks it against its own: a host whose clock is off by more
// than the server's window would otherwise see every write refused (412, nothing applied).
// Pure: the caller passes the host's time.
#include <chrono>
#include <cstdint>
#include <string_view>

namespace acgprov::engine {

class server_clock {
public:
  using time_point = std::chrono::system_clock::time_point;
  // Within this the clocks count as agreeing (a Date has whole seconds; the answer took time).
  static constexpr std::chrono::seconds agreement{2};
  // Beyond this the host's clock is worth a warning.
  static constexpr std::chrono::seconds warn_beyond{60};

  // Learns from one answer's Date header (IMF-fixdate), received at `local`. Returns true the
  // first time the skew is beyond warn_beyond, so that the caller warns once per run.
  bool observe(std::string_view date_header, time_point local);
  // The server's time now, given the host's.
  time_point now(time_point local) const { return local + offset_; }
  // Server minus host, as last seen (zero while they agree, or before any Date).
  std::chrono::milliseconds offset() const { return offset_; }

private:
  std::chrono::milliseconds offset_{0};
  bool warned_ = false;
};

}  // namespace acgprov::engine
