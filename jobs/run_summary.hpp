#pragma once
// The end-of-run summary: a few lines on stderr, and optionally a JSON document.
#include "engine/run_stats.hpp"

#include <chrono>
#include <string>

namespace acgprov::jobs {

struct run_summary {
  const engine::run_stats& stats;
  std::chrono::milliseconds wall{0};
  int exit_code = 0;
  std::string abort_reason;
  std::uint64_t connections = 0;
  std::uint64_t tokens_fetched = 0;
};

void print_summary(const run_summary& s);
// Throws std::runtime_error naming the file if it cannot be written.
void write_summary_json(const run_summary& s, const std::string& path);

}  // namespace acgprov::jobs
