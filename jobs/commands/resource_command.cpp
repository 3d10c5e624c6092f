#include "jobs/commands/resource_command.hpp"

#include "engine/row_workers.hpp"
#include "io/report_writer.hpp"
#include "jobs/cli/command_line.hpp"
#include "jobs/commands/write_command.hpp"
#include "jobs/report/journal.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/exit_code.hpp"

#include <iostream>
#include <memory>

namespace acgprov::jobs {

resource_command_options parse_resource_command(std::string_view command, const std::vector<std::string>& args,
                                                const job_file* job, const own_flags& own, env_lookup getenv_fn) {
  resource_command_options o;
  auto flags = [&](const std::string& flag, const flag_value& value, const std::function<void()>& flag_only) {
    if (own && own(flag, value, flag_only)) return true;
    if (parse_poll_flag(flag, value, o.engine)) return true;
    if (flag == "--report") o.report = value();
    else if (flag == "--summary") o.summary = value();
    else if (flag == "--metrics") o.metrics = value();
    else if (flag == "--resume" || flag == "--no-resume") o.resume = flag == "--resume";
    else if (flag == "--format") {
      auto f = io::parse_input_format(value());
      if (!f) throw usage_error("--format wants csv, json or ndjson");
      o.stdin_format = f;
    } else {
      return false;
    }
    return true;
  };
  auto parsed = parse_subcommand_args(command, args, job, o.connection, flags);
  o.inputs = std::move(parsed.positional);  // a --job file's inputs, unless named here
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

}  // namespace

int run_resource_command(const resource_command_options& o, resource_rows_config rows_config, resource_writer& writer) {
  const auto started = clock::now();
  // One driver with `acgprov apply` (jobs/commands/write_command.hpp): stop signals, lock, --resume.
  write_command driver({.report = o.report, .resume = o.resume});
  if (int refused = driver.prepare(); refused != exit_ok) return refused;
  // The report is opened last (run_rows, after the token): a run refused before leaves it as
  // it was.
  std::unique_ptr<api_session> session;
  std::unique_ptr<journal> report;
  std::unique_ptr<resource_rows> rows;
  try {
    session = std::make_unique<api_session>(o.connection, o.engine);
    report = std::make_unique<journal>(o.report, session->ctx().stats, driver.resume_for_journal());
    std::vector<input_spec> specs;
    for (const auto& path : o.inputs)
      specs.push_back({path, path == "-" ? *o.stdin_format : *io::format_from_path(path)});
    rows = std::make_unique<resource_rows>(specs, std::move(rows_config), *report);
    if (o.resume) rows->skip_finished(&driver.resumed().finished, &session->ctx().stats);
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  bool report_refused = false;
  session->run(run_rows(*session, *rows, *report, writer, &report_refused));
  return driver.finish(*session, *report, *rows, report_refused, started);
}

}  // namespace acgprov::jobs
