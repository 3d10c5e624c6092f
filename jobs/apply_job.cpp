#include "jobs/apply_job.hpp"

#include "engine/pipeline.hpp"
#include "engine/process_row.hpp"
#include "jobs/api_session.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/input_rows.hpp"
#include "jobs/report_sink.hpp"
#include "jobs/run_summary.hpp"

#include <iostream>
#include <map>

namespace acgprov::jobs {

namespace {

using clock = std::chrono::steady_clock;

std::vector<input_spec> input_specs(const apply_options& o) {
  std::vector<input_spec> specs;
  for (const auto& path : o.inputs)
    specs.push_back({path, path == "-" ? *o.stdin_format : *io::format_from_path(path)});
  return specs;
}

bool all_rows_good(const engine::run_stats& s) {
  return s.rows() == s.of(io::outcome::synced) + s.of(io::outcome::deleted) + s.of(io::outcome::unchanged) +
                         s.of(io::outcome::planned);
}

// --dry-run: every valid row is reported `planned`; the plan goes to stdout.
int run_dry(const apply_options& o, io::report_writer& writer, engine::run_stats& stats) {
  counting_report_sink sink(writer, stats);
  input_rows rows(input_specs(o), sink);
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> per_account;  // upserts, deletes
  while (auto task = rows.next_row()) {
    auto row = engine::row_for(*task);
    row.outcome = io::outcome::planned;
    sink.write(row);
    auto& counts = per_account[task->account];
    (task->action == engine::number_action::remove ? counts.second : counts.first)++;
  }
  std::cout << "plan: " << stats.of(io::outcome::planned) << " rows to send, " << stats.of(io::outcome::invalid)
            << " invalid (see " << o.report << ")\n";
  for (const auto& [account, c] : per_account)
    std::cout << "  " << account << ": " << c.first << " upsert, " << c.second << " delete\n";
  return all_rows_good(stats) ? exit_ok : exit_some_rows;
}

awaitable<void> run_engine(api_session& session, input_rows& rows, engine::report_sink& sink) {
  // A token before anything else: wrong credentials must stop the run before any write.
  bool started = co_await session.start();
  if (!started) co_return;
  co_await engine::run_pipeline(session.ctx(), rows, sink);
}

}  // namespace

int run_apply(const apply_options& o) {
  const auto started = clock::now();
  std::unique_ptr<io::report_writer> writer;
  std::unique_ptr<api_session> session;
  try {
    writer = std::make_unique<io::report_writer>(o.report);
    if (o.dry_run) {
      engine::run_stats stats;
      return run_dry(o, *writer, stats);
    }
    session = std::make_unique<api_session>(o.connection, o.engine);
  } catch (const std::exception& e) {
    std::cerr << "acgprov: " << e.what() << "\n";
    return exit_usage;
  }
  auto& ctx = session->ctx();
  counting_report_sink sink(*writer, ctx.stats);

  std::unique_ptr<input_rows> rows;
  try {
    rows = std::make_unique<input_rows>(input_specs(o), sink);
  } catch (const std::exception& e) {
    std::cerr << "acgprov: " << e.what() << "\n";
    return exit_usage;
  }

  session->run(run_engine(*session, *rows, sink));
  if (ctx.stopping) rows->drain_as_skipped("the run stopped before this row: " + ctx.abort_reason);
  writer->sync();

  int code = ctx.stopping ? exit_aborted : all_rows_good(ctx.stats) ? exit_ok : exit_some_rows;
  run_summary summary{ctx.stats,
                      std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started),
                      code,
                      ctx.abort_reason,
                      session->connections_opened(),
                      session->tokens_fetched()};
  print_summary(summary);
  if (!o.summary.empty()) {
    try {
      write_summary_json(summary, o.summary);
    } catch (const std::exception& e) {
      std::cerr << "acgprov: " << e.what() << "\n";
    }
  }
  return code;
}

int apply_main(const std::vector<std::string>& args) {
  apply_options o;
  try {
    o = parse_apply_options(args);
  } catch (const usage_error& e) {
    std::cerr << "acgprov apply: " << e.what() << "\n(see acgprov apply --help)\n";
    return exit_usage;
  }
  if (o.help) {
    std::cout << apply_usage;
    return exit_ok;
  }
  return run_apply(o);
}

}  // namespace acgprov::jobs
