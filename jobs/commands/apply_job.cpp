#include "jobs/commands/apply_job.hpp"

#include "engine/pipeline.hpp"
#include "engine/plan/account_directory.hpp"
#include "engine/plan/plan_source.hpp"
#include "engine/request/list_pages.hpp"
#include "engine/write/write_number.hpp"
#include "jobs/cli/command_line.hpp"
#include "jobs/input/input_accounts.hpp"
#include "jobs/input/input_rows.hpp"
#include "jobs/preflight/preflight_source.hpp"
#include "jobs/preflight/prune_guard.hpp"
#include "jobs/preflight/prune_preview.hpp"
#include "jobs/report/journal.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/report/run_summary.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/exit_code.hpp"
#include "jobs/run/scheduled_run.hpp"

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

// --dry-run: every valid row is reported `planned`; the plan goes to stdout. With --prune, so
// are the numbers the prune would delete (this reads the accounts; nothing else is sent). The
// report is opened only once the inputs are (scheduled_run refused a report of a real run
// already).
int run_dry_plan(const apply_options& o, engine::run_stats& stats) {
  journal report(o.report, stats, nullptr);
  numbers_by_account wanted;
  std::unique_ptr<input_rows> opened;
  try {
    if (o.prune) wanted = named_numbers(input_specs(o));  // refuses as the real run would
    opened = std::make_unique<input_rows>(input_specs(o), report);
    report.open();
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  input_rows& rows = *opened;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> per_account;  // upserts, deletes
  while (auto task = rows.next_row()) {
    auto row = engine::row_for(*task);
    row.outcome = model::outcome::planned;
    report.write(row);
    auto& counts = per_account[task->account];
    (task->action == engine::number_action::remove ? counts.second : counts.first)++;
  }
  std::cout << "plan: " << stats.of(model::outcome::planned) << " rows to send, " << stats.of(model::outcome::invalid)
            << " invalid (see " << o.report << ")\n";
  for (const auto& [account, c] : per_account)
    std::cout << "  " << account << ": " << c.first << " upsert, " << c.second << " delete\n";
  if (o.prune) {
    try {
      if (int refused = preview_prune(o, wanted, report, std::cout); refused != exit_ok) return refused;
    } catch (const std::exception& e) {
      return refuse_run_start(exit_usage, "run_refused", e.what());
    }
  }
  return all_rows_good(stats) ? exit_ok : exit_some_rows;
}

// The dry run, and its --summary / --metrics (the plan's counts; the summary event is not
// printed: the plan on stdout says it all).
int run_dry(const apply_options& o, std::chrono::steady_clock::time_point started) {
  engine::run_stats stats;
  const int code = run_dry_plan(o, stats);
  run_summary summary{stats, std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started), code};
  summary.report_path = o.report;
  summary.dry_run = true;
  summary.abort_reason = run_start_refusal();
  summary.abort_cause = run_start_abort_cause();
  finish_run(summary, false);
  return code;
}

// Where the run may be refused before any write (prune guard); exit 2 then.
struct run_refusal {
  std::string reason;
};

// Opens the report (the last check that can fail before a row is reported): a refusal of
// the run if it cannot be opened.
bool open_report(journal& sink, engine::run_context& ctx, run_refusal* refusal) {
  try {
    sink.open();
    return true;
  } catch (const std::exception& e) {
    refusal->reason = e.what();
    ctx.abort(e.what());
    return false;
  }
}

// The accounts the inputs name, when the plan's price depends on them: only if GET /numbers
// could beat per-account lists even with every non-empty account named (else per-account
// lists win whatever the input names, and the inputs are not read twice).
std::optional<std::set<std::string>> accounts_to_price(const engine::account_directory& dir, const apply_options& o) {
  auto counts = dir.counts();
  std::set<std::string> every;
  for (const auto& [name, n] : counts) every.insert(name);
  if (engine::price_plan_read(counts, every, engine::api_page_size).strategy != engine::read_strategy::all_numbers)
    return every;
  try {
    return named_accounts(input_specs(o));
  } catch (const std::exception&) {
    return std::nullopt;  // read account by account
  }
}

