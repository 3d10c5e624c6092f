#include "jobs/apply_options.hpp"

#include <algorithm>
#include <cmath>

namespace acgprov::jobs {

const char* const apply_usage = R"usage(usage: acgprov apply INPUT [INPUT...] --endpoint URL --report PATH [options]

  INPUT                 .csv | .json (array, or {"value":[...]}) | .jsonl / .ndjson ; '-' = stdin with --format
  --format F            csv | json | ndjson: the format of stdin
  --report PATH         one row per input row: JSON Lines (.jsonl) or CSV (.csv)
  --summary PATH        also write a JSON summary of the run (on every exit, 0 to 4)
  --metrics PATH        the run's figures for node_exporter's textfile collector
  --poll-interval S     first wait before polling written rows, seconds (default 2); then as
                        the sync time learned from the first settled rows says, growing 1.5x
  --poll-timeout S      a row still pending after this is reported `timeout` (default 900)
  --write-mode M        batch (default: up to 100 numbers a request, per account) | single
  --if-absent           create only (If-None-Match: *): never overwrite an existing number;
                        implies --write-mode single (batch requests take no conditions)
  --dry-run             read, validate and print the plan; send nothing (with --prune: fetch a
                        token and read the accounts, to list the numbers the prune would delete)
  --no-preflight        skip the preflight: by default, before an account's first row is sent,
                        the account (and, as rows need them, its civic addresses and Teams
                        capability plans) is read, and rows naming a service the account lacks,
                        an unknown civic address or location, or a usage or capability no plan
                        offers are reported `invalid`, never sent
  --no-plan             write every row; by default each account's numbers are read first
                        (500 a request) and only rows that differ are written (`unchanged`)
  --prune               also delete the numbers that the input's accounts hold but the input
                        does not name (files only, not stdin); report rows with file "(prune)".
                        A number any row names is kept, even a row refused as `invalid`; a row
                        whose number cannot be read refuses the run (exit 2) before any write
  --max-deletes N|P%    with --prune: refuse the run, before any write, if it would delete
                        more than N numbers in all, or more than P% of any account's numbers
  -h, --help            this text

)usage"
R"usage(exit codes: 0 every row synced/deleted/unchanged; 1 finished, some rows not; 2 usage,
configuration or unreadable input (nothing sent); 3 aborted (credentials refused, endpoint
unreachable, interrupted), with the report complete for every row; 4 another run holds
the report's lock (REPORT.lock): nothing read, sent or written.
)usage";

apply_options parse_apply_options(const std::vector<std::string>& args, env_lookup getenv_fn) {
  apply_options o;
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
    auto flag_only = [&] {
      if (inline_value) throw usage_error(arg + " takes no value");
    };

    if (arg == "-h" || arg == "--help") o.help = true;
    else if (parse_connection_flag(arg, value, o.connection)) continue;
    else if (parse_schedule_flag(arg, value, o.schedule)) continue;
    else if (arg == "--report") o.report = value();
    else if (arg == "--summary") o.summary = value();
    else if (arg == "--metrics") o.metrics = value();
    else if (arg == "--format") {
      auto f = io::parse_input_format(value());
      if (!f) throw usage_error("--format wants csv, json or ndjson");
      o.stdin_format = f;
    }
    else if (arg == "--poll-interval") o.engine.poll_interval = parse_seconds_flag(arg, value());
    else if (arg == "--poll-timeout") o.engine.poll_timeout = parse_seconds_flag(arg, value());
    else if (arg == "--write-mode") {
      auto m = value();
      if (m == "batch") o.engine.mode = engine::write_mode::batch;
      else if (m == "single") o.engine.mode = engine::write_mode::single;
      else throw usage_error("--write-mode wants batch or single, not '" + m + "'");
    }
    else if (arg == "--if-absent") { flag_only(); o.engine.if_absent = true; }
    else if (arg == "--dry-run") { flag_only(); o.dry_run = true; }
    else if (arg == "--no-plan") { flag_only(); o.plan = false; }
    else if (arg == "--no-preflight") { flag_only(); o.preflight = false; }
    else if (arg == "--plan") { flag_only(); o.plan = true; }
    else if (arg == "--prune") { flag_only(); o.prune = true; }
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
    }
    else if (arg == "-") o.inputs.push_back(arg);
    else if (arg.rfind("-", 0) == 0) throw usage_error("unknown option " + arg);
    else o.inputs.push_back(arg);
  }
  if (o.help) return o;

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
