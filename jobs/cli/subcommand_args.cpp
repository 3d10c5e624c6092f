#include "jobs/cli/subcommand_args.hpp"

#include "jobs/cli/command_parse.hpp"
#include "jobs/report/run_end.hpp"
#include "jobs/run/exit_code.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <stdexcept>

namespace acgprov::jobs {

parsed_args parse_subcommand_args(std::string_view command, const std::vector<std::string>& args, const job_file* job,
                                  connection_options& conn, const own_flags& own) {
  const auto parsed = parse_command(command, args, job);
  parsed_args out;
  const std::function<void()> flag_only = [] {};
  for (const auto& item : parsed.options) {
    flag_value value = [&item] { return item.value; };
    if (own && own(item.flag, value, flag_only)) continue;
    if (parse_connection_flag(item.flag, value, conn)) continue;
    throw std::logic_error(item.flag + " is in the option table of " + std::string(command) + " but not handled");
  }
  out.positional = parsed.positional;
  return out;
}

bool parse_poll_flag(const std::string& flag, const flag_value& value, engine::engine_config& engine) {
  if (flag == "--poll-interval") {
    engine.poll_interval = parse_seconds_flag(flag, value());
    engine.max_poll_interval = std::max(engine.max_poll_interval, engine.poll_interval);
  } else if (flag == "--poll-timeout") {
    engine.poll_timeout = parse_seconds_flag(flag, value());
  } else {
    return false;
  }
  return true;
}

int usage_failure(std::string_view command, const std::exception& e) {
  return refuse_run_start(
      exit_usage, "usage_error",
      "acgprov " + std::string(command) + ": " + e.what() + " (see acgprov " + std::string(command) + " --help)");
}

}  // namespace acgprov::jobs
