#include "jobs/run_summary.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace acgprov::jobs {

namespace {

boost::json::object outcome_counts(const engine::run_stats& s) {
  boost::json::object o;
  for (std::size_t i = 0; i < engine::outcome_count; ++i)
    if (s.outcomes[i]) o[io::to_string(static_cast<io::outcome>(i))] = s.outcomes[i];
  return o;
}

}  // namespace

void print_summary(const run_summary& s) {
  const auto& st = s.stats;
  std::string counts;
  for (std::size_t i = 0; i < engine::outcome_count; ++i)
    if (st.outcomes[i]) {
      if (!counts.empty()) counts += ", ";
      counts += std::string(io::to_string(static_cast<io::outcome>(i))) + " " + std::to_string(st.outcomes[i]);
    }
  double secs = static_cast<double>(s.wall.count()) / 1000.0;
  std::fprintf(stderr, "acgprov: %llu rows: %s\n", static_cast<unsigned long long>(st.rows()),
               counts.empty() ? "none" : counts.c_str());
  std::fprintf(stderr,
               "acgprov: %llu requests (%llu writes, %llu polls, %llu reads), %llu retries, %llu throttled, "
               "%llu server errors, %llu transport errors; %.1f s, %.2f requests/s\n",
               static_cast<unsigned long long>(st.requests), static_cast<unsigned long long>(st.write_requests),
               static_cast<unsigned long long>(st.poll_requests), static_cast<unsigned long long>(st.read_requests),
               static_cast<unsigned long long>(st.retries), static_cast<unsigned long long>(st.throttled),
               static_cast<unsigned long long>(st.server_errors),
               static_cast<unsigned long long>(st.transport_errors), secs,
               secs > 0 ? static_cast<double>(st.requests) / secs : 0.0);
  if (!s.abort_reason.empty()) std::fprintf(stderr, "acgprov: aborted: %s\n", s.abort_reason.c_str());
}

void write_summary_json(const run_summary& s, const std::string& path) {
  const auto& st = s.stats;
  boost::json::object doc{
      {"exitCode", s.exit_code},
      {"rows", st.rows()},
      {"outcomes", outcome_counts(st)},
      {"requests",
       {{"total", st.requests}, {"writes", st.write_requests}, {"polls", st.poll_requests}, {"reads", st.read_requests}}},
      {"retries", st.retries},
      {"throttled", st.throttled},
      {"serverErrors", st.server_errors},
      {"transportErrors", st.transport_errors},
      {"tokenRefreshes", st.token_refreshes},
      {"tokensFetched", s.tokens_fetched},
      {"connectionsOpened", s.connections},
      {"wallMs", s.wall.count()},
      {"firstError", st.first_error},
      {"lastError", st.last_error},
      {"abortReason", s.abort_reason},
  };
  std::ofstream out(path, std::ios::trunc);
  out << boost::json::serialize(doc) << '\n';
  if (!out.flush()) throw std::runtime_error("--summary " + path + ": cannot write the file");
}

}  // namespace acgprov::jobs
