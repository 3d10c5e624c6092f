#include "jobs/report/run_metrics.hpp"

#include "io/utf8.hpp"

#include <charconv>
#include <cstdio>

namespace acgprov::jobs {

namespace {

constexpr std::string_view last_success_name = "acgprov_last_success_time_seconds";

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string label_value(std::string_view v) {
  std::string out;
  for (char c : io::valid_utf8(v)) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

double unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

class exposition {
public:
  explicit exposition(std::string labels) : labels_(std::move(labels)) {}

  void family(std::string_view name, std::string_view help) {
    name_ = name;
    text_ += "# HELP " + name_ + " " + std::string(help) + "\n# TYPE " + name_ + " gauge\n";
  }
  void sample(const std::string& value, std::string_view extra_label = {}, std::string_view extra_value = {}) {
    text_ += name_ + "{" + labels_;
    if (!extra_label.empty()) text_ += "," + std::string(extra_label) + "=\"" + label_value(extra_value) + "\"";
    text_ += "} " + value + "\n";
  }
  void sample(std::uint64_t value, std::string_view extra_label = {}, std::string_view extra_value = {}) {
    sample(std::to_string(value), extra_label, extra_value);
  }
  std::string text() && { return std::move(text_); }

private:
  std::string labels_;
  std::string name_;
  std::string text_;
};

}  // namespace

std::string format_metrics(const metrics_run& run) {
  const auto& s = run.summary;
  const auto& st = s.stats;
  exposition out("command=\"" + label_value(run.command) + "\",report=\"" + label_value(s.report_path) + "\"");

  out.family("acgprov_rows", "Rows in the report of the last run, by outcome (rows a resumed run kept included).");
  for (std::size_t i = 0; i < engine::outcome_count; ++i)
    out.sample(st.outcomes[i], "outcome", model::to_string(static_cast<model::outcome>(i)));
  out.family("acgprov_requests", "API requests the last run sent, by kind (attempts included).");
  out.sample(st.write_requests, "kind", "write");
  out.sample(st.poll_requests, "kind", "poll");
  out.sample(st.read_requests, "kind", "read");
  out.family("acgprov_throttled", "Throttled answers (HTTP 429) the last run got.");
  out.sample(st.throttled);
  out.family("acgprov_retries", "Attempts after the first that the last run sent, any reason.");
  out.sample(st.retries);
  out.family("acgprov_run_duration_seconds", "How long the last run took.");
  out.sample(number(std::chrono::duration<double>(run.ended - run.started).count()));
  out.family("acgprov_exit_code",
             "Exit code of the last run: 0 ok, 1 some rows not, 2 usage, 3 aborted (see acgprov_aborted), 4 locked.");
  out.sample(static_cast<std::uint64_t>(s.exit_code));
  out.family("acgprov_aborted", "1 for the reason the last run stopped early (exit 3), 0 for the others.");
  const char* kind = abort_kind_name(s.exit_code, s.abort_cause, s.abort_reason);
  for (const char* k : {"deadline", "signal", "credentials", "endpoint", "proxy", "internal"})
    out.sample(kind && std::string_view(kind) == k ? 1u : 0u, "kind", k);
  out.family("acgprov_run_start_time_seconds", "When the last run started, Unix time.");
  out.sample(number(unix_seconds(run.started)));
  out.family("acgprov_run_end_time_seconds", "When the last run ended, Unix time.");
  out.sample(number(unix_seconds(run.ended)));
  out.family(last_success_name, "When the last run that exited 0 ended, Unix time (0: none yet).");
  out.sample(number(run.last_success));
  return std::move(out).text();
}

std::optional<double> last_success_in(std::string_view text) {
  while (!text.empty()) {
    const auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.substr(0, last_success_name.size()) != last_success_name) continue;
    std::string_view rest = line.substr(last_success_name.size());
    if (!rest.empty() && rest.front() == '{') {
      // Skip the labels: a quoted value may hold '}' or an escaped quote.
      bool quoted = false;
      std::size_t i = 1;
      for (; i < rest.size(); ++i) {
        if (quoted && rest[i] == '\\') ++i;
        else if (rest[i] == '"') quoted = !quoted;
        else if (!quoted && rest[i] == '}') break;
      }
      if (i >= rest.size()) continue;
      rest = rest.substr(i + 1);
    }
    if (rest.empty() || rest.front() != ' ') continue;
    rest.remove_prefix(1);
    rest = rest.substr(0, rest.find(' '));  // a timestamp may follow
    double v = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
    if (ec == std::errc() && end == rest.data() + rest.size()) return v;
  }
  return std::nullopt;
}

}  // namespace acgprov::jobs
