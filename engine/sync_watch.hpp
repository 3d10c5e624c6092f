#pragma once
// Watches the backend sync of written rows, per account, until each is synced, failed or
// out of time. Each round an account costs the fewest requests it can: a GET per pending
// number when few are pending, else the account's number list paged 500 at a time.
#include "engine/pipeline.hpp"
#include "engine/run_context.hpp"
#include "io/report_row.hpp"

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
  void add(io::report_row row, clock::time_point started);
  // No more rows will be added: run() ends once the pending ones are settled.
  void close();
  std::size_t pending() const { return pending_; }
  // Waits until fewer than `limit` rows are pending (back-pressure for the writers), or the run stops.
  awaitable<void> wait_below(std::size_t limit);

  // Polls until closed and empty, or until the run stops (then the pending rows are reported
  // as interrupted).
  awaitable<void> run();

private:
  struct watched {
    io::report_row row;
    clock::time_point started;
    clock::time_point deadline;
  };
  struct account_state {
    std::map<std::string, watched> rows;  // by telephone number
    clock::time_point next_poll;
    clock::duration interval{};
    std::optional<std::size_t> list_size;  // numbers the account holds, from x-ms-record-count
  };

  awaitable<void> poll_account(const std::string& account, account_state& acc);
  awaitable<void> poll_each(const std::string& account, account_state& acc);
  awaitable<void> poll_list(const std::string& account, account_state& acc);
  // Two filtered list requests (pending, then failed); false if the server cannot filter or
  // an answer spans pages (then the caller falls back to a safe strategy).
  awaitable<bool> poll_filtered(const std::string& account, account_state& acc);
  // One page of the account's list with `filter`; nullopt unless it is the whole answer.
  awaitable<std::optional<boost::json::array>> single_page(const std::string& account, std::string_view filter);
  // Settles the row for `number` from a resource's JSON; true if it ended (and was reported).
  bool settle_from(account_state& acc, const std::string& number, std::string_view status,
                   std::vector<io::api_error> errors);
  void finish(watched& w, io::outcome outcome);
  void expire(account_state& acc);
  void notify();

  run_context& ctx_;
  report_sink& sink_;
  std::map<std::string, account_state> accounts_;
  std::size_t pending_ = 0;
  bool closed_ = false;
  bool filter_supported_ = true;  // until the server refuses a filter
  net::steady_timer* waiting_ = nullptr;        // the run loop's idle wait, if idle
  std::vector<net::steady_timer*> throttled_;  // writers waiting in wait_below
};

}  // namespace acgprov::engine
