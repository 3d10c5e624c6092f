#include "model/verdict.hpp"

#include <cctype>

namespace acgprov::model {

namespace {

api_error own(std::string_view code, std::string message, std::string target = {}) {
  return {std::string(code), std::move(message), std::move(target)};
}

verdict ends(outcome o, std::vector<api_error> errors = {}) { return {o, std::move(errors), {}}; }

// `text` holds `number` as a whole token (+1425555010 is not in +14255550100).
bool names(std::string_view text, std::string_view number) {
  if (number.empty()) return false;
  for (auto pos = text.find(number); pos != std::string_view::npos; pos = text.find(number, pos + 1)) {
    const auto end = pos + number.size();
    if (end == text.size() || !std::isdigit(static_cast<unsigned char>(text[end]))) return true;
  }
  return false;
}

}  // namespace

void apply(report_row& row, const verdict& v) {
  if (v.outcome) row.outcome = *v.outcome;
  row.errors = v.errors;
  if (!v.sync_status.empty()) row.service_provisioning_status = v.sync_status;
}

verdict refused(const write_evidence& e) {
  if (e.run_level)
    // The answer is about the run (credentials, role, endpoint), not this row: --resume retries it.
    return ends(e.attempts == 0 ? outcome::skipped : outcome::error, {own(codes::run_stopped, e.failure)});
  if (e.aborted && e.attempts == 0) return ends(outcome::skipped, {own(codes::not_attempted, e.failure)});
  if (e.http_status == 0)
    return ends(outcome::error, {own(e.timed_out ? codes::timeout : codes::transport_error, e.failure)});
  const int s = e.http_status;
  if (s == 412) return ends(outcome::conflict, e.errors);
  if (s >= 400 && s < 500 && s != 429 && s != 408) return ends(outcome::rejected, e.errors);
  return ends(outcome::error, e.errors);  // 5xx or throttling, retries exhausted
}

bool is_known_status(std::string_view status) {
  return status == "pending" || status == "synced" || status == "failed";
}

verdict sync_seen(std::string_view status, std::vector<api_error> errors) {
  if (status == "synced") return {outcome::synced, {}, "synced"};
  if (status == "failed") return {outcome::failed, std::move(errors), "failed"};
  if (status == "pending") return {std::nullopt, {}, "pending"};
  // Not a word of the contract's enum (or no status at all): proof of nothing, so watched.
  std::string shown =
      status.empty() ? "no serviceProvisioningStatus" : "serviceProvisioningStatus '" + std::string(status) + "'";
  return {std::nullopt,
          {own(codes::unknown_status, "the answer showed " + shown + ", none of pending, synced, failed")},
          status.empty() ? "" : std::string(status)};
}

verdict accepted_unread() {
  return {
      std::nullopt, {own(codes::unknown_status, "the write was accepted but its answer could not be read")}, "pending"};
}

verdict delete_answered(int http_status, std::vector<api_error> errors, std::string_view number) {
  if (http_status >= 200 && http_status < 300) return ends(outcome::deleted);
  if (http_status == 404) {
    for (const auto& e : errors)
      if (names(e.message, number) || names(e.target, number)) return ends(outcome::deleted);  // absent: the goal holds
    return ends(outcome::rejected, std::move(errors));  // the account is not found: not evidence of a delete
  }
  write_evidence e;
  e.http_status = http_status;
  e.attempts = 1;
  e.errors = std::move(errors);
  return refused(e);
}

verdict item_refused(int http_status, std::vector<api_error> errors) {
  return ends(http_status == 412 ? outcome::conflict : outcome::rejected, std::move(errors));
}

verdict unnamed_in_batch(const write_evidence& e, std::size_t group_size, bool stopping) {
  if (group_size <= 1) return refused(e);  // a batch of one: the answer is about that row
  std::vector<api_error> errors;
  if (stopping)
    errors.push_back(own(codes::run_stopped, "the run stopped; the API refused the batch of " +
                                                 std::to_string(group_size) +
                                                 " without naming this row, so it was not applied"));
  else
    errors.push_back(own(codes::batch_refused, "the API refused the batch of " + std::to_string(group_size) +
                                                   " and both its halves the same way, naming no row; not applied"));
  for (const auto& a : e.errors) errors.push_back(a);
  return ends(outcome::error, std::move(errors));
}

verdict number_gone() {
  return ends(
      outcome::error,
      {own(codes::not_found, "the number was accepted but no longer exists (deleted meanwhile?)", "telephoneNumber")});
}

verdict poll_expired(std::string_view last_status) {
  std::vector<api_error> errors{own(codes::poll_timeout, "still pending when --poll-timeout passed")};
  if (!is_known_status(last_status) && !last_status.empty())
    errors.push_back(own(codes::unknown_status, "the last answer showed serviceProvisioningStatus '" +
                                                    std::string(last_status) + "', none of pending, synced, failed"));
  return {outcome::timeout, std::move(errors), {}};
}

verdict interrupted(std::string_view what, const std::string& reason) {
  return ends(outcome::error, {own(codes::interrupted,
                                   "run stopped while the " + std::string(what) + " was still pending: " + reason)});
}

verdict not_attempted(const std::string& reason) { return ends(outcome::skipped, {own(codes::not_attempted, reason)}); }

verdict internal(std::string message) { return ends(outcome::error, {own(codes::internal, std::move(message))}); }

bool refusal_breaker::note_refusal(int http_status, const std::string& code) {
  if (streak_ > 0 && http_status == status_ && code == code_) ++streak_;
  else {
    streak_ = 1;
    status_ = http_status;
    code_ = code;
  }
  return streak_ >= limit_;
}

}  // namespace acgprov::model
