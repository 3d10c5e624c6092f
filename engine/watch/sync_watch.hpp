#pragma once
// Watches the backend sync of written rows until each is synced, failed or out of time, in
// rounds over the whole run, not account by account: with many small accounts, a round per
// account would cost a request per account where a few pages of GET /numbers show them all.
//
// A round: one filtered page of the numbers not yet synced, across accounts (the probe; it
// settles the rows it shows failed and names those still pending); then, once the rows it no
// longer shows are worth it, the cheapest read that shows them (read_price.hpp): GET /numbers,
// each account's list, or a GET per number. Only an answer that shows a row synced makes it
// `synced`: absence from the not-synced page is never evidence. A server that refuses the
// filter (400) is asked once; every round then reads the cheapest unfiltered pages.
//
// When: while the writers are busy, rounds wait (each would re-read pages the next reads
// again), unless rows have waited 8 first waits (doubling each time), reach their deadline, or
// fill the watch (writers blocked).
// Once the writers are done, a round comes when the newest rows should be synced (the latency
// learned from earlier rounds, else --poll-interval), then at growing intervals.
#include "engine/pipeline.hpp"
#include "engine/run_context.hpp"
#include "engine/watch/sync_latency.hpp"
#include "model/report_row.hpp"
#include "model/verdict.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acgprov::engine {

class sync_watch {
public:
  using clock = std::chrono::steady_clock;

  sync_watch(run_context& ctx, report_sink& sink);

  // A row whose write was accepted and whose sync is pending. `started`: when the row began
  // (for elapsedMs); its deadline is poll_timeout from now.
  void add(model::report_row row, clock::time_point started);
  // No more rows will be added: run() ends once the pending ones are settled.
  void close();
  std::size_t pending() const { return pending_; }
  // Waits until fewer than `limit` rows are pending (back-pressure for the writers), or the run stops.
  awaitable<void> wait_below(std::size_t limit);

  // Polls until closed and empty, or until the run stops (then the pending rows are reported
  // as interrupted).
  awaitable<void> run();

private:
  // A watched row, compact (the watch may hold --max-pending of them, 50,000 by default; 88
  // bytes each besides its map node): the account and number are the maps' keys, the file an
  // index into files_, the request id shared by the rows of a batch, errors and a status word
  // outside the contract's held only when there are some; the report row is rebuilt when the
  // row ends (row_of). Its deadline is added + --poll-timeout.
  enum class sync_word : std::uint8_t { none, pending, synced, failed, other };
  struct unusual {
    std::string status;  // the word, when sync_word::other
    std::vector<model::api_error> errors;
  };
  struct watched {
    std::uint32_t file = 0;
    int http_status = 0;
    std::uint32_t attempts = 0;
    std::uint32_t listed_in = 0;  // the last whole-list read that showed it
    std::uint64_t line = 0;
    std::uint64_t record = 0;
    std::uint64_t record_digest = 0;
    clock::time_point started;
    clock::time_point added;  // when the write was accepted: the sync's start
    std::shared_ptr<const std::string> request_id;
    std::unique_ptr<unusual> extra;      // null: no errors, and a status of the contract's
    sync_word status = sync_word::none;  // service_provisioning_status so far
    bool remove = false;                 // action: delete (else upsert)
    bool shown_pending = false;          // the last probe listed it as not yet synced
    bool unseen = false;                 // a whole list left it out: only a GET of it can tell
  };
  struct account_state {
    std::map<std::string, watched> rows;  // by telephone number
  };
  using row_ref = std::pair<std::string, std::string>;  // account, number

  // One round: the probe, then the confirmation of what it no longer shows, when due.
  awaitable<void> round();
  // The filtered page: none when it could not be read (refused, failed), partial when the
  // not-synced numbers span more than a page, whole when the page lists them all.
  enum class probe_result { none, partial, whole };
  awaitable<probe_result> probe(clock::time_point asked);
  // Reads what shows `rows` (watched, written before the probe) settled, the cheapest way.
  awaitable<void> confirm(std::vector<row_ref> rows);
  // GET /numbers, every page: settles every watched row it shows.
  awaitable<bool> sweep_all_numbers();
  // One GET for each of `numbers` (those still watched); a 404 ends the row as gone.
  awaitable<void> poll_numbers(const std::string& account, std::vector<std::string> numbers);
  // The account's list, every page (or a GET each for the rows left, when fewer).
  awaitable<void> poll_list(const std::string& account);
  // Settles the row from a NumberResource a list showed; true if it ended.
  bool settle_item(const boost::json::object& item, const std::string* only_account = nullptr);
  // Settles the row for `number` from its status; true if it ended (and was reported).
  bool settle_from(const std::string& account, account_state& acc, const std::string& number, std::string_view status,
                   std::vector<model::api_error> errors);
  model::report_row row_of(const std::string& account, const std::string& number, const watched& w) const;
  // Keeps the row's sync status and errors (from a report row the verdict was applied to).
  void keep_state(watched& w, std::string status, std::vector<model::api_error> errors);
  static std::string status_of(const watched& w);
  clock::time_point deadline_of(const watched& w) const { return w.added + ctx_.config.poll_timeout; }
  // Ends the row with `v` and reports it; the caller erases it.
  void finish(const std::string& account, const std::string& number, watched& w, const model::verdict& v);
  // After a whole list asked for at `asked`: the account's rows it did not show are unseen.
  void mark_unlisted(account_state& acc, clock::time_point asked);
  void expire_all();
  void notify();
  bool writers_blocked() const { return pending_ >= ctx_.config.max_pending; }
  // When the next round is due (clock::time_point::max() when nothing is watched).
  clock::time_point due() const;
  // The first look at rows: not before --poll-interval, nor before such rows are known to sync.
  clock::duration first_wait() const;
  // How big an account is now, as far as this run knows.
  std::uint64_t size_of(const std::string& account) const;

  run_context& ctx_;
  report_sink& sink_;
  sync_latency latency_;
  std::map<std::string, account_state> accounts_;
  std::map<std::string, std::uint64_t> written_;        // rows handed to the watch, per account
  std::vector<std::string> files_;                      // the inputs' names, once each
  std::shared_ptr<const std::string> last_request_id_;  // the rows of a batch come one after another
  std::size_t pending_ = 0;
  bool closed_ = false;
  clock::time_point next_round_ = clock::time_point::max();
  clock::duration interval_{};
  clock::time_point oldest_added_ = clock::time_point::max();  // of the rows watched now
  clock::time_point newest_added_{};
  std::size_t last_candidates_ = 0;
  // While the writers go on, how long rows wait before a round reads them anyway: 8 first
  // waits, doubled after each such round (a run's verdicts keep coming, at a bounded cost).
  clock::duration ripe_after_{};
  std::uint32_t list_round_ = 0;               // counts whole-list reads (watched::listed_in)
  net::steady_timer* waiting_ = nullptr;       // the run loop's idle wait, if idle
  std::vector<net::steady_timer*> throttled_;  // writers waiting in wait_below
};

}  // namespace acgprov::engine
