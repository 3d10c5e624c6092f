#include "jobs/preflight/prune_preview.hpp"

#include "engine/plan/account_snapshot.hpp"
#include "engine/plan/plan_source.hpp"
#include "engine/write/write_number.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/exit_code.hpp"

#include <iostream>

namespace acgprov::jobs {

namespace {

// The plan is asked only for snapshots: it has no input rows of its own.
struct no_rows final : engine::task_source {
  awaitable<std::optional<engine::number_task>> next() override { co_return std::nullopt; }
};

struct account_preview {
  bool read = false;                   // false: the account could not be read, nothing pruned
  std::vector<std::uint64_t> deletes;  // sorted keys
  std::uint64_t held = 0;
};

// Reads each account the prune would touch, through the same plan_source the real run uses.
awaitable<void> read_prunes(api_session& session, const numbers_by_account& wanted, engine::report_sink& sink,
                            std::map<std::string, account_preview>* out) {
  bool started = co_await session.start();
  if (!started) co_return;
  no_rows none;
  engine::plan_source plan(session.ctx(), none, sink);
  for (const auto& [account, keys] : wanted) {
    const engine::account_snapshot* snap = co_await plan.snapshot(account);
    if (session.ctx().stopping) co_return;
    auto& p = (*out)[account];
    if (!snap) continue;
    p.read = true;
    p.deletes = snap->not_in(keys);
    p.held = snap->size();
  }
}

}  // namespace

int preview_prune(const apply_options& o, const numbers_by_account& wanted, engine::report_sink& sink,
                  std::ostream& out) {
  api_session session(o.connection, o.engine);
  std::map<std::string, account_preview> previews;
  session.run(read_prunes(session, wanted, sink, &previews));
  if (session.ctx().stopping) {
    return abort_before_run(session.ctx().abort_cause,
                            "--dry-run --prune could not read the accounts: " + session.ctx().abort_reason);
  }
  std::map<std::string, account_prune> limits_view;
  for (const auto& [account, p] : previews)
    if (p.read) limits_view[account] = {p.deletes.size(), p.held};
  if (auto why = check_prune_limits(limits_view, {o.max_deletes, o.max_delete_percent})) {
    return refuse_run_start(exit_usage, "prune_refused", *why + " (the real run would be refused, nothing deleted)");
  }

  std::uint64_t total = 0;
  for (const auto& [account, p] : previews) total += p.deletes.size();
  out << "prune: " << total << " numbers would be deleted\n";
  for (const auto& [account, p] : previews) {
    if (!p.read) {
      out << "  " << account << ": could not be read; nothing would be pruned\n";
      continue;
    }
    out << "  " << account << ": " << p.deletes.size() << " of " << p.held << " numbers would be deleted\n";
    for (auto key : p.deletes) {
      engine::number_task t;
      t.file = engine::prune_file;
      t.action = engine::number_action::remove;
      t.account = account;
      t.number = engine::e164_text(key);
      out << "    " << t.number << "\n";
      model::report_row row = engine::row_for(t);
      row.outcome = model::outcome::planned;
      sink.write(row);
    }
  }
  return exit_ok;
}

}  // namespace acgprov::jobs
