// acgprov: bulk provisioning for the Azure Communications Gateway Provisioning API.
#include "jobs/apply_job.hpp"
#include "jobs/command_line.hpp"
#include "jobs/commands.hpp"
#include "jobs/config_check.hpp"
#include "jobs/exit_code.hpp"
#include "jobs/run_end.hpp"

#include <boost/version.hpp>
#include <openssl/opensslv.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage = R"(usage: acgprov COMMAND [options]

commands:
  apply INPUT... --endpoint URL --report PATH   load numbers (see acgprov apply --help)
  accounts apply INPUT... --report PATH        create or replace accounts
  accounts export --output PATH                write every account (.csv, .json, .jsonl)
  numbers export [--account NAME] --output PATH  write numbers in apply's input formats
  civic-addresses export --account NAME --output PATH  write an account's civic addresses
  rfi list [--status S] --output PATH          write the Teams requests for information
  rfi update INPUT... --report PATH            update RFIs' customer relationship
  config check [--job FILE] [options]          check a run's configuration and credentials;
                                               writes nothing (see acgprov config check --help)

every command also takes:
  --job FILE         options from a job file (TOML key = value; flags override it)
  --log-format F     text | json (default: text on a terminal, JSON Lines otherwise)
  --verbose          log every API request, not only the failed ones

exit codes: 0 ok; 1 finished, some rows not; 2 usage, configuration or unreadable input;
3 aborted (report complete); 4 another run holds the report's lock

  --version   version, and the Boost and OpenSSL it was built with
  --help      this text
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage;
    return args.empty() ? acgprov::jobs::exit_usage : acgprov::jobs::exit_ok;
  }
  if (args[0] == "--version") {
    std::cout << "acgprov " << ACGPROV_VERSION << " (Boost " << BOOST_VERSION / 100000 << "."
              << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100 << ", " << OPENSSL_VERSION_TEXT << ")\n";
    return acgprov::jobs::exit_ok;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  namespace jobs = acgprov::jobs;
  namespace log = acgprov::io::log;
  // The summary and metrics files are named before anything can fail: every exit writes them.
  jobs::expect_run_outputs(jobs::run_outputs_in(command, args));
  // --job, --log-format and --verbose, the same for every command.
  try {
    auto prepared = jobs::prepare_command_line(args);
    log::configure(prepared.log_format, prepared.verbose);
    args = prepared.args;
    jobs::expect_run_outputs(jobs::run_outputs_in(command, args));  // the job file's too
    jobs::set_current_command_line(std::move(prepared));
  } catch (const jobs::usage_error& e) {
    // The log is not configured yet: follow --log-format if it was given right.
    if (log::format f; log::parse_format(jobs::last_flag_value(args, "--log-format"), f)) log::configure(f, false);
    jobs::refuse_run_start(jobs::exit_usage, "usage_error", "acgprov " + command + ": " + e.what());
    jobs::finish_unfinished_run(jobs::exit_usage);
    return jobs::exit_usage;
  }
  int code = jobs::exit_usage;
  try {
    if (command == "config") code = jobs::config_main(args);
    else if (command == "apply") code = jobs::apply_main(args);
    else if (command == "accounts") code = jobs::accounts_main(args);
    else if (command == "numbers") code = jobs::numbers_main(args);
    else if (command == "rfi") code = jobs::rfi_main(args);
    else if (command == "civic-addresses") code = jobs::civic_addresses_main(args);
    else {
      log::error("usage_error", "unknown command '" + command + "' (see acgprov --help)", {{"command", command}});
      if (log::current_format() == log::format::text) std::cerr << usage;
      return jobs::exit_usage;
    }
  } catch (const std::exception& e) {
    log::error("internal_error", std::string("internal error: ") + e.what());
    jobs::finish_unfinished_run(jobs::exit_aborted, acgprov::engine::abort_kind::internal,
                                std::string("internal error: ") + e.what());
    return jobs::exit_aborted;
  }
  jobs::finish_unfinished_run(code);
  return code;
}
