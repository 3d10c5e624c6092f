#pragma once
// Updating one RFI's customer relationship (`acgprov rfi update`): a PATCH with
// application/merge-patch+json, then watching the RFI until the update is pushed to Teams.
#include "jobs/commands/resource_command.hpp"

namespace acgprov::jobs {

// Outcomes: synced / failed / timeout; rejected (4xx, e.g. 404 for an unknown tenant);
// conflict (412); error (transport, 5xx, throttling); skipped (the run stopped first).
class rfi_writer final : public resource_writer {
public:
  awaitable<model::report_row> carry(engine::run_context& ctx, resource_task task, model::report_row row) override;
};

}  // namespace acgprov::jobs
