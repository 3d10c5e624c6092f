// The read-only commands: `accounts export`, `numbers export`, `civic-addresses export` and
// `rfi list`. Each reads one list operation page by page (500 a page) and writes every item
// to CSV, a JSON array or JSON Lines as the --output extension says. Exit codes: 0 written;
// 1 the API refused or failed (nothing written); 2 usage; 3 aborted (credentials refused,
// endpoint unreachable, interrupted).
#include "engine/request/api_paths.hpp"
#include "engine/request/list_pages.hpp"
#include "io/log.hpp"
#include "jobs/cli/cli_docs.hpp"
#include "jobs/cli/command_parse.hpp"
#include "jobs/cli/subcommand_args.hpp"
#include "jobs/commands/commands.hpp"
#include "jobs/input/account_row.hpp"
#include "jobs/input/number_rules.hpp"
#include "jobs/input/rfi_row.hpp"
#include "jobs/resources/civic_export.hpp"
#include "jobs/resources/number_export.hpp"
#include "jobs/resources/output_file.hpp"
#include "jobs/run/api_session.hpp"
#include "jobs/run/exit_code.hpp"

#include "io/endpoint.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <cstdio>
#include <functional>
#include <iostream>

namespace acgprov::jobs {

namespace json = boost::json;

namespace {

using clock = std::chrono::steady_clock;

struct export_spec {
  std::string command;  // "numbers export", for messages
  std::string noun;     // "numbers", for the summary
  std::string path;     // the list operation, below the base path
  std::string query;    // extra query (filter), encoded
  std::span<const std::string_view> csv_columns;
  // Writes what one listed item becomes (none, one or more records).
  std::function<void(output_file&, const json::object&)> write;
  // Printed after a complete export (warnings), may be empty.
  std::function<std::string()> notes;
};

struct export_options {
  std::string output;
  std::optional<output_format> format;  // --format, for --output - (stdout)
  std::string account;
  std::string status;
  connection_options connection;
  bool help = false;
};

// Parses --output PATH and, if allowed, --account NAME / --status S, plus the connection
// options; nothing positional. Completes the connection options unless --help.
export_options parse_export(const std::string& command, const std::vector<std::string>& args, const job_file* job,
                            bool account_flag, bool status_flag) {
  export_options o;
  auto own = [&](const std::string& flag, const flag_value& value, const std::function<void()>&) {
    if (flag == "--output" || flag == "-o") o.output = value();
    else if (flag == "--format") {
      o.format = parse_output_format(value());
      if (!o.format) throw usage_error("--format wants csv, json, jsonl or ndjson");
    } else if (account_flag && flag == "--account") o.account = value();
    else if (status_flag && flag == "--status") o.status = value();
    else return false;
    return true;
  };
  auto parsed = parse_subcommand_args(command, args, job, o.connection, own);
  if (!parsed.positional.empty()) throw usage_error("unexpected argument " + parsed.positional.front());
  if (o.output.empty()) throw usage_error("--output PATH is required");
  if (!o.format && o.output == "-") throw usage_error("--output - (stdout) needs --format csv|json|jsonl");
  if (!o.format && !output_format_from_path(o.output))
    throw usage_error("cannot tell the format of " + o.output + ": use .csv, .json, .jsonl or .ndjson, or --format");
  complete_connection_options(o.connection);
  return o;
}

awaitable<void> export_all(api_session& session, const export_spec& spec, output_file& out,
                           engine::pages_read* result) {
  bool started = co_await session.start();
  if (!started) co_return;
  auto& ctx = session.ctx();
  engine::item_handler on_item = [&](const json::object& item) { spec.write(out, item); };
  auto target = engine::list_target(spec.path, ctx, {.extra = spec.query});
  *result = co_await engine::read_pages(ctx, std::move(target), engine::request_kind::read, on_item);
}

int run_export(const export_options& o, const export_spec& spec) {
  const auto started = clock::now();
  std::unique_ptr<output_file> out;
  std::unique_ptr<api_session> session;
  try {
    out = std::make_unique<output_file>(o.output, spec.csv_columns, o.format);
    session = std::make_unique<api_session>(o.connection, engine::engine_config{});
  } catch (const std::exception& e) {
    io::log::error("export_refused", "acgprov " + spec.command + ": " + e.what());
    return exit_usage;
  }
  auto& ctx = session->ctx();
  engine::pages_read result;
  session->run(export_all(*session, spec, *out, &result));
  if (!ctx.stopping && result.complete) {
    try {
      out->commit();
    } catch (const std::exception& e) {
      io::log::error("export_failed", "acgprov " + spec.command + ": " + e.what());
      return exit_some_rows;
    }
  }
  const double secs = std::chrono::duration<double>(clock::now() - started).count();
  const auto& st = ctx.stats;
  if (ctx.stopping) {
    io::log::error("export_aborted",
                   "acgprov " + spec.command + ": aborted: " + ctx.abort_reason + "; " + o.output + " not written");
    return exit_aborted;
  }
  if (!result.complete) {
    io::log::error("export_failed", "acgprov " + spec.command + ": " + result.error + "; " + o.output + " not written");
    return exit_some_rows;
  }
  char line[512];
  std::snprintf(line, sizeof line,
                "%s: %llu records to %s (%llu %s listed, %llu pages); %llu requests, %llu retries, "
                "%llu throttled; %.1f s",
                spec.command.c_str(), static_cast<unsigned long long>(out->records()), o.output.c_str(),
                static_cast<unsigned long long>(result.items), spec.noun.c_str(),
                static_cast<unsigned long long>(result.pages), static_cast<unsigned long long>(st.requests),
                static_cast<unsigned long long>(st.retries), static_cast<unsigned long long>(st.throttled), secs);
  io::log::info("export_summary", line,
                {{"command", spec.command},
                 {"output", o.output},
                 {"records", out->records()},
                 {"listed", result.items},
                 {"pages", result.pages},
                 {"requests", st.requests},
                 {"retries", st.retries},
                 {"throttled", st.throttled}});
  if (spec.notes)
    if (auto note = spec.notes(); !note.empty()) io::log::warning("export_note", note);
  return exit_ok;
}

// A main for one export: parse, help, run.
int export_main(const std::vector<std::string>& args, const job_file* job, const std::string& command,
                bool account_flag, bool status_flag, export_spec (*make)(const export_options&)) {
  export_options o;
  try {
    o = parse_export(command, args, job, account_flag, status_flag);  // --help and --version end here (early_exit)
  } catch (const usage_error& e) {
    return usage_failure(command, e);
  }
  export_spec spec;
  try {
    spec = make(o);
  } catch (const usage_error& e) {
    return usage_failure(command, e);
  }
  return run_export(o, spec);
}

// ---- the four exports -------------------------------------------------------------------

export_spec numbers_spec(const export_options& o) {
  export_spec spec;
  spec.command = "numbers export";
  spec.noun = "numbers";
  if (!o.account.empty()) {
    if (auto e = check_name_token(o.account, "--account")) throw usage_error(e->message);
    spec.path = engine::numbers_path(o.account);
  } else {
    spec.path = "/numbers";
  }
  spec.csv_columns = number_export_columns;
  auto lossy = std::make_shared<std::uint64_t>(0);
  spec.write = [lossy](output_file& out, const json::object& item) {
    if (out.format() == output_format::csv) {
      auto row = number_csv(item);
      if (row.lossy) ++*lossy;
      out.write_csv(row.cells);
    } else {
      out.write_json(exportable_number(item));
    }
  };
  spec.notes = [lossy]() -> std::string {
    if (*lossy == 0) return {};
    return std::to_string(*lossy) +
           " numbers hold settings the CSV columns cannot carry (assignmentStatus, "
           "additionalUsages, displayedCountryCode, a disabled service, different Operator Connect and Teams Phone "
           "Mobile settings); applying the CSV would change them. Export to .json or .jsonl for an exact copy.";
  };
  return spec;
}

export_spec accounts_spec(const export_options&) {
  export_spec spec;
  spec.command = "accounts export";
  spec.noun = "accounts";
  spec.path = engine::accounts_path();
  spec.csv_columns = account_export_columns;
  spec.write = [](output_file& out, const json::object& item) {
    if (out.format() == output_format::csv) out.write_csv(account_csv_cells(item));
    else out.write_json(exportable_account(item));
  };
  return spec;
}

export_spec civic_spec(const export_options& o) {
  if (o.account.empty()) throw usage_error("--account NAME is required");
  export_spec spec;
  spec.command = "civic-addresses export";
  spec.noun = "civic addresses";
  spec.path = engine::civic_addresses_path(o.account);
  spec.csv_columns = civic_csv_columns;
  spec.write = [](output_file& out, const json::object& item) {
    if (out.format() == output_format::csv) {
      for (auto& cells : civic_csv_rows(item)) out.write_csv(cells);
    } else {
      out.write_json(item);
    }
  };
  return spec;
}

export_spec rfi_spec(const export_options& o) {
  export_spec spec;
  spec.command = "rfi list";
  spec.noun = "RFIs";
  spec.path = "/teamsRequestsForInformation";
  if (!o.status.empty()) {
    std::string literal;
    for (char c : o.status) literal += c == '\'' ? std::string("''") : std::string(1, c);
    // The API filters (one request for what matters); the client checks again in case a
    // server ignores the filter.
    spec.query = "filter=" + io::encode_query_value("status eq '" + literal + "'");
  }
  spec.csv_columns = rfi_list_columns;
  std::string status = o.status;
  spec.write = [status](output_file& out, const json::object& item) {
    if (!status.empty() && !boost::algorithm::iequals(rfi_status(item), status)) return;
    if (out.format() == output_format::csv) out.write_csv(rfi_csv_cells(item));
    else out.write_json(item);
  };
  return spec;
}

}  // namespace

int accounts_export_main(const std::vector<std::string>& args, const job_file* job) {
  return export_main(args, job, "accounts export", false, false, accounts_spec);
}

int rfi_list_main(const std::vector<std::string>& args, const job_file* job) {
  return export_main(args, job, "rfi list", false, true, rfi_spec);
}

namespace {

int numbers_export_main(const std::vector<std::string>& args, const job_file* job) {
  return export_main(args, job, "numbers export", true, false, numbers_spec);
}

int civic_export_main(const std::vector<std::string>& args, const job_file* job) {
  return export_main(args, job, "civic-addresses export", true, false, civic_spec);
}

}  // namespace

int numbers_main(const std::vector<std::string>& args, const job_file* job) {
  return dispatch_subcommand("numbers", args, job, {{"export", numbers_export_main}});
}

int civic_addresses_main(const std::vector<std::string>& args, const job_file* job) {
  return dispatch_subcommand("civic-addresses", args, job, {{"export", civic_export_main}});
}

int dispatch_subcommand(const std::string& command, const std::vector<std::string>& args, const job_file* job,
                        const std::vector<subcommand>& subcommands) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << commands_help(command);
    return exit_ok;
  }
  if (!args.empty() && args[0] == "--version") throw early_exit{exit_ok, true};
  for (const auto& s : subcommands)
    if (!args.empty() && args[0] == s.name) return s.main(std::vector<std::string>(args.begin() + 1, args.end()), job);
  io::log::error("usage_error",
                 "acgprov " + command + ": " +
                     (args.empty() ? std::string("which subcommand?") : "unknown subcommand '" + args[0] + "'") +
                     " (see acgprov " + command + " --help)");
  return exit_usage;
}

}  // namespace acgprov::jobs
