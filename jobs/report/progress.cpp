#include "jobs/report/progress.hpp"

#include "io/log.hpp"
#include "jobs/cli/schedule_options.hpp"

#include <sys/ioctl.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>

namespace acgprov::jobs {

namespace {

constexpr auto redraw_every = std::chrono::milliseconds(500);
constexpr auto rate_window = std::chrono::seconds(10);

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

}  // namespace

std::string format_progress(const progress_counts& c, std::size_t width) {
  std::string s = std::to_string(c.done);
  if (c.total && *c.total >= c.done && *c.total > 0) {
    s += "/" + std::to_string(*c.total) + " rows " +
         std::to_string(static_cast<unsigned>(100.0 * static_cast<double>(c.done) / static_cast<double>(*c.total))) +
         "%";
  } else {
    s += " rows";
  }
  std::string counts;
  for (std::size_t i = 0; i < c.outcomes.size(); ++i)
    if (c.outcomes[i]) {
      if (!counts.empty()) counts += ' ';
      counts += std::string(model::to_string(static_cast<model::outcome>(i))) + " " + std::to_string(c.outcomes[i]);
    }
  if (!counts.empty()) s += " | " + counts;
  s += " | " + fixed(c.request_rate, 1) + " req/s of " + fixed(c.budget, 1);
  s += " | throttled " + std::to_string(c.throttled);
  if (c.draining) s += " | stopping";
  else if (c.eta) s += " | ETA " + format_duration(*c.eta);
  if (width > 1 && s.size() > width - 1) s.resize(width - 1);  // never wrap: \r redraws one line
  return s;
}

std::optional<std::uint64_t> count_input_rows(const std::vector<input_spec>& inputs) {
  std::uint64_t total = 0;
  for (const auto& in : inputs) {
    if (in.path == "-" || in.format == io::input_format::json) return std::nullopt;
    std::ifstream f(in.path, std::ios::binary);
    if (!f) return std::nullopt;
    std::vector<char> buf(1 << 20);
    std::uint64_t lines = 0;
    bool content = false;  // the current line has a character that is not white space
    while (f) {
      f.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      const auto n = static_cast<std::size_t>(f.gcount());
      for (std::size_t i = 0; i < n; ++i) {
        const char ch = buf[i];
        if (ch == '\n') {
          if (content) ++lines;
          content = false;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
          content = true;
        }
      }
    }
    if (content) ++lines;
    if (in.format == io::input_format::csv && lines > 0) --lines;  // the header
    total += lines;
  }
  return total;
}

bool progress_wanted() { return ::isatty(STDERR_FILENO) && io::log::current_format() == io::log::format::text; }

progress_line::progress_line(const engine::run_context& ctx, std::optional<std::uint64_t> total, const input_rows& rows)
    : ctx_(ctx), total_(total), rows_(rows) {}

awaitable<void> progress_line::run() {
  net::steady_timer timer(co_await net::this_coro::executor);
  timer_ = &timer;
  // Bounded by the run: stop() ends it.
  while (!stopped_) {
    draw();
    timer.expires_after(redraw_every);
    co_await timer.async_wait(as_result);
  }
  timer_ = nullptr;
}

void progress_line::stop() {
  stopped_ = true;
  if (timer_) timer_->cancel();
  io::log::clear_status();
}

void progress_line::draw() {
  const auto now = std::chrono::steady_clock::now();
  const auto& st = ctx_.stats;
  const std::uint64_t resumed = rows_.rows_resumed();
  const std::uint64_t done = st.rows();
  const std::uint64_t this_run = done >= resumed ? done - resumed : 0;
  samples_.push_back({now, this_run, st.requests});
  while (samples_.size() > 2 && now - samples_.front().at > rate_window) samples_.pop_front();

  progress_counts c;
  c.done = done;
  c.total = total_;
  c.outcomes = st.outcomes;
  c.budget = ctx_.limiter.current_rate();
  c.throttled = st.throttled;
  c.draining = ctx_.draining || ctx_.stopping;
  const auto& first = samples_.front();
  const double secs = std::chrono::duration<double>(now - first.at).count();
  if (secs > 0.2) {
    c.request_rate = static_cast<double>(st.requests - first.requests) / secs;
    const double row_rate = static_cast<double>(this_run - first.rows) / secs;
    if (total_ && row_rate > 0 && *total_ > done)
      c.eta = std::chrono::seconds(static_cast<long long>(static_cast<double>(*total_ - done) / row_rate + 0.5));
  }
  io::log::set_status(format_progress(c, terminal_width()));
}

}  // namespace acgprov::jobs
