#include "jobs/cli/apply_options.hpp"

#include "jobs/cli/command_parse.hpp"

#include <algorithm>
#include <cmath>

namespace acgprov::jobs {

apply_options parse_apply_options(const std::vector<std::string>& args, env_lookup getenv_fn, const job_file* job) {
  return apply_options_from(parse_command("apply", args, job, getenv_fn), getenv_fn);
}

apply_options apply_options_from(const parsed_command& parsed, env_lookup getenv_fn) {
  apply_options o;
  for (const auto& item : parsed.options) {
    const std::string& arg = item.flag;
    flag_value value = [&item] { return item.value; };
    if (parse_connection_flag(arg, value, o.connection)) continue;
    else if (parse_schedule_flag(arg, value, o.schedule)) continue;
    else if (arg == "--report") o.report = value();
    else if (arg == "--summary") o.summary = value();
    else if (arg == "--metrics") o.metrics = value();
    else if (arg == "--format") {
      auto f = io::parse_input_format(value());
      if (!f) throw usage_error("--format wants csv, json or ndjson");
      o.stdin_format = f;
    } else if (arg == "--poll-interval") o.engine.poll_interval = parse_seconds_flag(arg, value());
    else if (arg == "--poll-timeout") o.engine.poll_timeout = parse_seconds_flag(arg, value());
    else if (arg == "--max-pending") {
      const double n = parse_number_flag(arg, value(), 1);
      if (n != std::floor(n) || n > 1e8) throw usage_error("--max-pending wants a whole number from 1 to 100000000");
      o.engine.max_pending = static_cast<std::size_t>(n);
    } else if (arg == "--write-mode") {
      auto m = value();
      if (m == "batch") o.engine.mode = engine::write_mode::batch;
      else if (m == "single") o.engine.mode = engine::write_mode::single;
      else throw usage_error("--write-mode wants batch or single, not '" + m + "'");
    } else if (arg == "--if-absent" || arg == "--no-if-absent") o.engine.if_absent = arg == "--if-absent";
    else if (arg == "--dry-run" || arg == "--no-dry-run") o.dry_run = arg == "--dry-run";
    else if (arg == "--plan" || arg == "--no-plan") o.plan = arg == "--plan";
    else if (arg == "--preflight" || arg == "--no-preflight") o.preflight = arg == "--preflight";
    else if (arg == "--prune" || arg == "--no-prune") o.prune = arg == "--prune";
    else if (arg == "--max-deletes") {
      auto v = value();
      if (!v.empty() && v.back() == '%') {
        double p = parse_number_flag(arg, v.substr(0, v.size() - 1), 0);
        if (p > 100) throw usage_error("--max-deletes wants a percentage from 0% to 100%");
        o.max_delete_percent = p;
      } else {
        double n = parse_number_flag(arg, v, 0);
        if (n != std::floor(n)) throw usage_error("--max-deletes wants a whole number or a percentage like 5%");
        o.max_deletes = static_cast<std::uint64_t>(n);
      }
    } else throw std::logic_error(arg + " is in apply's option table but not handled");
  }
  o.inputs = parsed.positional;
  if (o.inputs.empty()) throw usage_error("no INPUT given");
  for (const auto& in : o.inputs) {
    if (in == "-") {
      if (!o.stdin_format) throw usage_error("reading stdin ('-') needs --format csv|json|ndjson");
    } else if (!io::format_from_path(in)) {
      throw usage_error("cannot tell the format of " + in + ": use .csv, .json, .jsonl or .ndjson");
    }
  }
  if (o.report.empty()) throw usage_error("--report PATH is required");
  if (o.prune && !o.plan) throw usage_error("--prune needs the plan (it compares with the account); drop --no-plan");
  if (o.prune && std::find(o.inputs.begin(), o.inputs.end(), "-") != o.inputs.end())
    throw usage_error("--prune reads the input twice (to check --max-deletes before any write): give files, not stdin");
  if ((o.max_deletes || o.max_delete_percent) && !o.prune) throw usage_error("--max-deletes goes with --prune");
  // The batch operations take no conditional headers: create-only needs one PUT per number.
  if (o.engine.if_absent) o.engine.mode = engine::write_mode::single;
  o.engine.max_poll_interval = std::max(o.engine.max_poll_interval, o.engine.poll_interval);
  if (o.dry_run) {
    connection_defaults_from_env(o.connection, getenv_fn);  // nothing is sent: nothing else needed
    return o;
  }
  complete_connection_options(o.connection, getenv_fn);
  return o;
}

}  // namespace acgprov::jobs
