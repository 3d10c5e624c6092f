#pragma once
// Counters of one run, for the summary on stderr and --summary.
#include "model/report_row.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

namespace acgprov::engine {

inline constexpr std::size_t outcome_count = static_cast<std::size_t>(model::outcome::unchanged) + 1;

struct run_stats {
  std::array<std::uint64_t, outcome_count> outcomes{};
  std::uint64_t requests = 0;          // every API request sent (attempts included)
  std::uint64_t write_requests = 0;    // PUT / DELETE / batch POST
  std::uint64_t poll_requests = 0;     // GET of one number or a list page
  std::uint64_t read_requests = 0;     // other GETs (plans, preflight)
  std::uint64_t throttled = 0;         // 429 answers
  std::uint64_t retries = 0;           // attempts after the first, any reason
  std::uint64_t server_errors = 0;     // 5xx answers
  std::uint64_t transport_errors = 0;  // timeouts, resets, refused connections
  std::uint64_t token_refreshes = 0;   // 401s answered by fetching a new token
  std::string first_error;
  std::string last_error;

  void count(model::outcome o) { ++outcomes[static_cast<std::size_t>(o)]; }
  std::uint64_t of(model::outcome o) const { return outcomes[static_cast<std::size_t>(o)]; }
  std::uint64_t rows() const {
    std::uint64_t n = 0;
    for (auto c : outcomes) n += c;
    return n;
  }
  void note_error(const std::string& e) {
    if (first_error.empty()) first_error = e;
    last_error = e;
  }
};

}  // namespace acgprov::engine
