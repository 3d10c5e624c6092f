#include "jobs/resource_command.hpp"

#include "engine/row_workers.hpp"
#include "io/report_writer.hpp"
#include "jobs/api_session.hpp"
#include "jobs/command_line.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/journal.hpp"
#include "jobs/run_lock.hpp"
#include "jobs/run_end.hpp"
#include "jobs/run_summary.hpp"

#include <iostream>
#include <memory>

namespace acgprov::jobs {

const char* const resource_command_usage = R"(  INPUT                 .csv | .json (array, or {"value":[...]}) | .jsonl / .ndjson ; '-' = stdin with --format
  --format F            csv | json | ndjson: the format of stdin
  --report PATH         one row per input row: JSON Lines (.jsonl) or CSV (.csv)
  --summary PATH        also write a JSON summary of the run (on every exit, 0 to 4)
  --metrics PATH        the run's figures for node_exporter's textfile collector
  --resume              continue REPORT: skip the input rows it finished (outcome other than
                        skipped, error or timeout), append the rest
)";

resource_command_options parse_resource_command(const std::vector<std::string>& args, const own_flags& own,
                                                env_lookup getenv_fn) {
  resource_command_options o;
  auto flags = [&](const std::string& flag, const flag_value& value, const std::function<void()>& flag_only) {
    if (own && own(flag, value, flag_only)) return true;
    if (parse_poll_flag(flag, value, o.engine)) return true;
    if (flag == "--report") o.report = value();
    else if (flag == "--summary") o.summary = value();
    else if (flag == "--metrics") o.metrics = value();
    else if (flag == "--resume") {
      flag_only();
      o.resume = true;
    }
    else if (flag == "--format") {
      auto f = io::parse_input_format(value());
      if (!f) throw usage_error("--format wants csv, json or ndjson");
      o.stdin_format = f;
    } else {
      return false;
    }
    return true;
  };
  auto parsed = parse_subcommand_args(args, o.connection, flags);
  o.help = parsed.help;
  if (o.help) return o;
  o.inputs = inputs_over_job(std::move(parsed.positional));  // a --job file's inputs, unless named here
  if (o.inputs.empty()) throw usage_error("no INPUT given");
  for (const auto& in : o.inputs) {
    if (in == "-") {
      if (!o.stdin_format) throw usage_error("reading stdin ('-') needs --format csv|json|ndjson");
    } else if (!io::format_from_path(in)) {
      throw usage_error("cannot tell the format of " + in + ": use .csv, .json, .jsonl or .ndjson");
    }
  }
  if (o.report.empty()) throw usage_error("--report PATH is required");
  complete_connection_options(o.connection, getenv_fn);
  return o;
}

namespace {

using clock = std::chrono::steady_clock;

class resource_job final : public engine::row_job {
public:
  resource_job(engine::run_context& ctx, resource_rows& rows, engine::report_sink& sink, resource_writer& writer)
      : ctx_(ctx), rows_(rows), sink_(sink), writer_(writer) {}

  awaitable<bool> run_one() override {
    auto task = rows_.next();
    if (!task) co_return false;
    model::report_row row = rows_.row_for(*task);
    model::report_row done = co_await writer_.carry(ctx_, std::move(*task), std::move(row));
    sink_.write(done);
    co_return true;
  }

private:
  engine::run_context& ctx_;
  resource_rows& rows_;
  engine::report_sink& sink_;
  resource_writer& writer_;
};

awaitable<void> run_rows(api_session& session, resource_rows& rows, journal& sink, resource_writer& writer,
                         bool* report_refused) {
  // A token before anything else: wrong credentials must stop the run before any write, and
  // before the report is opened (it stays as it was).
  bool started = co_await session.start();
  if (!started) co_return;
  try {
    sink.open();
  } catch (const std::exception& e) {
    *report_refused = true;
    session.ctx().abort(e.what());
    co_return;
  }
  resource_job job(session.ctx(), rows, sink, writer);
  co_await engine::run_row_workers(session.ctx(), job, session.config().max_in_flight);
}

bool all_rows_good(const engine::run_stats& s) {
  return s.rows() == s.of(model::outcome::synced) + s.of(model::outcome::deleted) + s.of(model::outcome::unchanged);
}

}  // namespace

int run_resource_command(const resource_command_options& o, resource_rows_config rows_config, resource_writer& writer) {
  const auto started = clock::now();
  std::unique_ptr<api_session> session;
  std::unique_ptr<journal> report;
  std::unique_ptr<resource_rows> rows;
  // One run per report (as `acgprov apply`): an overlapping run is refused before anything.
  std::optional<run_lock> lock;
  resume_point resume;
  try {
    std::string holder;
    lock = run_lock::acquire(o.report, holder);
    if (!lock) return refuse_locked(o.report, holder);
    if (o.resume) resume = read_resume_point(o.report);
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  // The report is opened last (run_rows, after the token): a run refused before leaves it as
  // it was.
  try {
    session = std::make_unique<api_session>(o.connection, o.engine);
    report = std::make_unique<journal>(o.report, session->ctx().stats, o.resume ? &resume : nullptr);
    std::vector<input_spec> specs;
    for (const auto& path : o.inputs) specs.push_back({path, path == "-" ? *o.stdin_format : *io::format_from_path(path)});
    rows = std::make_unique<resource_rows>(specs, std::move(rows_config), *report);
    if (o.resume) rows->skip_finished(&resume.finished, &session->ctx().stats);
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  auto& ctx = session->ctx();
  bool report_refused = false;
  session->run(run_rows(*session, *rows, *report, writer, &report_refused));
  if (ctx.stopping && report->is_open()) rows->drain_as_skipped("the run stopped before this row: " + ctx.abort_reason);
  try {
    report->sync();
  } catch (const std::exception& e) {
    io::log::error("report_not_synced", e.what(), {{"report", o.report}});
  }

  const int code = report_refused ? exit_usage : ctx.stopping ? exit_aborted : all_rows_good(ctx.stats) ? exit_ok : exit_some_rows;
  run_summary summary{ctx.stats,
                      std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started),
                      code,
                      ctx.abort_reason,
                      session->connections_opened(),
                      session->tokens_fetched(),
                      rows->rows_resumed(),
                      o.report,
                      resume.torn,
                      ctx.abort_cause};
  finish_run(summary);
  return code;
}

}  // namespace acgprov::jobs
