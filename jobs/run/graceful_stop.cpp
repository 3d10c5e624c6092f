#include "jobs/run/graceful_stop.hpp"

#include "io/log.hpp"
#include "jobs/cli/schedule_options.hpp"

#include <csignal>

namespace acgprov::jobs {

void block_stop_signals(bool block) {
  sigset_t stops;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  ::pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &stops, nullptr);
}

graceful_stop::graceful_stop(net::io_context& io, engine::run_context& ctx, stop_policy policy,
                             std::function<void()> hard_stop)
    : ctx_(ctx),
      policy_(std::move(policy)),
      hard_stop_(std::move(hard_stop)),
      signals_(io, SIGINT, SIGTERM),
      grace_timer_(io),
      deadline_timer_(io) {
  wait_signal();
  // The handlers are in place: a stop that came earlier, while a job kept these signals
  // blocked (scheduled_run), is delivered now.
  block_stop_signals(false);
  if (policy_.deadline) {
    // A steady timer for the time left: immune to the wall clock being set meanwhile.
    auto left = *policy_.deadline - std::chrono::system_clock::now();
    deadline_timer_.expires_after(std::chrono::duration_cast<net::steady_timer::duration>(
        std::max(left, std::chrono::system_clock::duration::zero())));
    deadline_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || cancelled_) return;
      request_stop("deadline reached (--deadline " + policy_.deadline_text + ")", engine::abort_kind::deadline);
    });
  }
}

void graceful_stop::cancel() {
  cancelled_ = true;
  // The run is over; what is left is local (reporting the rows not taken as skipped, the
  // summary): a late signal must not kill the process halfway through the report, so it
  // stays pending, and is dropped at exit.
  block_stop_signals(true);
  boost::system::error_code ignored;
  signals_.cancel(ignored);
  grace_timer_.cancel();
  deadline_timer_.cancel();
}

void graceful_stop::wait_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (ec || cancelled_) return;
    const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    if (++signals_seen_ == 1) request_stop("interrupted by " + name, engine::abort_kind::signal);
    else stop_now("interrupted by " + name + " again: stopping at once", engine::abort_kind::signal);
    if (!hard_) wait_signal();
  });
}

void graceful_stop::request_stop(std::string reason, engine::abort_kind kind) {
  if (ctx_.stopping || ctx_.draining) return;
  if (policy_.grace.count() <= 0) {
    io::log::warning("stopping", reason + ": taking no new rows (a second signal cuts off the requests in flight)",
                     {{"reason", reason}});
    ctx_.abort(reason, kind);
    return;
  }
  const auto grace_s = std::chrono::duration_cast<std::chrono::seconds>(policy_.grace);
  io::log::warning("draining",
                   reason + ": taking no new rows; requests already started have " + format_duration(grace_s) +
                       " to finish (a second signal stops at once)",
                   {{"reason", reason}, {"graceMs", static_cast<long long>(policy_.grace.count())}});
  ctx_.begin_drain(reason, kind);
  grace_timer_.expires_after(policy_.grace);
  grace_timer_.async_wait([this, reason, kind](const boost::system::error_code& ec) {
    if (ec || cancelled_) return;
    stop_now(reason + " (the grace period of " +
                 format_duration(std::chrono::duration_cast<std::chrono::seconds>(policy_.grace)) + " ended)",
             kind);
  });
}

void graceful_stop::stop_now(std::string reason, engine::abort_kind kind) {
  if (hard_) return;
  hard_ = true;
  io::log::warning("stopping_now", reason + ": cutting off the requests in flight", {{"reason", reason}});
  grace_timer_.cancel();
  // A second signal during a deadline's drain: the stop is the signal's.
  ctx_.abort(reason, kind);
  hard_stop_();
}

}  // namespace acgprov::jobs
