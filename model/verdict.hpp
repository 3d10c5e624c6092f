#pragma once
// The one owner of a row's verdict: turns evidence (what the API answered, the sync status an
// answer showed, the run's state) into the row's final outcome and errors. Nothing else assigns
// a final outcome to a number row. The rules:
// - Only an answer about one row ends that row with a verdict about it (synced, failed,
//   deleted, rejected, conflict). An answer about the run or the whole batch, or no answer,
//   leaves the row `error` (sent) or `skipped` (not sent), which --resume sends again.
// - `synced` only when an answer showed `synced`; a status other than pending, synced or
//   failed, or an answer that cannot be read, keeps the row watched. Absence from a list is
//   never evidence (engine/watch/sync_watch.hpp confirms such rows).
// No I/O: the engine turns its answers into the evidence below.
#include "model/error_codes.hpp"
#include "model/report_row.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::model {

// The last answer (or its absence) to a request that carried the row.
struct write_evidence {
  int http_status = 0;            // 0: no answer at all
  std::uint32_t attempts = 0;     // requests actually sent
  bool run_level = false;         // the answer refused the run, not the row (ctx.abort was called)
  bool aborted = false;           // the run stopped before (or between) attempts
  bool timed_out = false;         // no answer because of a timeout (else another transport failure)
  std::string failure;            // one line: why there is no usable answer
  std::vector<api_error> errors;  // the answer's error body, parsed (empty without an answer)
};

// A row's verdict: final (an outcome), or not yet (keep watching its sync).
struct verdict {
  std::optional<model::outcome> outcome;  // nullopt: not final, watch the row
  std::vector<api_error> errors;
  std::string sync_status;  // serviceProvisioningStatus to record; "" leaves the row's as is
  bool final() const { return outcome.has_value(); }
};

// Writes the verdict into the row (outcome only when final; errors always; status when given).
void apply(report_row& row, const verdict& v);

// A write that ended without a usable 2xx: skipped (nothing sent), error (no answer, 5xx,
// throttling exhausted, a refusal of the run), conflict (412) or rejected (any other 4xx).
verdict refused(const write_evidence& e);

// The sync status an answer about the row showed: synced and failed (with the
// serviceProvisioningErrors) end it; pending keeps it watched; anything else (an unknown word,
// no status at all) keeps it watched too, noted as UnknownStatus.
verdict sync_seen(std::string_view status, std::vector<api_error> errors);
bool is_known_status(std::string_view status);

// A 2xx to an upsert whose body could not be read: accepted, state unknown, so watched.
verdict accepted_unread();

// A delete answered with a 2xx: deleted. A 404 is `deleted` only when its error names the
// number (the number is absent); a 404 about anything else (the account is not found, which may
// be a wrong account name) is `rejected` with the API's error, in single and batch mode alike.
verdict delete_answered(int http_status, std::vector<api_error> errors, std::string_view number);

// An item of a refused batch that the answer names: rejected with its own errors.
verdict item_refused(int http_status, std::vector<api_error> errors);

// Rows of a refused batch that the answer does not name (group_size rows were sent together):
// a batch of one is about that row (rejected); otherwise the answer is about the batch, not
// the row: error (RunStopped while the run stops, else BatchRefused), so --resume sends it.
verdict unnamed_in_batch(const write_evidence& e, std::size_t group_size, bool stopping);

verdict number_gone();                                                  // accepted, then a read found it absent
verdict poll_expired(std::string_view last_status);                     // timeout (PollTimeout)
verdict interrupted(std::string_view what, const std::string& reason);  // error (Interrupted)
verdict not_attempted(const std::string& reason);                       // skipped (NotAttempted)
verdict internal(std::string message);                                  // error (Internal)

// The same refusal of a whole batch answered again and again means the run, not its rows, is
// wrong: after `limit` in a row (same status and code, naming no item), trip() says so.
class refusal_breaker {
public:
  explicit refusal_breaker(unsigned limit = 3) : limit_(limit) {}
  // A batch (and both its halves) refused as a whole: true when this makes `limit` in a row.
  bool note_refusal(int http_status, const std::string& code);
  // An answer that accepted a batch, or named its bad items: the streak ends.
  void note_answer() { streak_ = 0; }
  unsigned streak() const { return streak_; }

private:
  unsigned limit_;
  unsigned streak_ = 0;
  int status_ = 0;
  std::string code_;
};

}  // namespace acgprov::model
