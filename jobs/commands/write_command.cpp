#include "jobs/commands/write_command.hpp"

#include "io/log.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/report/run_summary.hpp"
#include "jobs/run/exit_code.hpp"
#include "jobs/run/graceful_stop.hpp"

namespace acgprov::jobs {

bool all_rows_good(const engine::run_stats& s) {
  return s.rows() == s.of(model::outcome::synced) + s.of(model::outcome::deleted) + s.of(model::outcome::unchanged) +
                         s.of(model::outcome::planned);
}

int write_command::prepare() {
  const auto& o = options_;
  if (!o.dry_run) block_stop_signals(true);  // a dry run sends nothing: a signal just ends it
  try {
    std::string holder;
    lock_ = run_lock::acquire(o.report, holder);
    if (!lock_) return refuse_locked(o.report, holder);
    if (o.resume) resume_ = read_resume_point(o.report);
    if (o.dry_run && holds_real_run(o.report)) {
      return refuse_run_start(exit_usage, "run_refused",
                              "acgprov apply: --dry-run would replace " + o.report +
                                  ", the report of a real run (the journal --resume reads): nothing done. "
                                  "Give the dry run another --report.",
                              {{"report", o.report}});
    }
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  if (o.resume) log_resume();
  return exit_ok;
}

void write_command::log_resume() const {
  const auto& report = options_.report;
  if (!resume_.report_exists) {
    io::log::info("resume", "resume: no report at " + report + " yet: starting a fresh run", {{"report", report}});
    return;
  }
  io::log::info("resume",
                "resume: " + report + " holds " + std::to_string(resume_.report_rows) + " rows, " +
                    std::to_string(resume_.finished.size()) + " input rows finished" +
                    (resume_.torn ? "; its torn last line (a crash) is cut off" : ""),
                {{"report", report},
                 {"reportRows", resume_.report_rows},
                 {"finishedRows", resume_.finished.size()},
                 {"torn", resume_.torn},
                 {"validBytes", resume_.valid_bytes}});
  if (resume_.rows_without_digest > 0)
    io::log::info("resume_old_rows",
                  "resume: " + std::to_string(resume_.rows_without_digest) +
                      " report rows have no recordDigest (an older acgprov wrote them): those rows count as "
                      "unchanged only while their telephone number is the same",
                  {{"report", report}, {"rows", resume_.rows_without_digest}});
  if (resume_.repaired_lines > 0)
    io::log::warning("resume_repaired_rows",
                     "resume: " + std::to_string(resume_.repaired_lines) +
                         " report rows held bytes that are not "
                         "UTF-8 (an older acgprov copied a server's page): read with U+FFFD, and rewritten so",
                     {{"report", report}, {"rows", resume_.repaired_lines}});
}

int write_command::finish_rows(api_session& session, journal& report,
                               const std::function<void(const std::string&)>& drain, std::uint64_t rows_resumed,
                               bool refused, clock::time_point started) {
  auto& ctx = session.ctx();
  // A run stopped before its report was opened (credentials, a refusal) reports nothing: the
  // report is left as it was, and --resume finds every row still to do.
  if (ctx.stopping && report.is_open()) drain("the run stopped before this row: " + ctx.abort_reason);
  try {
    report.sync();
  } catch (const std::exception& e) {
    io::log::error("report_not_synced", e.what(), {{"report", options_.report}});
  }
  const int code = refused                    ? exit_usage
                   : ctx.stopping             ? exit_aborted
                   : all_rows_good(ctx.stats) ? exit_ok
                                              : exit_some_rows;
  run_summary summary{ctx.stats,
                      std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started),
                      code,
                      ctx.abort_reason,
                      session.connections_opened(),
                      session.tokens_fetched(),
                      rows_resumed,
                      options_.report,
                      resume_.torn,
                      ctx.abort_cause};
  finish_run(summary);
  return code;
}

}  // namespace acgprov::jobs
