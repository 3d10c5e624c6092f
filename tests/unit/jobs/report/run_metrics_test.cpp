// --metrics: the text format written for any report path (quotes, braces, backslashes and line
// breaks in the label value), read back by a parser of the format, and the last success read
// back from an earlier file by the writer itself.
#include "jobs/report/run_metrics.hpp"
#include "tests/support/prometheus_text.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov;

BOOST_AUTO_TEST_SUITE(run_metrics_tests)

BOOST_AUTO_TEST_CASE(any_report_path_round_trips_and_the_last_success_is_read_back) {
  engine::run_stats stats;
  stats.count(model::outcome::synced);
  stats.count(model::outcome::rejected);
  stats.write_requests = 3;
  stats.throttled = 2;
  const std::string report = "/var/lib/acg \"night\" {x}\\y\nz.jsonl";
  jobs::run_summary s{stats};
  s.exit_code = 3;
  s.report_path = report;
  s.abort_cause = engine::abort_kind::deadline;
  const auto start = std::chrono::system_clock::from_time_t(1738288800);
  const auto text = jobs::format_metrics({s, "apply", start, start + std::chrono::seconds(90), 1738200000.5});

  const auto parsed = test::parse_prometheus_text(text);
  for (const auto& [name, family] : parsed.families) {
    BOOST_TEST(family.type == "gauge", name);
    for (const auto& sample : family.samples) BOOST_TEST(sample.labels.at("report") == report, name);
  }
  auto value = [&](const std::string& name, const std::string& label = {}, const std::string& v = {}) {
    for (const auto& sample : parsed.families.at(name).samples)
      if (label.empty() || sample.labels.at(label) == v) return sample.value;
    BOOST_FAIL("no sample " << name);
    return 0.0;
  };
  BOOST_TEST(value("acgprov_rows", "outcome", "synced") == 1.0);
  BOOST_TEST(value("acgprov_rows", "outcome", "rejected") == 1.0);
  BOOST_TEST(value("acgprov_requests", "kind", "write") == 3.0);
  BOOST_TEST(value("acgprov_throttled") == 2.0);
  BOOST_TEST(value("acgprov_exit_code") == 3.0);
  BOOST_TEST(value("acgprov_aborted", "kind", "deadline") == 1.0);
  BOOST_TEST(value("acgprov_aborted", "kind", "credentials") == 0.0);
  BOOST_TEST(value("acgprov_run_duration_seconds") == 90.0);
  BOOST_TEST(value("acgprov_run_start_time_seconds") == 1738288800.0);
  BOOST_TEST(value("acgprov_last_success_time_seconds") == 1738200000.5);

  BOOST_TEST(jobs::last_success_in(text).value_or(-1) == 1738200000.5);
  BOOST_TEST(!jobs::last_success_in("").has_value());
  BOOST_TEST(!jobs::last_success_in("acgprov_last_success_time_seconds_other 5\n").has_value());
}

BOOST_AUTO_TEST_CASE(the_parser_refuses_what_the_format_forbids) {
  for (const char* bad : {"metric{a=\"x} 1\n", "metric{a=\"x\",a=\"y\"} 1\n", "metric 1 2 3\n", "metric one\n",
                          "# TYPE m gauge\nm 1\n# TYPE m gauge\n", "a 1\nb 1\na 2\n", "m{a=\"\\q\"} 1\n", "m 1"})
    BOOST_CHECK_THROW(test::parse_prometheus_text(bad), std::runtime_error);
  auto ok = test::parse_prometheus_text("# HELP m a \\\\ help\n# TYPE m counter\nm{a=\"\\\"\\n\"} +Inf 123\n");
  BOOST_TEST(ok.families.at("m").help == "a \\ help");
  BOOST_TEST(ok.families.at("m").samples.at(0).labels.at("a") == "\"\n");
}

BOOST_AUTO_TEST_SUITE_END()
