#pragma once
// Everything the workers of one run share. Lives on the stack of the job that runs the
// engine, so it outlives every coroutine it is handed to. One thread: no locks.
#include "auth/token_cache.hpp"
#include "engine/request/rate_limiter.hpp"
#include "engine/request/retry_policy.hpp"
#include "engine/run_numbers.hpp"
#include "engine/run_stats.hpp"
#include "engine/write/server_clock.hpp"
#include "io/https_client.hpp"
#include "model/verdict.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <list>
#include <random>
#include <string>
#include <unordered_map>

namespace acgprov::engine {

enum class write_mode { batch, single };

// The defaults of --api-version and --max-in-flight, declared once (the connection options
// and the engine's configuration both start from them).
inline constexpr const char* default_api_version = "2024-02-29-preview";
inline constexpr std::size_t default_max_in_flight = 16;

struct engine_config {
  write_mode mode = write_mode::batch;  // batch: up to 100 numbers a request
  std::size_t batch_size = 100;
  std::size_t max_pending = 1'000'000;  // rows waiting for sync before writing pauses (--max-pending)
  std::string api_version = default_api_version;
  std::size_t max_in_flight = default_max_in_flight;
  std::chrono::milliseconds poll_interval{2'000};  // first wait before polling a pending row
  std::chrono::milliseconds max_poll_interval{30'000};
  std::chrono::milliseconds poll_timeout{900'000};  // a row still pending then is `timeout`
  bool if_absent = false;                           // create only: If-None-Match: *
  retry_config retry;
};

// Why a run stopped early, for the scheduler (the summary's abortKind, the metrics): a deadline
// or a signal is expected (resume tomorrow); the others need someone to look.
enum class abort_kind { none, deadline, signal, credentials, endpoint, proxy, internal };

struct run_context {
  run_context(io::https_client& a, auth::token_cache& t, rate_limiter& l, const engine_config& c)
      : api(a), tokens(t), limiter(l), config(c) {}

  io::https_client& api;
  auth::token_cache& tokens;
  rate_limiter& limiter;
  const engine_config& config;
  run_stats stats;
  // Every number of the run: the input's duplicate check and the sync watch share it.
  run_numbers numbers;
  std::mt19937_64 rng{std::random_device{}()};
  // How many numbers each account holds, as its list last said (the plan's read, the sync
  // watch's pages): the watch prices a round of polls with it before paging the list itself.
  std::unordered_map<std::string, std::size_t> account_sizes;
  // The server answered a filtered list with 400: the contract names `filter` but not its
  // grammar, so every strategy that filters reads unfiltered lists for the rest of the run.
  bool filter_refused = false;
  // Whole-batch refusals in a row (engine/write/write_batch.cpp): three alike stop the run.
  model::refusal_breaker batch_breaker;

  // Set when the run must end early (credentials refused, endpoint unreachable, a signal):
  // workers take no new rows, and the job reports the rest `skipped`.
  bool stopping = false;
  std::string abort_reason;
  abort_kind abort_cause = abort_kind::none;
  bool ever_answered = false;       // any HTTP response from the API at all
  server_clock server_time;         // the API's clock, from its Date headers (Repeatability-First-Sent)
  bool warned_retry_after = false;  // a Retry-After above the cap was logged once

  // A graceful stop (first signal, --deadline): workers take no new rows, but the writes,
  // retries and polls already started go on until they end or the job's grace period does
  // (then abort()). stopping stays false meanwhile; the job reports the rest `skipped`.
  bool draining = false;
  std::string drain_reason;
  abort_kind drain_cause = abort_kind::none;
  bool taking_rows() const { return !stopping && !draining; }

  // Ends the run early: wakes every sleeping worker and refuses further rate-limit tokens.
  void abort(std::string reason, abort_kind kind = abort_kind::internal) {
    if (!stopping) {
      abort_reason = std::move(reason);
      abort_cause = kind;
    }
    stopping = true;
    limiter.stop();
    for (auto* t : sleepers_) t->cancel();
    for (auto* t : row_waiters_) t->cancel();
  }
  // Starts a graceful stop; no-op if one is under way or the run is stopping.
  void begin_drain(std::string reason, abort_kind kind) {
    if (stopping || draining) return;
    draining = true;
    drain_reason = std::move(reason);
    drain_cause = kind;
    for (auto* t : row_waiters_) t->cancel();
  }
  // Waits on `timer` (which the caller armed) until it fires or is cancelled, or the run stops
  // taking rows: for waits that only make sense while rows are still being taken.
  awaitable<void> wait_while_taking_rows(net::steady_timer& timer) {
    if (!taking_rows()) co_return;
    auto it = row_waiters_.insert(row_waiters_.end(), &timer);
    co_await timer.async_wait(as_result);
    row_waiters_.erase(it);
  }
  double unit_draw() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

  // Sleeps for `d`; returns false at once if the run is stopping (now or meanwhile). While it
  // sleeps, *handle (if given) points at its timer, so that others can wake it early.
  awaitable<bool> sleep(std::chrono::steady_clock::duration d, net::steady_timer** handle = nullptr) {
    if (stopping) co_return false;
    net::steady_timer timer(co_await net::this_coro::executor, d);
    auto it = sleepers_.insert(sleepers_.end(), &timer);
    if (handle) *handle = &timer;
    co_await timer.async_wait(as_result);
    if (handle) *handle = nullptr;
    sleepers_.erase(it);
    co_return !stopping;
  }

private:
  std::list<net::steady_timer*> sleepers_;
  std::list<net::steady_timer*> row_waiters_;
};

}  // namespace acgprov::engine
