// `acgprov accounts apply` and the `accounts` dispatcher (`accounts export` lives with the
// other exports in export_command.cpp).
#include "jobs/account_apply.hpp"
#include "jobs/account_row.hpp"
#include "jobs/commands.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/resource_command.hpp"

#include <iostream>

namespace acgprov::jobs {

namespace {

const char* const accounts_apply_usage = R"(usage: acgprov accounts apply INPUT [INPUT...] --endpoint URL --report PATH [options]

Creates or replaces accounts with their service details, one report row per input row.
An account whose settings already match is `unchanged` (nothing written). Each write is
conditional: If-None-Match: * for a new account, else If-Match with the row's etag or the ETag
read just before; then the account is watched until its backend sync ends, and the Direct
Routing subdomainStatus is reported (report column subdomainStatus).

)"
R"(  --if-absent           create only (If-None-Match: *): an existing account is `conflict`
  --on-conflict P       report (default): a 412 (the account changed since its ETag was read)
                        is re-read and reported `conflict`; overwrite: write once more with the
                        new ETag
)";

const char* const accounts_apply_tail = R"(
CSV columns (any order, only name required; an empty cell leaves the field out):
  name, correlationId, teamsTenantId,
  teamsOperatorConnect.enabled, teamsOperatorConnect.syncEnabled,
  teamsPhoneMobile.enabled, teamsPhoneMobile.syncEnabled,
  teamsDirectRouting.enabled, teamsDirectRouting.syncEnabled, teamsDirectRouting.callScreening,
  teamsDirectRouting.subdomain, teamsDirectRouting.region1Token, teamsDirectRouting.region2Token,
  zoomPhoneCloudPeering.enabled, zoomPhoneCloudPeering.syncEnabled,
  azureOperatorCallProtection.enabled, etag
A service is part of the account when its .enabled cell is true or false (PUT replaces the
whole account: a service left out is removed); .syncEnabled is then required. JSON rows are
the API's AccountResource, plus an optional "etag".

exit codes: 0 every row synced/unchanged; 1 finished, some rows not; 2 usage, configuration
or unreadable input (nothing sent); 3 aborted (credentials refused, endpoint unreachable,
interrupted), with the report complete for every row; 4 another run holds the report's lock
(REPORT.lock): nothing read, sent or written.
)";

int accounts_apply_main(const std::vector<std::string>& args) {
  account_apply_settings settings;
  auto own = [&](const std::string& flag, const flag_value& value, const std::function<void()>& flag_only) {
    if (flag == "--if-absent") {
      flag_only();
      settings.if_absent = true;
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
    o = parse_resource_command(args, own);
  } catch (const usage_error& e) {
    return usage_failure("accounts apply", e);
  }
  if (o.help) {
    std::cout << accounts_apply_usage << resource_command_usage << poll_usage << "\n"
              << connection_usage << accounts_apply_tail;
    return exit_ok;
  }
  account_writer writer(settings);
  resource_rows_config rows{account_csv, to_account_task, "upsert", "DuplicateAccount", "name"};
  return run_resource_command(o, std::move(rows), writer);
}

const char* const accounts_usage = R"(usage: acgprov accounts apply INPUT... --report PATH [options]   create or replace accounts
       acgprov accounts export --output PATH [options]            write every account
  (see acgprov accounts apply --help, acgprov accounts export --help)
)";

}  // namespace

int accounts_main(const std::vector<std::string>& args) {
  return dispatch_subcommand("accounts", args, {{"apply", accounts_apply_main}, {"export", accounts_export_main}},
                             accounts_usage);
}

}  // namespace acgprov::jobs
