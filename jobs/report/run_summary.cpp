#include "jobs/report/run_summary.hpp"

#include "io/log.hpp"
#include "io/utf8.hpp"
#include "jobs/report/private_file.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

boost::json::object outcome_counts(const engine::run_stats& s) {
  boost::json::object o;
  for (std::size_t i = 0; i < engine::outcome_count; ++i)
    if (s.outcomes[i]) o[model::to_string(static_cast<model::outcome>(i))] = s.outcomes[i];
  return o;
}

std::string utc_stamp(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const char* exit_meaning(int code) {
  switch (code) {
    case 0:
      return "every row synced, deleted or unchanged";
    case 1:
      return "finished; some rows did not end well";
    case 2:
      return "usage, configuration or unreadable input";
    case 3:
      return "aborted (credentials refused, endpoint unreachable, interrupted, deadline)";
    case 4:
      return "another run holds the report's lock";
    default:
      return "";
  }
}

}  // namespace

const char* abort_kind_name(int exit_code, engine::abort_kind kind, std::string_view /*reason*/) {
  using engine::abort_kind;
  if (exit_code != 3) return nullptr;
  switch (kind) {
    case abort_kind::deadline:
      return "deadline";
    case abort_kind::signal:
      return "signal";
    case abort_kind::credentials:
      return "credentials";
    case abort_kind::endpoint:
      return "endpoint";
    case abort_kind::proxy:
      return "proxy";
    case abort_kind::internal:
    case abort_kind::none:
      break;
  }
  return "internal";
}

void print_summary(const run_summary& s) {
  const auto& st = s.stats;
  std::string counts;
  for (std::size_t i = 0; i < engine::outcome_count; ++i)
    if (st.outcomes[i]) {
      if (!counts.empty()) counts += ", ";
      counts += std::string(model::to_string(static_cast<model::outcome>(i))) + " " + std::to_string(st.outcomes[i]);
    }
  const double secs = static_cast<double>(s.wall.count()) / 1000.0;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%llu rows: %s", static_cast<unsigned long long>(st.rows()),
                counts.empty() ? "none" : counts.c_str());
  std::string rows_line = buf;
  if (s.resumed_rows)
    rows_line += " (" + std::to_string(s.resumed_rows) + " finished by an earlier run, kept from the report)";
  std::snprintf(buf, sizeof buf,
                "%llu requests (%llu writes, %llu polls, %llu reads), %llu retries, %llu throttled, "
                "%llu server errors, %llu transport errors; %.1f s, %.2f requests/s",
                static_cast<unsigned long long>(st.requests), static_cast<unsigned long long>(st.write_requests),
                static_cast<unsigned long long>(st.poll_requests), static_cast<unsigned long long>(st.read_requests),
                static_cast<unsigned long long>(st.retries), static_cast<unsigned long long>(st.throttled),
                static_cast<unsigned long long>(st.server_errors), static_cast<unsigned long long>(st.transport_errors),
                secs, secs > 0 ? static_cast<double>(st.requests) / secs : 0.0);
  const std::string requests_line = buf;

  if (io::log::current_format() == io::log::format::text) {
    // On a terminal: the same few lines as always.
    io::log::info("summary", rows_line);
    io::log::info("summary", requests_line);
    if (!s.abort_reason.empty()) io::log::info("summary", "aborted: " + s.abort_reason);
    return;
  }
  // JSON Lines: one event holding everything, for a log pipeline to index.
  auto n = [&](model::outcome o) { return st.of(o); };
  const char* kind = abort_kind_name(s.exit_code, s.abort_cause, s.abort_reason);
  io::log::info("summary",
                rows_line + "; " + requests_line + (s.abort_reason.empty() ? "" : "; aborted: " + s.abort_reason),
                {{"exitCode", s.exit_code},
                 {"rows", st.rows()},
                 {"resumedRows", s.resumed_rows},
                 {"synced", n(model::outcome::synced)},
                 {"failed", n(model::outcome::failed)},
                 {"deleted", n(model::outcome::deleted)},
                 {"unchanged", n(model::outcome::unchanged)},
                 {"invalid", n(model::outcome::invalid)},
                 {"rejected", n(model::outcome::rejected)},
                 {"conflict", n(model::outcome::conflict)},
                 {"timeout", n(model::outcome::timeout)},
                 {"error", n(model::outcome::error)},
                 {"skipped", n(model::outcome::skipped)},
                 {"planned", n(model::outcome::planned)},
                 {"requests", st.requests},
                 {"writeRequests", st.write_requests},
                 {"pollRequests", st.poll_requests},
                 {"readRequests", st.read_requests},
                 {"retries", st.retries},
                 {"throttled", st.throttled},
                 {"serverErrors", st.server_errors},
                 {"transportErrors", st.transport_errors},
                 {"wallMs", static_cast<long long>(s.wall.count())},
                 {"abortReason", s.abort_reason},
                 {"abortKind", kind ? kind : ""},
                 {"firstError", st.first_error},
                 {"lastError", st.last_error}});
}

std::string summary_json(const run_summary& s, std::chrono::system_clock::time_point now) {
  const auto& st = s.stats;
  boost::json::object doc{
      {"exitCode", s.exit_code},
      {"exitMeaning", exit_meaning(s.exit_code)},
      {"report", io::valid_utf8(s.report_path)},
      {"rows", st.rows()},
      {"outcomes", outcome_counts(st)},
      {"resumedRows", s.resumed_rows},
      {"rowsThisRun", st.rows() >= s.resumed_rows ? st.rows() - s.resumed_rows : 0},
      {"reportTornLineCut", s.report_torn},
      {"requests",
       {{"total", st.requests},
        {"writes", st.write_requests},
        {"polls", st.poll_requests},
        {"reads", st.read_requests}}},
      {"retries", st.retries},
      {"throttled", st.throttled},
      {"serverErrors", st.server_errors},
      {"transportErrors", st.transport_errors},
      {"tokenRefreshes", st.token_refreshes},
      {"tokensFetched", s.tokens_fetched},
      {"connectionsOpened", s.connections},
      {"wallMs", s.wall.count()},
      {"startedAt", utc_stamp(now - s.wall)},
      {"finishedAt", utc_stamp(now)},
      {"firstError", io::valid_utf8(st.first_error)},
      {"lastError", io::valid_utf8(st.last_error)},
      {"abortReason", io::valid_utf8(s.abort_reason)},
  };
  const char* kind = abort_kind_name(s.exit_code, s.abort_cause, s.abort_reason);
  doc["abortKind"] = kind ? boost::json::value(kind) : boost::json::value(nullptr);
  return boost::json::serialize(doc) + "\n";
}

void write_summary_json(const run_summary& s, const std::string& path) {
  try {
    replace_file_atomically(path, summary_json(s, std::chrono::system_clock::now()));
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("--summary ") + e.what());
  }
}

}  // namespace acgprov::jobs
