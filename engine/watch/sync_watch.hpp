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
#include "engine/plan/read_price.hpp"
#include "engine/run_context.hpp"
#include "engine/watch/sync_latency.hpp"
#include "engine/watch/watched_rows.hpp"
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
  using row = watched_rows::row;
  using sync_word = watched_rows::sync_word;

  // One round: the probe, then the confirmation of what it no longer shows, when due.
  awaitable<void> round();
  // The filtered page: none when it could not be read (refused, failed), partial when the
  // not-synced numbers span more than a page, whole when the page lists them all.
  enum class probe_result { none, partial, whole };
  awaitable<probe_result> probe(clock::time_point asked);
  // The rows a round reads for: written before `asked`, and not shown pending by its probe.
  static bool candidate(const row& r, clock::time_point asked, bool probed) {
    return r.added <= asked && !(probed && r.st.shown_pending);
  }
  // The cheapest read that shows `rows_in` (candidates per account) settled.
  watch_price price_of(const std::map<std::uint32_t, std::uint64_t>& rows_in) const;
  // Reads what shows the candidates settled, the cheapest way.
  awaitable<void> confirm(clock::time_point asked, bool probed);
  // GET /numbers, every page: settles every watched row it shows.
  awaitable<bool> sweep_all_numbers();
  // One GET for each of `numbers` (those still watched); a 404 ends the row as gone.
  awaitable<void> poll_numbers(const std::string& account, std::vector<std::string> numbers);
  // The account's list, every page; true if it was read whole.
  awaitable<bool> poll_list(const std::string& account);
  // Settles the row from a NumberResource a list showed; true if it ended.
  bool settle_item(const boost::json::object& item, const std::string* only_account = nullptr);
  // Settles `r` from its status; true if it ended (and was reported).
  bool settle_from(row r, std::string_view status, std::vector<model::api_error> errors);
  // The status word of `status`; an unusual word or errors go to `extra`.
  static sync_word classify(std::string status, std::vector<model::api_error> errors,
                            std::unique_ptr<watched_rows::unusual>& extra);
  std::string status_of(const row& r) const;
  // --poll-timeout after its write. A row a whole probe showed settled waits for the read of its
  // final state until the writers are done (reading the deployment for it meanwhile would read
  // again what the last read will), then has a whole --poll-timeout for it.
  clock::time_point deadline_of(const row& r) const {
    if (!r.st.settled) return r.added + ctx_.config.poll_timeout;
    return closed_ ? std::max(r.added, closed_at_) + ctx_.config.poll_timeout : clock::time_point::max();
  }
  // Ends the row with `v` and reports it (with `http_status`, when given).
  void finish(const row& r, const model::verdict& v, int http_status = 0);
  // Ends, with verdict(row), every row `ends` picks (in bounded passes: the rows to end are
  // gathered a few thousand at a time, never all at once).
  template <class Pick, class Verdict>
  void finish_all(Pick ends, Verdict verdict);
  // Before a whole list: no row is listed yet (`in`: the account's rows; all without it).
  void clear_listed(std::optional<std::uint32_t> in);
  // After whole lists asked for at `asked[account]`: their rows written before and not shown
  // are unseen.
  void mark_unlisted(const std::map<std::uint32_t, clock::time_point>& asked);
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
  watched_rows rows_;
  std::map<std::string, std::uint64_t> written_;  // rows handed to the watch, per account
  std::size_t pending_ = 0;
  bool closed_ = false;
  clock::time_point closed_at_{};
  clock::time_point next_round_ = clock::time_point::max();
  clock::duration interval_{};
  clock::time_point oldest_added_ = clock::time_point::max();  // of the rows watched now
  // Of the rows watched now that no whole probe showed settled: the next deadline follows it.
  clock::time_point oldest_unsettled_ = clock::time_point::max();
  clock::time_point newest_added_{};
  std::size_t last_candidates_ = 0;
  // While the writers go on, how long rows wait before a round reads them anyway: 8 first
  // waits, doubled after each such round (a run's verdicts keep coming, at a bounded cost).
  clock::duration ripe_after_{};
  std::uint64_t confirmed_at_ = 0;             // the run's requests when the last confirmation began
  net::steady_timer* waiting_ = nullptr;       // the run loop's idle wait, if idle
  std::vector<net::steady_timer*> throttled_;  // writers waiting in wait_below
};

}  // namespace acgprov::engine
