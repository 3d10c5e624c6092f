#pragma once
// Writing one number (PUT or DELETE) as one coroutine. A row whose write is accepted but
// whose sync is pending comes back `pending`: the sync_watch follows it from there.
#include "engine/number_task.hpp"
#include "engine/run_context.hpp"
#include "model/report_row.hpp"
#include "model/verdict.hpp"

namespace acgprov::engine {

struct write_result {
  model::report_row row;
  bool pending = false;  // accepted, backend sync pending: hand to sync_watch
};

// Never throws for anything the API or the network does.
awaitable<write_result> write_number(run_context& ctx, number_task task);

// The report row's identity columns for a task (outcome and results left to fill in).
model::report_row row_for(const number_task& task);

// The evidence an api_outcome holds, for model/verdict.hpp (the error body parsed).
model::write_evidence evidence_of(const struct api_outcome& out);

// Fills the row from an api_outcome that ended without a usable 2xx (model::refused): skipped
// (nothing sent), error (transport, 5xx, throttling exhausted, a refusal of the run), conflict
// (412) or rejected (4xx).
void fail_row(model::report_row& row, const struct api_outcome& out);

// Outcome from a resource's provisioning state (model::sync_seen): false while it is not
// final (pending, or a status that proves nothing).
bool settle(model::report_row& row, const struct provisioning_state& state);

}  // namespace acgprov::engine
