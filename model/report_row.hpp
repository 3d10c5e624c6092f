#pragma once
// One row of the report: what became of one input row. The column names and outcome words
// are a fixed interface (schedulers parse them); extend, never rename.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::model {

enum class outcome {
  synced,     // written and synced, or no sync applies
  failed,     // backend sync failed; its errors passed through
  deleted,    // deleted, or already absent
  invalid,    // refused locally; nothing sent
  rejected,   // the API refused it (4xx)
  conflict,   // 412
  timeout,    // still pending at --poll-timeout
  error,      // transport / 5xx / throttling retries exhausted
  skipped,    // not attempted (stopped run)
  planned,    // --dry-run: valid, would be sent
  unchanged,  // --plan: the API already holds exactly this
};

std::string_view to_string(outcome o);
std::optional<outcome> parse_outcome(std::string_view s);

// An Azure error object, as in the API's error body and serviceProvisioningErrors.
struct api_error {
  std::string code;
  std::string message;
  std::string target;
};

struct report_row {
  std::string file;
  std::uint64_t line = 0;
  std::string action;  // "upsert" | "delete"
  std::string account_name;
  std::string telephone_number;
  model::outcome outcome = model::outcome::error;
  int http_status = 0;                      // last HTTP status seen; 0 = none (nothing sent / transport error)
  std::string service_provisioning_status;  // pending | synced | failed | "" (unknown)
  std::vector<api_error> errors;
  std::uint32_t attempts = 0;  // requests that carried this row
  std::uint64_t elapsed_ms = 0;
  std::string request_id;  // x-ms-client-request-id of the last write sent
  // `acgprov accounts apply`: the Direct Routing subdomainStatus (provisioned | notProvisioned
  // | inconsistent) once the account settled; "" otherwise (numbers, RFIs, no DR).
  std::string subdomain_status;
  // The journal (--resume): which record of its physical line this row is about (1 = the
  // first; a minified JSON array holds many records on one line), and a digest of that
  // record's normalised content, so that an edited record is processed again. 0 = unknown
  // (rows of reports written before these columns).
  std::uint64_t record = 0;
  std::uint64_t record_digest = 0;
};

}  // namespace acgprov::model
