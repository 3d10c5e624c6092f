// `acgprov rfi update` and the `rfi` dispatcher (`rfi list` lives with the exports in
// export_command.cpp).
#include "jobs/commands/commands.hpp"
#include "jobs/commands/resource_command.hpp"
#include "jobs/input/rfi_row.hpp"
#include "jobs/resources/rfi_update.hpp"
#include "jobs/run/exit_code.hpp"

namespace acgprov::jobs {

namespace {

int rfi_update_main(const std::vector<std::string>& args, const job_file* job) {
  resource_command_options o;
  try {
    o = parse_resource_command("rfi update", args, job, nullptr);  // --help and --version end here (early_exit)
  } catch (const usage_error& e) {
    return usage_failure("rfi update", e);
  }
  rfi_writer writer;
  resource_rows_config rows{rfi_csv, to_rfi_task, "update", "DuplicateTenant", "tenantId", true};
  return run_resource_command(o, std::move(rows), writer);
}

}  // namespace

int rfi_main(const std::vector<std::string>& args, const job_file* job) {
  return dispatch_subcommand("rfi", args, job, {{"list", rfi_list_main}, {"update", rfi_update_main}});
}

}  // namespace acgprov::jobs
