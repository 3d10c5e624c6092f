#pragma once
// How a run stops early, while it runs: SIGINT / SIGTERM and the --deadline.
//   first signal (or the deadline): ctx.begin_drain(): no new rows; the writes, retries and
//     polls already started go on for the grace period; then a hard stop.
//   second signal, or the grace period over: hard stop: ctx.abort() and `hard_stop` (the
//     session closes its connections and cuts off token requests, name lookups and their
//     backoffs, so that everything in flight ends at once and the process exits in moments).
// With no grace period the first signal is a plain ctx.abort(): no new requests, and those in
// flight end by themselves (bounded by --request-timeout); a second signal is the hard stop.
// In every case the job still reports every row (in flight: `error`; not started: `skipped`).
#include "engine/run_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace acgprov::jobs {

struct stop_policy {
  std::chrono::milliseconds grace{0};
  std::optional<std::chrono::system_clock::time_point> deadline;
  std::string deadline_text;  // as the user wrote it, for messages
};

// Blocks (or unblocks) SIGINT and SIGTERM for this thread, and the threads it starts: a
// blocked signal stays pending until unblocked. Jobs block them from their start until a
// graceful_stop is watching (it unblocks them), and graceful_stop::cancel blocks them again.
void block_stop_signals(bool block);

class graceful_stop {
public:
  // Starts watching at once. `ctx` and `hard_stop` must outlive this object.
  graceful_stop(net::io_context& io, engine::run_context& ctx, stop_policy policy, std::function<void()> hard_stop);
  // The run is over: stop watching (its waits end, so that io_context::run can return).
  void cancel();

private:
  void wait_signal();
  void request_stop(std::string reason, engine::abort_kind kind);
  void stop_now(std::string reason, engine::abort_kind kind);

  engine::run_context& ctx_;
  stop_policy policy_;
  std::function<void()> hard_stop_;
  net::signal_set signals_;
  net::steady_timer grace_timer_;
  net::steady_timer deadline_timer_;
  int signals_seen_ = 0;
  bool cancelled_ = false;
  bool hard_ = false;
};

}  // namespace acgprov::jobs
