#pragma once
// The live progress line of a run on a terminal (never on a pipe or a file): rows done of the
// total, counts per outcome, request rate against the budget, throttled answers and an ETA,
// redrawn in place twice a second. Formatting is pure (format_progress); progress_line draws.
#include "engine/run_context.hpp"
#include "jobs/input/input_rows.hpp"

#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

struct progress_counts {
  std::uint64_t done = 0;              // input rows with their final report row (resumed included)
  std::optional<std::uint64_t> total;  // input rows, when the inputs can be counted up front
  std::array<std::uint64_t, engine::outcome_count> outcomes{};
  double request_rate = 0;  // requests a second, lately
  double budget = 0;        // the rate limiter's rate, requests a second
  std::uint64_t throttled = 0;
  std::optional<std::chrono::seconds> eta;
  bool draining = false;  // a graceful stop is under way
};

// One line, e.g. "1200/2000 rows 60% | synced 1180 invalid 20 | 1.6 req/s of 1.7 |
// throttled 3 | ETA 7m 40s". `width` > 0 cuts it to that many characters.
std::string format_progress(const progress_counts& c, std::size_t width = 0);

// Rows in the inputs, counted cheaply (lines that are not blank; a CSV's header is not a
// row), or nullopt when they cannot be (JSON arrays, stdin). Quoted line breaks in a CSV make
// the count an upper bound.
std::optional<std::uint64_t> count_input_rows(const std::vector<input_spec>& inputs);

// Whether the progress line can be shown: stderr is a terminal and the log writes text.
bool progress_wanted();

class progress_line {
public:
  progress_line(const engine::run_context& ctx, std::optional<std::uint64_t> total, const input_rows& rows);

  // Redraws every 500 ms until stop(). Runs beside the engine on the same io_context.
  awaitable<void> run();
  // Erases the line and ends run().
  void stop();

private:
  void draw();

  struct sample {
    std::chrono::steady_clock::time_point at;
    std::uint64_t rows;  // rows finished by this run (resumed ones left out)
    std::uint64_t requests;
  };

  const engine::run_context& ctx_;
  std::optional<std::uint64_t> total_;
  const input_rows& rows_;
  std::deque<sample> samples_;  // the last ~10 s
  net::steady_timer* timer_ = nullptr;
  bool stopped_ = false;
};

}  // namespace acgprov::jobs
