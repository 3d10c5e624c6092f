#pragma once
// The numbers preflight of `acgprov apply` (on by default, --no-preflight to skip): a
// task_source that wraps the input rows and, before an account's first upsert is handed out,
// reads that account once (GET), and when its rows need them its civic addresses (the list,
// paged) and Teams capability plans (:getTeamsCapabilityPlans): a few requests per account,
// not per row. Each upsert is then checked (preflight_rules.hpp); a row that would fail is
// reported `invalid` with the reason and never sent. An account still `pending` is waited
// for (up to --poll-timeout), so numbers follow their account's sync. Deletes pass unchecked
// (a delete under an absent account is `deleted` anyway), and so do rows the plan found
// already written (watch_only). What cannot be read (5xx, network)
// is not checked: the API decides.
#include "engine/async_gate.hpp"
#include "engine/pipeline.hpp"
#include "engine/plan/account_directory.hpp"
#include "engine/run_context.hpp"
#include "jobs/preflight/preflight_rules.hpp"

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::jobs {

class preflight_source final : public engine::task_source {
public:
  // `invalid` receives the refused rows. All three must outlive this source.
  preflight_source(engine::run_context& ctx, engine::task_source& inner, engine::report_sink& invalid);

  awaitable<std::optional<engine::number_task>> next() override;

  // The run's GET /accounts (it must outlive this source): an account it shows, and not
  // pending, is checked from what the list showed, without a GET of its own.
  void set_directory(const engine::account_directory* dir) { directory_ = dir; }

private:
  struct entry {
    bool tried = false;
    std::optional<account_facts> facts;  // nullopt: could not be read (rows pass unchecked)
  };

  // Reads what `account` still lacks for a row needing civic / plans. One at a time: callers
  // queue at gate_, so concurrent workers never read the same account twice.
  awaitable<void> ensure(std::string account, bool civic, bool plans);
  bool ready(const std::string& account, bool civic, bool plans) const;

  engine::run_context& ctx_;
  engine::task_source& inner_;
  engine::report_sink& invalid_;
  std::map<std::string, entry> accounts_;
  engine::async_gate gate_;
  const engine::account_directory* directory_ = nullptr;
};

}  // namespace acgprov::jobs
