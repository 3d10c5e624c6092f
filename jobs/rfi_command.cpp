// `acgprov rfi update` and the `rfi` dispatcher (`rfi list` lives with the exports in
// export_command.cpp).
#include "jobs/commands.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/resource_command.hpp"
#include "jobs/rfi_row.hpp"
#include "jobs/rfi_update.hpp"

#include <iostream>

namespace acgprov::jobs {

namespace {

const char* const rfi_update_usage = R"(usage: acgprov rfi update INPUT [INPUT...] --endpoint URL --report PATH [options]

Updates the customer relationship (status, comment) of Teams requests for information: one
PATCH (application/merge-patch+json) per row, watched until it is pushed to Teams; one report
row per input row (the report's accountName column holds the RFI's tenantId).
CSV columns: tenantId (required), status, comment; an empty cell leaves that member as it is.
JSON rows: {"tenantId": ..., "customerRelationship": {"status": ..., "comment": ...}}; null
removes a member; the read-only members of an RFI (as `rfi list` writes it) are ignored.

)";

const char* const rfi_update_tail = R"(
exit codes: 0 every row synced; 1 finished, some rows not; 2 usage, configuration or
unreadable input (nothing sent); 3 aborted (credentials refused, endpoint unreachable,
interrupted), with the report complete for every row; 4 another run holds the report's lock
(REPORT.lock): nothing read, sent or written.
)";

int rfi_update_main(const std::vector<std::string>& args) {
  resource_command_options o;
  try {
    o = parse_resource_command(args, nullptr);
  } catch (const usage_error& e) {
    return usage_failure("rfi update", e);
  }
  if (o.help) {
    std::cout << rfi_update_usage << resource_command_usage << poll_usage << "\n" << connection_usage << rfi_update_tail;
    return exit_ok;
  }
  rfi_writer writer;
  resource_rows_config rows{rfi_csv, to_rfi_task, "update", "DuplicateTenant", "tenantId", true};
  return run_resource_command(o, std::move(rows), writer);
}

const char* const rfi_usage = R"(usage: acgprov rfi list [--status S] --output PATH [options]   write the RFIs
       acgprov rfi update INPUT... --report PATH [options]       update customer relationships
  (see acgprov rfi list --help, acgprov rfi update --help)
)";

}  // namespace

int rfi_main(const std::vector<std::string>& args) {
  return dispatch_subcommand("rfi", args, {{"list", rfi_list_main}, {"update", rfi_update_main}}, rfi_usage);
}

}  // namespace acgprov::jobs