awaitable<void> run_engine(api_session& session, input_rows& rows, journal& sink, const apply_options& o,
                           numbers_by_account wanted, run_refusal* refusal) {
  // A token before anything else: wrong credentials must stop the run before any write, and
  // before the report is opened (it stays as it was).
  bool started = co_await session.start();
  if (!started) co_return;
  auto& ctx = session.ctx();
  // Order: input → plan → preflight → writers. The plan settles rows the API already holds
  // (unchanged, already deleted) first, so a nightly run with nothing to do never pays for
  // the preflight's reads; the preflight then refuses the rows to be written that their
  // account cannot take, before a write sees them.
  engine::plan_source plan(ctx, rows, sink);
  engine::task_source& planned =
      o.plan ? static_cast<engine::task_source&>(plan) : static_cast<engine::task_source&>(rows);
  preflight_source checked(ctx, planned, sink);

  engine::task_source& source = o.preflight ? static_cast<engine::task_source&>(checked) : planned;
  if (o.prune) {
    std::map<std::string, account_prune> prunes;
    for (const auto& [account, keys] : wanted) {
      const engine::account_snapshot* snap = co_await plan.snapshot(account);
      if (snap) prunes[account] = {snap->not_in(keys).size(), snap->size()};
    }
    if (auto why = check_prune_limits(prunes, {o.max_deletes, o.max_delete_percent})) {
      refusal->reason = *why;
      ctx.abort(*why);
      co_return;
    }
    plan.set_prune(std::move(wanted));
  }
  if (!open_report(sink, ctx, refusal)) co_return;
  // One page of GET /accounts prices the plan's reads and answers the preflight's questions
  // about services (issue 14); without it every account is read on its own, as before. Read
  // once the report is open: a refusal of the run here leaves every row reported, resumable.
  std::optional<engine::account_directory> directory;
  if (o.plan || o.preflight) directory = co_await engine::read_account_directory(ctx);
  if (directory) {
    checked.set_directory(&*directory);
    if (o.plan) plan.set_directory(&*directory, accounts_to_price(*directory, o), !o.prune);
  }
  co_await engine::run_pipeline(ctx, source, sink);
}

}  // namespace

int run_apply(const apply_options& o) {
  const auto started = clock::now();
  // The report's lock and --resume come before anything is read, sent or written.
  scheduled_run sched;
  if (int refused = sched.prepare(o); refused != exit_ok) return refused;
  if (o.dry_run) return run_dry(o, started);
  // Everything that can refuse the run comes before the report is opened (run_engine opens
  // it after the token and the prune guard): a refused run leaves it byte for byte as it was.
  std::unique_ptr<api_session> session;
  try {
    session = std::make_unique<api_session>(o.connection, o.engine);
    session->set_stop_policy(sched.stop());
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  auto& ctx = session->ctx();
  journal report(o.report, ctx.stats, sched.driver().resume_for_journal());

  std::unique_ptr<input_rows> rows;
  try {
    rows = std::make_unique<input_rows>(input_specs(o), report, &ctx.numbers);
  } catch (const std::exception& e) {
    return refuse_run_start(exit_usage, "run_refused", e.what());
  }
  sched.attach(*rows, ctx.stats);

  numbers_by_account wanted;
  if (o.prune) {
    try {
      wanted = named_numbers(input_specs(o));
    } catch (const std::exception& e) {
      return refuse_run_start(exit_usage, "run_refused", e.what());
    }
  }
  run_refusal refusal;
  session->run(sched.with_progress(run_engine(*session, *rows, report, o, std::move(wanted), &refusal), ctx, *rows));
  return sched.driver().finish(*session, report, *rows, !refusal.reason.empty(), started);
}

int apply_main(const std::vector<std::string>& args, const job_file* job) {
  apply_options o;
  try {
    o = parse_apply_options(args, nullptr, job);  // --help and --version end here (early_exit)
  } catch (const usage_error& e) {
    return refuse_run_start(exit_usage, "usage_error",
                            std::string("acgprov apply: ") + e.what() + " (see acgprov apply --help)");
  }
  return run_apply(o);
}

}  // namespace acgprov::jobs
