#include "jobs/subcommand_args.hpp"

#include "jobs/exit_code.hpp"
#include "jobs/run_end.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

namespace acgprov::jobs {

const char* const poll_usage = R"(  --poll-interval S     first wait before polling a pending resource, seconds (default 2; grows 1.5x)
  --poll-timeout S      a resource still pending after this is reported `timeout` (default 900)
)";

parsed_args parse_subcommand_args(const std::vector<std::string>& args, connection_options& conn, const own_flags& own) {
  parsed_args out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    flag_value value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw usage_error(arg + " needs a value");
      return args[++i];
    };
    std::function<void()> flag_only = [&] {
      if (inline_value) throw usage_error(arg + " takes no value");
    };
    if (arg == "-h" || arg == "--help") out.help = true;
    else if (own && own(arg, value, flag_only)) continue;
    else if (parse_connection_flag(arg, value, conn)) continue;
    else if (arg == "-") out.positional.push_back(arg);
    else if (arg.rfind("-", 0) == 0) throw usage_error("unknown option " + arg);
    else out.positional.push_back(arg);
  }
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
  return refuse_run_start(exit_usage, "usage_error",
                          "acgprov " + std::string(command) + ": " + e.what() + " (see acgprov " + std::string(command) +
                              " --help)");
}

}  // namespace acgprov::jobs
