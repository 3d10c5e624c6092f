#pragma once
// Watches the backend sync of written rows, per account, until each is synced, failed or
// out of time. Each round an account costs the fewest requests it can: a GET per pending
// number when few are pending, else the account's number list paged 500 at a time.
//
// When it polls: until some row has been seen to settle, only the account with the oldest
// rows is polled (the probe), at finer and finer steps, while the others wait; the first
// settled rows tell how long a sync takes, and every account is then polled when its rows
// should be done. Polling twenty accounts blind would cost twenty requests a round.
#include "engine/pipeline.hpp"
#include "engine/run_context.hpp"
#include "engine/sync_latency.hpp"
#include "model/report_row.hpp"
#include "model/verdict.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/array.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace acgprov::engine {

class sync_watch {
public:
  using clock = std::chrono::steady_clock;

  sync_watch(run_context& ctx, report_sink& sink);

  // A row whose write was accepted and whose sync is pending. `started`: when the row began
  // (for elapsedMs); its deadline is poll_timeout from now.
  void add(model::report_row row, clock::time_point started);
  // No more rows will be added: run() ends once the pending ones are settled. The last rows
  // are polled when the learned sync latency says they are done, not on the growing schedule
  // of a long run (which can be up to --max-poll-interval away).
  void close();
  std::size_t pending() const { return pending_; }
  // Waits until fewer than `limit` rows are pending (back-pressure for the writers), or the run stops.
  awaitable<void> wait_below(std::size_t limit);

  // Polls until closed and empty, or until the run stops (then the pending rows are reported
  // as interrupted).
  awaitable<void> run();

private:
  struct watched {
    model::report_row row;
    clock::time_point started;
    clock::time_point added;  // when the write was accepted: the sync's start
    clock::time_point deadline;
  };
  struct account_state {
    std::map<std::string, watched> rows;  // by telephone number
    clock::time_point next_poll;
    clock::duration interval{};
    clock::time_point first_added;  // the account's oldest row: the probe's age
    clock::time_point newest_added;
    std::optional<std::size_t> list_size;  // numbers the account holds, from x-ms-record-count
  };

  awaitable<void> poll_account(const std::string& account, account_state& acc);
  awaitable<void> poll_each(const std::string& account, account_state& acc);
  // One GET for each of `numbers` (those still watched); a 404 ends the row as gone.
  awaitable<void> poll_numbers(const std::string& account, account_state& acc, std::vector<std::string> numbers);
  awaitable<void> poll_list(const std::string& account, account_state& acc);
  // One filtered list request (not yet synced), then a confirmation of the rows it no longer
  // lists (GETs or full pages); false if the server cannot filter or the answer spans pages
  // (then the caller falls back to a safe strategy).
  awaitable<bool> poll_filtered(const std::string& account, account_state& acc);
  // One page of the account's list with `filter`; nullopt unless it is the whole answer.
  awaitable<std::optional<boost::json::array>> single_page(const std::string& account, std::string_view filter);
  // Settles the row for `number` from a resource's JSON; true if it ended (and was reported).
  bool settle_from(account_state& acc, const std::string& number, std::string_view status,
                   std::vector<model::api_error> errors);
  void finish(watched& w, const model::verdict& v);
  void expire(account_state& acc);
  void notify();
  // The account to poll next: the probe while the sync latency is unknown, else the most overdue.
  std::map<std::string, account_state>::iterator next_due();
  // After a poll of `acc` that left rows pending.
  void schedule_next(account_state& acc, bool was_probe);
  // The latency just became known: every account waits for its newest rows' sync.
  void reschedule_all();

  run_context& ctx_;
  report_sink& sink_;
  sync_latency latency_;
  std::map<std::string, account_state> accounts_;
  std::size_t pending_ = 0;
  bool closed_ = false;
  bool filter_supported_ = true;  // until the server refuses a filter
  net::steady_timer* waiting_ = nullptr;        // the run loop's idle wait, if idle
  std::vector<net::steady_timer*> throttled_;  // writers waiting in wait_below
};

}  // namespace acgprov::engine
