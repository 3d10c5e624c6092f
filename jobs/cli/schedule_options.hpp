#pragma once
// The options a scheduled run needs beyond the engine's: resume, graceful stop (--grace,
// --deadline) and the progress line. Parsed by `acgprov apply`; pure, no Asio.
#include "jobs/cli/connection_options.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::jobs {

struct schedule_options {
  bool resume = false;  // --resume: the report is the journal; skip the rows it finished
  // --grace: after the first SIGTERM/SIGINT or the deadline, how long writes and polls
  // already started may take to end before they are cut off.
  std::chrono::milliseconds grace{30'000};
  std::optional<std::chrono::system_clock::time_point> deadline;  // --deadline, absolute
  std::string deadline_text;                                      // as given, for messages
  bool progress = true;                                           // --no-progress: no live line even on a terminal
};

// Consumes `flag` if it is one of ours; false otherwise. Throws usage_error for a bad value.
bool parse_schedule_flag(const std::string& flag, const flag_value& value, schedule_options& o);

// --deadline: a duration from `now` ("90m", "1h30m", "5400s", "5400" = seconds, "2.5h"), a
// date and time (RFC 3339: "2025-01-31T06:00:00Z", "2025-01-31T06:00:00+01:00"; without a zone,
// local time), or a clock time "HH:MM[:SS]" (local time, its next occurrence after `now`).
// Throws usage_error naming the flag.
std::chrono::system_clock::time_point parse_deadline(std::string_view text, std::chrono::system_clock::time_point now);

// "1h 02m 03s", "4m 05s", "12s": for messages and the progress line's ETA.
std::string format_duration(std::chrono::seconds d);

}  // namespace acgprov::jobs
