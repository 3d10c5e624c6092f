#include "engine/plan/plan_source.hpp"

#include "engine/request/api_request.hpp"
#include "engine/request/list_pages.hpp"
#include "engine/write/write_number.hpp"

#include <boost/json.hpp>

namespace acgprov::engine {

plan_source::plan_source(run_context& ctx, task_source& inner, report_sink& sink)
    : ctx_(ctx), inner_(inner), sink_(sink) {}

void plan_source::settle(const number_task& task, model::outcome outcome, std::string status) {
  model::report_row row = row_for(task);
  row.outcome = outcome;
  row.service_provisioning_status = std::move(status);
  sink_.write(row);
}

awaitable<std::optional<account_snapshot>> plan_source::read_account(const std::string& account) {
  account_snapshot snap;
  auto add = [&snap](const boost::json::object& item) { snap.add(item); };
  auto read = co_await read_pages(ctx_, counted_list_target(ctx_, numbers_path(account)), request_kind::read, add);
  // A partial view is not trusted: more pages than the list said it had, a failed page.
  if (!read.complete) co_return std::nullopt;
  snap.seal();
  ctx_.account_sizes[account] = snap.size();
  co_return snap;
}

void plan_source::set_directory(const account_directory* dir, std::optional<std::set<std::string>> input_accounts,
                                bool trust_counts) {
  directory_ = dir;
  trust_counts_ = trust_counts;
  if (!dir || !input_accounts) return;  // per-account reads (priced account by account below)
  input_accounts_ = std::move(*input_accounts);
  price_ = price_plan_read(dir->counts(), input_accounts_, api_page_size);
  if (!trust_counts && price_.strategy == read_strategy::none) price_.strategy = read_strategy::per_account;
}

awaitable<bool> plan_source::read_all_numbers() {
  // Only the accounts the input names are kept: 16 bytes a number (account_snapshot.hpp).
  std::map<std::string, account_snapshot> seen;
  for (const auto& name : input_accounts_)
    if (directory_->find(name) && !accounts_[name].loaded) seen.try_emplace(name);
  auto add = [&seen](const boost::json::object& item) {
    auto* account = item.if_contains("accountName");
    if (!account || !account->is_string()) return;
    auto it = seen.find(std::string(account->as_string()));
    if (it != seen.end()) it->second.add(item);
  };
  auto read = co_await read_pages(ctx_, counted_list_target(ctx_, all_numbers_path()), request_kind::read, add);
  if (!read.complete) co_return false;
  // An account the list did not show holds nothing (as of this read): an empty snapshot.
  for (auto& [name, snap] : seen) {
    snap.seal();
    ctx_.account_sizes[name] = snap.size();
    auto& entry = accounts_[name];
    if (entry.loaded || entry.loading) continue;
    entry.snapshot = std::move(snap);
    entry.loaded = true;
  }
  co_return true;
}

awaitable<const account_snapshot*> plan_source::snapshot(std::string account) {
  // The priced strategy first: GET /numbers once for every account the input names.
  if (price_.strategy == read_strategy::all_numbers && input_accounts_.count(account)) {
    // Bounded: the read ends (or the run stops) and wakes the waiters.
    while (bulk_loading_) {
      auto event = bulk_loading_;
      co_await event->async_wait(as_result);
    }
    if (!bulk_tried_) {
      bulk_tried_ = true;
      bulk_loading_ =
          std::make_shared<net::steady_timer>(co_await net::this_coro::executor, net::steady_timer::time_point::max());
      bool whole = co_await read_all_numbers();
      if (!whole) price_.strategy = read_strategy::per_account;  // read account by account
      auto event = std::move(bulk_loading_);
      bulk_loading_.reset();
      event->cancel();
    }
  }
  auto& entry = accounts_[account];  // map nodes are stable across the awaits below
  // Bounded: a read ends (or the run stops) and wakes the waiters.
  while (entry.loading) {
    auto event = entry.loading;
    co_await event->async_wait(as_result);
  }
  // The directory says the account holds nothing: a hint, so only upserts lean on it (each
  // is written, and its answer decides); deletes are always sent anyway.
  if (!entry.loaded && trust_counts_ && directory_) {
    if (auto* known = directory_->find(account); known && known->numbers == 0) {
      entry.snapshot = account_snapshot{};
      entry.snapshot->seal();
      entry.loaded = true;
    }
  }
  if (!entry.loaded) {
    entry.loading =
        std::make_shared<net::steady_timer>(co_await net::this_coro::executor, net::steady_timer::time_point::max());
    auto snap = co_await read_account(account);
    entry.snapshot = std::move(snap);
    entry.loaded = true;
    auto event = std::move(entry.loading);
    entry.loading.reset();
    event->cancel();
  }
  co_return entry.snapshot ? &*entry.snapshot : nullptr;
}

awaitable<void> plan_source::queue_prunes() {
  prunes_queued_ = true;
  for (const auto& [account, wanted] : wanted_) {
    const account_snapshot* snap = co_await snapshot(account);
    if (!snap) continue;  // the account could not be read: nothing is pruned blindly
    for (auto key : snap->not_in(wanted)) {
      number_task t;
      t.file = prune_file;
      t.action = number_action::remove;
      t.account = account;
      t.number = e164_text(key);
      prunes_.push_back(std::move(t));
    }
  }
}

awaitable<std::optional<number_task>> plan_source::next() {
  // Bounded by the input: every pass consumes one row.
  while (!inner_done_) {
    auto task = co_await inner_.next();
    if (!task) {
      inner_done_ = true;
      break;
    }
    // A delete is always sent, even for a number the plan would not see: `deleted` must come
    // from the API's answer, and a stale read (another user adding it since) must never become
    // a false `deleted`. An absent number in a batch delete costs nothing extra.
    if (task->action == number_action::remove) co_return task;
    const account_snapshot* snap = co_await snapshot(task->account);
    if (!snap) co_return task;
    const held_number* held = snap->find(task->number);
    if (!held || !account_snapshot::same_resource(*held, resource_digest(task->resource))) co_return task;
    switch (held->status()) {
      case held_status::synced:
        settle(*task, model::outcome::unchanged, "synced");
        continue;
      case held_status::pending:
        task->watch_only = true;
        co_return task;
      case held_status::failed:
        co_return task;  // same settings, failed sync: writing again asks the backend again
    }
  }
  if (!prunes_queued_ && !ctx_.stopping) co_await queue_prunes();
  if (prunes_.empty()) co_return std::nullopt;
  auto t = std::move(prunes_.front());
  prunes_.pop_front();
  co_return t;
}

}  // namespace acgprov::engine
