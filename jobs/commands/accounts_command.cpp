// `acgprov accounts apply` and the `accounts` dispatcher (`accounts export` lives with the
// other exports in export_command.cpp).
#include "jobs/commands/commands.hpp"
#include "jobs/commands/resource_command.hpp"
#include "jobs/input/account_row.hpp"
#include "jobs/resources/account_apply.hpp"
#include "jobs/run/exit_code.hpp"

namespace acgprov::jobs {

namespace {

int accounts_apply_main(const std::vector<std::string>& args, const job_file* job) {
  account_apply_settings settings;
  auto own = [&](const std::string& flag, const flag_value& value, const std::function<void()>& flag_only) {
    flag_only();
    if (flag == "--if-absent" || flag == "--no-if-absent") {
      settings.if_absent = flag == "--if-absent";
    } else if (flag == "--on-conflict") {
      auto v = value();
      if (v == "report") settings.on_conflict = conflict_policy::report;
      else if (v == "overwrite") settings.on_conflict = conflict_policy::overwrite;
      else throw usage_error("--on-conflict wants report or overwrite, not '" + v + "'");
    } else {
      return false;
    }
    return true;
  };
  resource_command_options o;
  try {
    o = parse_resource_command("accounts apply", args, job, own);  // --help and --version end here (early_exit)
  } catch (const usage_error& e) {
    return usage_failure("accounts apply", e);
  }
  account_writer writer(settings);
  resource_rows_config rows{account_csv, to_account_task, "upsert", "DuplicateAccount", "name"};
  return run_resource_command(o, std::move(rows), writer);
}

}  // namespace

int accounts_main(const std::vector<std::string>& args, const job_file* job) {
  return dispatch_subcommand("accounts", args, job, {{"apply", accounts_apply_main}, {"export", accounts_export_main}});
}

}  // namespace acgprov::jobs
