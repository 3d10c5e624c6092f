#pragma once
// The report's own error codes: what acgprov writes in a row's `errors` when the reason is not
// an error the API answered (those pass through with the API's code). One table, so that
// schedulers and --resume can rely on the spelling; extend, never rename.
#include <string_view>

namespace acgprov::model::codes {

// Nothing was sent for the row: the run stopped (signal, --deadline, a run-level failure) first.
inline constexpr std::string_view not_attempted = "NotAttempted";
// The row was sent, but the answer refused the run, not the row (credentials, role, endpoint,
// a circuit breaker): --resume sends it again once the cause is fixed.
inline constexpr std::string_view run_stopped = "RunStopped";
// No answer: the request timed out / failed in transport (retries exhausted).
inline constexpr std::string_view timeout = "Timeout";
inline constexpr std::string_view transport_error = "TransportError";
// Written, still pending when --poll-timeout passed.
inline constexpr std::string_view poll_timeout = "PollTimeout";
// Written, and the run stopped while its sync was still pending.
inline constexpr std::string_view interrupted = "Interrupted";
// Written (accepted), then gone: a later read found no such resource.
inline constexpr std::string_view not_found = "NotFound";
// The API refused the whole batch (and both its halves) the same way, naming no item: the
// answer is not about this row, so it is not final (--resume sends it again).
inline constexpr std::string_view batch_refused = "BatchRefused";
// A serviceProvisioningStatus that is none of pending, synced, failed: never taken as synced.
inline constexpr std::string_view unknown_status = "UnknownStatus";
// A bug: a row the engine left without a verdict.
inline constexpr std::string_view internal = "Internal";
// An answer that is not the API's JSON error: "HttpStatus" + the status (HttpStatus503).
inline constexpr std::string_view http_status_prefix = "HttpStatus";

}  // namespace acgprov::model::codes
