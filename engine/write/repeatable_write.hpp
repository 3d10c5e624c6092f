#pragma once
// The Repeatability-Request-ID and -First-Sent of one logical write across its attempts
// (OASIS Repeatable Requests 1.0). The server remembers an id's first answer for a window it
// does not publish (Azure Communication Services documents five minutes) and refuses, with 412
// and `Repeatability-Result: rejected`, applying nothing, a First-Sent outside it. So:
//   - an attempt is stamped as it goes on the wire (after the rate limiter), on the server's
//     clock (server_clock);
//   - a retry keeps the id only while an earlier attempt with it may have been applied (no
//     answer, or a 5xx) and the id is younger than reuse_limit: then the server's record
//     answers the retry instead of applying it twice. Otherwise (the earlier attempts were
//     answered 429 or 401, which apply nothing, or the id is old) it gets a new id and First-Sent;
//   - a 412 `rejected` means the server has no usable record: the next attempt is new.
// Pure: the caller passes the clocks and the new ids.
#include <chrono>
#include <string>

namespace acgprov::engine {

class repeatable_write {
public:
  using steady = std::chrono::steady_clock;
  // A minute under the five minutes documented for Azure Communication Services, for the error
  // of the clock estimate and the time a request spends on the wire. A shorter window on the
  // server costs one 412 `rejected` and a new id, never a refused write.
  static constexpr std::chrono::seconds reuse_limit{240};

  // Whether the attempt about to be sent needs a new id and First-Sent.
  bool needs_new_stamp(steady::time_point now) const {
    return id_.empty() || !maybe_applied_ || now - stamped_ >= reuse_limit;
  }
  // A new id, First-Sent = server_now (RFC 3339, as the OpenAPI file's `date-time` says).
  void restamp(std::string id, steady::time_point now, std::chrono::system_clock::time_point server_now);
  // After an attempt: `maybe_applied` when it got no answer or a 5xx.
  void attempt_ended(bool maybe_applied) { maybe_applied_ = maybe_applied_ || maybe_applied; }
  // The server answered 412 `rejected`: it keeps no record of this id that it would honour.
  void server_rejected() { maybe_applied_ = false; }

  const std::string& id() const { return id_; }
  const std::string& first_sent() const { return first_sent_; }

private:
  std::string id_;
  std::string first_sent_;
  steady::time_point stamped_{};
  bool maybe_applied_ = false;  // an attempt with id_ may have been applied
};

}  // namespace acgprov::engine
