#pragma once
// Writing one account safely (`acgprov accounts apply`): create-only with If-None-Match: *,
// or an update conditioned on the ETag (the row's `etag`, else the one read just before);
// a 412 is re-read and reported `conflict`, or with --on-conflict overwrite written once more
// with the new ETag. An accepted write is watched until its backend sync ends, and the Direct
// Routing subdomainStatus goes in the report.
#include "engine/run_context.hpp"
#include "jobs/commands/resource_command.hpp"
#include "model/report_row.hpp"

namespace acgprov::jobs {

enum class conflict_policy { report, overwrite };

struct account_apply_settings {
  bool if_absent = false;  // --if-absent: create only; an existing account is `conflict`
  conflict_policy on_conflict = conflict_policy::report;
};

// The report row's attempts count every request that read or wrote the account (the GET
// before the write, the PUTs, the re-read after a 412), not the polls of its sync.
// Outcomes: synced / failed / timeout after a write; unchanged (the account already holds
// exactly these settings and is not `failed`: nothing is written); conflict (412); rejected
// (4xx); error (transport, 5xx, throttling); skipped (the run stopped first).
class account_writer final : public resource_writer {
public:
  explicit account_writer(account_apply_settings settings) : settings_(settings) {}
  awaitable<model::report_row> carry(engine::run_context& ctx, resource_task task, model::report_row row) override;

private:
  account_apply_settings settings_;
};

}  // namespace acgprov::jobs
