#include "jobs/report/run_end.hpp"

#include "jobs/report/private_file.hpp"
#include "jobs/report/run_metrics.hpp"

#include <fstream>
#include <iterator>

namespace acgprov::jobs {

namespace {

struct run_end_state {
  run_outputs outputs;
  std::string refusal;  // the message of refuse_run_start or abort_before_run
  engine::abort_kind cause = engine::abort_kind::none;
  bool finished = false;
};

run_end_state& state() {
  static run_end_state s;
  return s;
}

}  // namespace

std::string last_flag_value(const std::vector<std::string>& args, std::string_view flag) {
  std::string value;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == flag && i + 1 < args.size()) value = args[++i];
    else if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=')
      value = a.substr(flag.size() + 1);
  }
  return value;
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_metrics(const run_summary& s, const run_outputs& o) {
  const auto now = std::chrono::system_clock::now();
  double last_success = std::chrono::duration<double>(now.time_since_epoch()).count();
  if (s.exit_code != 0 || s.dry_run) last_success = last_success_in(read_file(o.metrics)).value_or(0.0);
  const auto started = now - std::chrono::duration_cast<std::chrono::system_clock::duration>(s.wall);
  replace_file_atomically(o.metrics, format_metrics({s, o.command, started, now, last_success}));
}

void write_outputs(const run_summary& s, const run_outputs& o) {
  if (!o.summary.empty()) {
    try {
      write_summary_json(s, o.summary);
    } catch (const std::exception& e) {
      io::log::error("summary_not_written", e.what(), {{"path", o.summary}});
    }
  }
  if (!o.metrics.empty()) {
    try {
      write_metrics(s, o);
    } catch (const std::exception& e) {
      io::log::error("metrics_not_written", std::string("--metrics ") + e.what(), {{"path", o.metrics}});
    }
  }
}

}  // namespace

run_outputs run_outputs_in(std::string_view command, const std::vector<std::string>& args) {
  run_outputs o;
  const std::string sub = args.empty() ? "" : args.front();
  if (command == "apply") o.command = "apply";
  else if (command == "accounts" && sub == "apply") o.command = "accounts apply";
  else if (command == "rfi" && sub == "update") o.command = "rfi update";
  else return o;
  o.report = last_flag_value(args, "--report");
  o.summary = last_flag_value(args, "--summary");
  o.metrics = last_flag_value(args, "--metrics");
  return o;
}

void expect_run_outputs(run_outputs o) { state().outputs = std::move(o); }

int refuse_run_start(int code, std::string_view event, const std::string& message,
                     std::initializer_list<io::log::field> fields) {
  io::log::error(event, message, fields);
  if (state().refusal.empty()) state().refusal = message;
  return code;
}

int refuse_locked(const std::string& report, const std::string& holder) {
  return refuse_run_start(4, "locked",
                          "another acgprov run is using " + report + " (" + holder + "; lock " + report +
                              ".lock): nothing done. Let it finish, or stop it first.",
                          {{"report", report}, {"lock", report + ".lock"}, {"holder", holder}});
}

int abort_before_run(engine::abort_kind kind, const std::string& message) {
  io::log::error("aborted", message);
  if (state().refusal.empty()) {
    state().refusal = message;
    state().cause = kind;
  }
  return 3;
}

const std::string& run_start_refusal() { return state().refusal; }
engine::abort_kind run_start_abort_cause() { return state().cause; }

void finish_run(const run_summary& s, bool print) {
  auto& st = state();
  if (st.finished) return;
  st.finished = true;
  if (print) print_summary(s);
  write_outputs(s, st.outputs);
}

void finish_unfinished_run(int code, engine::abort_kind kind, std::string reason) {
  auto& st = state();
  if (st.finished || (st.outputs.summary.empty() && st.outputs.metrics.empty())) return;
  st.finished = true;
  static const engine::run_stats none;
  run_summary s{none};
  s.exit_code = code;
  s.abort_reason = reason.empty() ? st.refusal : std::move(reason);
  s.abort_cause = kind == engine::abort_kind::none ? st.cause : kind;
  s.report_path = st.outputs.report;
  s.wall = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now() - st.outputs.started);
  // No summary event on stderr for a run that never started: its refusal was logged.
  write_outputs(s, st.outputs);
}

}  // namespace acgprov::jobs
