// Scheduled runs' pure parts: --deadline parsing, durations, the progress line, row counting.
#include "jobs/cli/schedule_options.hpp"
#include "jobs/report/progress.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>

using namespace acgprov;
using namespace std::chrono;
using sys = system_clock;

namespace {

sys::time_point utc(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return sys::from_time_t(::timegm(&tm));
}

std::string deadline_error(const std::string& text) {
  return test::usage_message([&] { jobs::parse_deadline(text, sys::now()); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schedule_tests)

BOOST_AUTO_TEST_CASE(deadline_as_a_duration) {
  const auto now = utc(2025, 1, 31, 2, 0, 0);
  BOOST_TEST((jobs::parse_deadline("90m", now) == now + minutes(90)));
  BOOST_TEST((jobs::parse_deadline("1h30m", now) == now + minutes(90)));
  BOOST_TEST((jobs::parse_deadline("5400s", now) == now + seconds(5400)));
  BOOST_TEST((jobs::parse_deadline("5400", now) == now + seconds(5400)));
  BOOST_TEST((jobs::parse_deadline("2.5h", now) == now + minutes(150)));
  BOOST_TEST((jobs::parse_deadline("1h2m3s", now) == now + seconds(3723)));
  BOOST_TEST((jobs::parse_deadline("0.5", now) == now + milliseconds(500)));
}

BOOST_AUTO_TEST_CASE(deadline_as_a_time) {
  const auto now = utc(2025, 1, 31, 2, 0, 0);
  BOOST_TEST((jobs::parse_deadline("2025-01-31T06:00:00Z", now) == utc(2025, 1, 31, 6, 0, 0)));
  BOOST_TEST((jobs::parse_deadline("2025-01-31T06:00:00+01:00", now) == utc(2025, 1, 31, 5, 0, 0)));
  BOOST_TEST((jobs::parse_deadline("2025-01-31T06:00-0230", now) == utc(2025, 1, 31, 8, 30, 0)));
  BOOST_TEST((jobs::parse_deadline("2025-01-31 06:00:00.250z", now) == utc(2025, 1, 31, 6, 0, 0)));

  // A clock time is local and always ahead: today if it is still to come, else tomorrow.
  const auto real_now = sys::now();
  const auto at = jobs::parse_deadline("06:00", real_now);
  BOOST_TEST((at > real_now));
  BOOST_TEST((at <= real_now + hours(25)));
  const std::time_t t = sys::to_time_t(at);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  BOOST_TEST(tm.tm_hour == 6);
  BOOST_TEST(tm.tm_min == 0);
}

BOOST_AUTO_TEST_CASE(bad_deadlines_are_usage_errors) {
  for (const char* bad : {"", "soon", "25:00", "06:61", "2025-13-01T00:00:00Z", "1d", "-5m", "90 m", "h"})
    BOOST_TEST(deadline_error(bad).find("--deadline wants") == 0u, bad << ": " << deadline_error(bad));
}

BOOST_AUTO_TEST_CASE(schedule_flags) {
  jobs::schedule_options o;
  auto value_of = [](std::string v) { return [v] { return v; }; };
  BOOST_TEST(jobs::parse_schedule_flag("--resume", value_of(""), o));
  BOOST_TEST(o.resume);
  BOOST_TEST(jobs::parse_schedule_flag("--grace", value_of("2.5"), o));
  BOOST_TEST(o.grace.count() == 2500);
  BOOST_TEST(jobs::parse_schedule_flag("--grace", value_of("0"), o));
  BOOST_TEST(o.grace.count() == 0);
  BOOST_CHECK_THROW(jobs::parse_schedule_flag("--grace", value_of("-1"), o), jobs::usage_error);
  BOOST_TEST(jobs::parse_schedule_flag("--deadline", value_of("10m"), o));
  BOOST_TEST(o.deadline.has_value());
  BOOST_TEST(o.deadline_text == "10m");
  BOOST_TEST(jobs::parse_schedule_flag("--no-progress", value_of(""), o));
  BOOST_TEST(!o.progress);
  BOOST_TEST(!jobs::parse_schedule_flag("--rate", value_of("1"), o));
}

BOOST_AUTO_TEST_CASE(durations) {
  BOOST_TEST(jobs::format_duration(seconds(0)) == "0s");
  BOOST_TEST(jobs::format_duration(seconds(59)) == "59s");
  BOOST_TEST(jobs::format_duration(seconds(460)) == "7m 40s");
  BOOST_TEST(jobs::format_duration(seconds(3723)) == "1h 02m 03s");
  BOOST_TEST(jobs::format_duration(seconds(-5)) == "0s");
}

BOOST_AUTO_TEST_CASE(progress_line_text) {
  jobs::progress_counts c;
  c.done = 1200;
  c.total = 2000;
  c.outcomes[static_cast<std::size_t>(model::outcome::synced)] = 1180;
  c.outcomes[static_cast<std::size_t>(model::outcome::invalid)] = 20;
  c.request_rate = 1.62;
  c.budget = 100.0 / 60.0;
  c.throttled = 3;
  c.eta = seconds(460);
  BOOST_TEST(jobs::format_progress(c) ==
             "1200/2000 rows 60% | synced 1180 invalid 20 | 1.6 req/s of 1.7 | throttled 3 | ETA 7m 40s");
  c.total.reset();
  c.eta.reset();
  c.draining = true;
  BOOST_TEST(jobs::format_progress(c) ==
             "1200 rows | synced 1180 invalid 20 | 1.6 req/s of 1.7 | throttled 3 | stopping");
  BOOST_TEST(jobs::format_progress(c, 20).size() == 19u);  // never wider than the terminal
}

BOOST_AUTO_TEST_CASE(counting_input_rows) {
  io_test::temp_dir dir;
  auto csv = dir.write("a.csv", "accountName,telephoneNumber\r\nc,+1\r\n\r\nc,+2\r\nc,+3");
  auto nd = dir.write("b.ndjson", "{}\n\n{}\n");
  auto js = dir.write("c.json", "[{}]");
  BOOST_TEST(jobs::count_input_rows({{csv, io::input_format::csv}, {nd, io::input_format::ndjson}}).value() == 5u);
  BOOST_TEST(!jobs::count_input_rows({{csv, io::input_format::csv}, {js, io::input_format::json}}).has_value());
  BOOST_TEST(!jobs::count_input_rows({{"-", io::input_format::csv}}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
