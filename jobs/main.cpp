// acgprov: bulk provisioning for the Azure Communications Gateway Provisioning API.
#include "jobs/cli/cli_docs.hpp"
#include "jobs/cli/command_line.hpp"
#include "jobs/cli/command_parse.hpp"
#include "jobs/cli/repeated_options.hpp"
#include "jobs/commands/apply_job.hpp"
#include "jobs/commands/commands.hpp"
#include "jobs/commands/config_check.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/run/exit_code.hpp"

#include <openssl/opensslv.h>
#include <boost/version.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string version_text() {
  return "acgprov " ACGPROV_VERSION " (Boost " + std::to_string(BOOST_VERSION / 100000) + "." +
         std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100) + ", " +
         OPENSSL_VERSION_TEXT + ")\n";
}

// `acgprov __describe man|bash|zsh`: what the build compares with docs/man and completions/.
int describe(const std::vector<std::string>& args) {
  namespace jobs = acgprov::jobs;
  const std::string what = args.size() == 2 ? args[1] : "";
  if (what == "man") std::cout << jobs::man_page();
  else if (what == "bash") std::cout << jobs::bash_completion();
  else if (what == "zsh") std::cout << jobs::zsh_completion();
  else {
    std::cerr << "usage: acgprov __describe man|bash|zsh\n";
    return jobs::exit_usage;
  }
  return jobs::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  namespace jobs = acgprov::jobs;
  namespace log = acgprov::io::log;
  if (args.empty()) {
    std::cerr << "acgprov: which command? (see acgprov --help)\n";
    return jobs::exit_usage;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    std::cout << jobs::commands_help();
    return jobs::exit_ok;
  }
  if (args[0] == "--version") {
    std::cout << version_text();
    return jobs::exit_ok;
  }
  if (args[0] == "__describe") return describe(args);
  const std::string command = args[0];
  args.erase(args.begin());
  // The summary and metrics files are named before anything can fail: every exit writes them.
  jobs::expect_run_outputs(jobs::run_outputs_in(command, args));
  // --job, --log-format and --verbose, the same for every command.
  jobs::command_line prepared;
  try {
    prepared = jobs::prepare_command_line(args);
    log::configure(prepared.log_format, prepared.verbose);
    jobs::warn_repeated_option(command, "--log-format", prepared.log_formats_given);  // once the log is set
    jobs::warn_opposite_switches(command, prepared.verbose_given);
    jobs::expect_run_outputs(jobs::run_outputs_in(command, prepared.outputs_view));  // the job file's too
  } catch (const jobs::usage_error& e) {
    // The log is not configured yet: follow --log-format if it was given right.
    if (log::format f; log::parse_format(jobs::last_flag_value(args, "--log-format"), f)) log::configure(f, false);
    jobs::refuse_run_start(jobs::exit_usage, "usage_error", "acgprov " + command + ": " + e.what());
    jobs::finish_unfinished_run(jobs::exit_usage);
    return jobs::exit_usage;
  }
  // Each command's parser fills in from the job file what its arguments left out.
  const std::vector<std::string>& command_args = prepared.args;
  const jobs::job_file* job = prepared.job ? &*prepared.job : nullptr;
  int code = jobs::exit_usage;
  try {
    if (command == "config") code = jobs::config_main(command_args, job);
    else if (command == "apply") code = jobs::apply_main(command_args, job);
    else if (command == "accounts") code = jobs::accounts_main(command_args, job);
    else if (command == "numbers") code = jobs::numbers_main(command_args, job);
    else if (command == "rfi") code = jobs::rfi_main(command_args, job);
    else if (command == "civic-addresses") code = jobs::civic_addresses_main(command_args, job);
    else {
      log::error("usage_error", "unknown command '" + command + "' (see acgprov --help)", {{"command", command}});
      return jobs::exit_usage;
    }
  } catch (const jobs::early_exit& e) {  // --help (printed) or --version
    if (e.version) std::cout << version_text();
    code = e.code;
  } catch (const std::exception& e) {
    log::error("internal_error", std::string("internal error: ") + e.what());
    jobs::finish_unfinished_run(jobs::exit_aborted, acgprov::engine::abort_kind::internal,
                                std::string("internal error: ") + e.what());
    return jobs::exit_aborted;
  }
  jobs::finish_unfinished_run(code);
  return code;
}
