#pragma once
// Counters behind GET /_sim/stats. Single-threaded like the rest of the application state.
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace acgprov::sim {

struct sim_stats {
  std::map<std::string, std::map<unsigned, std::uint64_t>, std::less<>> by_operation;  // op -> status -> n
  std::map<unsigned, std::uint64_t> by_status;
  std::uint64_t requests = 0;
  std::uint64_t throttled = 0;
  std::map<std::string, std::uint64_t, std::less<>> faults;  // "500", "503", "reset", "stall", "latency", "syncNever"
  std::uint64_t tokens_issued = 0;
  std::uint64_t token_errors = 0;
  std::uint64_t writes_applied = 0;  // resources created, replaced or deleted
  std::uint64_t replays = 0;
  std::uint64_t repeatability_rejected = 0;
  std::uint64_t connections_current = 0;
  std::uint64_t connections_peak = 0;
  std::uint64_t connections_total = 0;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  void count(std::string_view operation, unsigned status);
  void count_fault(std::string_view kind);
  void connection_opened();
  void connection_closed();
  boost::json::object to_json() const;
};

}  // namespace acgprov::sim
