#pragma once
// Inspection-API controls that let a test put the emulator into a state and keep it there until
// the test moves on (docs/sim.md §10):
//   POST /_sim/hold {"operation", "after"?}   answers of that operationId (after the first
//                                         `after`, default 0) are held (the request is applied;
//                                         the answer waits) until POST /_sim/release
//   GET  /_sim/hold                       {"operation", "held": answers held so far}
//   POST /_sim/refuse-batches {status, code, message}   every batch (:createOrUpdateNumbers,
//                                         :deleteNumbers) is refused so, naming no item;
//                                         {} ends it
//   POST /_sim/delete-number {accountName, telephoneNumber}   "another user" deletes a number
//   POST /_sim/answer-override {operation, serviceProvisioningStatus?, unreadable?}   2xx answers
//                                         of that operation show that status, or a body that is
//                                         not JSON; {operation} alone ends it
//   POST /_sim/script-answers {answers: [{status, retryAfter?}...], operation?}   the next API
//                                         requests (of that operation) get these answers, in
//                                         order, instead of being served; {answers: []} ends it
//   GET  /_sim/script-answers             {"operation", "left", "given"}
#include "sim/state/stats.hpp"
#include "sim/state/store.hpp"
#include "sim/transport/http_message.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::sim {

// One answer of /_sim/script-answers: what the app sends instead of serving the request.
struct scripted_answer {
  unsigned status = 0;                      // 400..599
  std::optional<std::int64_t> retry_after;  // seconds, for the Retry-After header
};

class test_controls {
public:
  // The answer to a /_sim/ request this class serves (`what` is the segment after /_sim/), or
  // nullopt when it is not one of its endpoints.
  std::optional<http_response> handle(const http_request& req, std::string_view what, store& data, sim_stats& stats);
  // An API request of operation `op` was answered with `out`: holds it if asked to.
  void on_answer(std::string_view op, handler_outcome& out);
  // A refusal for a batch operation while /_sim/refuse-batches is on.
  std::optional<http_response> batch_refusal(std::string_view op) const;
  // The scripted answer the next API request of operation `op` takes, if one is left (each is
  // given once).
  std::optional<scripted_answer> take_scripted(std::string_view op);

private:
  http_response set_script(const http_request& req);

  std::string hold_operation_;
  std::shared_ptr<bool> hold_released_;
  std::uint64_t held_ = 0;
  std::uint64_t hold_passes_ = 0;  // answers the hold lets through before it holds
  std::optional<http_response> batch_refusal_;
  struct answer_override {
    std::string status;       // replaces serviceProvisioningStatus ("" keeps it)
    bool unreadable = false;  // the body is cut short: not JSON
  };
  std::map<std::string, answer_override, std::less<>> overrides_;  // by operationId
  std::deque<scripted_answer> script_;
  std::string script_operation_;  // "" = every API operation
  std::uint64_t script_given_ = 0;
};

}  // namespace acgprov::sim
