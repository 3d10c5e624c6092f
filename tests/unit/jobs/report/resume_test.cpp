// --resume's pure parts: which rows are finished (the last report row of each file:line
// decides), reading a report back with a torn last line, and the report's lock.
#include "jobs/report/resume.hpp"
#include "io/report_writer.hpp"
#include "jobs/input/record_identity.hpp"
#include "jobs/run/run_lock.hpp"
#include "model/report_row.hpp"
#include "tests/support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>

using namespace acgprov;
using io_test::temp_dir;
using model::outcome;

namespace {

model::report_row row(const std::string& file, std::uint64_t line, outcome o,
                      const std::string& number = "+14255550100") {
  model::report_row r;
  r.file = file;
  r.line = line;
  r.action = "upsert";
  r.account_name = "contoso";
  r.telephone_number = number;
  r.outcome = o;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resume_tests)

BOOST_AUTO_TEST_CASE(finishing_outcomes) {
  BOOST_TEST(jobs::finishes_row(outcome::synced));
  BOOST_TEST(jobs::finishes_row(outcome::failed));
  BOOST_TEST(jobs::finishes_row(outcome::deleted));
  BOOST_TEST(jobs::finishes_row(outcome::invalid));
  BOOST_TEST(jobs::finishes_row(outcome::rejected));
  BOOST_TEST(jobs::finishes_row(outcome::conflict));
  BOOST_TEST(jobs::finishes_row(outcome::unchanged));
  BOOST_TEST(!jobs::finishes_row(outcome::skipped));
  BOOST_TEST(!jobs::finishes_row(outcome::error));
  BOOST_TEST(!jobs::finishes_row(outcome::timeout));
  BOOST_TEST(!jobs::finishes_row(outcome::planned));  // a dry run sent nothing (issue 12)
}

BOOST_AUTO_TEST_CASE(number_keys) {
  BOOST_TEST(jobs::number_key("+14255550100") == 14255550100ull);
  BOOST_TEST(jobs::number_key("+999999999999999") == 999999999999999ull);
  BOOST_TEST(jobs::number_key("14255550100") == 0u);
  BOOST_TEST(jobs::number_key("+1425x") == 0u);
  BOOST_TEST(jobs::number_key("+") == 0u);
  BOOST_TEST(jobs::number_key("+1234567890123456") == 0u);  // 16 digits: not E.164
}

BOOST_AUTO_TEST_CASE(the_last_row_of_a_line_decides) {
  jobs::finished_rows f;
  f.add("a.csv", 2, outcome::synced, 1);
  f.add("a.csv", 3, outcome::error, 2);    // retried later...
  f.add("a.csv", 4, outcome::skipped, 3);  // never retried
  f.add("b.csv", 2, outcome::rejected, 4);
  f.add("a.csv", 3, outcome::synced, 2);  // ...and finished by a resumed run
  f.add("a.csv", 5, outcome::synced, 5);
  f.add("a.csv", 5, outcome::timeout, 5);  // a later row that did not finish wins
  f.seal();
  BOOST_TEST(f.size() == 3u);
  BOOST_TEST(f.find("a.csv", 2).has_value());
  BOOST_TEST((f.find("a.csv", 2)->outcome == outcome::synced));
  BOOST_TEST(f.find("a.csv", 2)->number == 1u);
  BOOST_TEST((f.find("a.csv", 3)->outcome == outcome::synced));
  BOOST_TEST(!f.find("a.csv", 4).has_value());
  BOOST_TEST(!f.find("a.csv", 5).has_value());
  BOOST_TEST(!f.find("a.csv", 6).has_value());
  BOOST_TEST((f.find("b.csv", 2)->outcome == outcome::rejected));
  BOOST_TEST(!f.find("c.csv", 2).has_value());
  BOOST_TEST(!f.find("./a.csv", 2).has_value());  // files are keyed as named
}

BOOST_AUTO_TEST_CASE(compact_for_a_million_rows) {
  jobs::finished_rows f;
  // Report order is not line order: batches finish out of order.
  for (std::uint64_t i = 0; i < 1'000'000; ++i) {
    const std::uint64_t line = 2 + (i * 7919) % 1'000'000;
    f.add("big.csv", line, i % 10 == 0 ? outcome::error : outcome::synced, 14255550000ull + line);
  }
  f.seal();
  BOOST_TEST(f.size() == 900'000u);
  BOOST_TEST(f.memory_bytes() <= 28u * 900'000u + 64u);
  std::uint64_t found = 0;
  for (std::uint64_t line = 2; line < 1'000'002; ++line)
    if (auto e = f.find("big.csv", line)) {
      ++found;
      BOOST_TEST_REQUIRE(e->number == 14255550000ull + line);
    }
  BOOST_TEST(found == 900'000u);
}

BOOST_AUTO_TEST_CASE(reads_a_report_with_a_torn_last_line) {
  temp_dir dir;
  const auto path = dir.path("report.jsonl");
  {
    io::report_writer w(path);
    w.write(row("in.csv", 2, outcome::synced, "+14255550100"));
    w.write(row("in.csv", 3, outcome::error, "+14255550101"));
    w.write(row("in.csv", 4, outcome::rejected, "+14255550102"));
  }
  const auto whole = temp_dir::read(path);
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << R"({"file":"in.csv","line":5,"action":"upsert","accountName":"contoso","teleph)";
  }
  auto p = jobs::read_resume_point(path);
  BOOST_TEST(p.report_exists);
  BOOST_TEST(p.torn);
  BOOST_TEST(p.report_rows == 3u);
  BOOST_TEST(p.valid_bytes == whole.size());
  BOOST_TEST(p.finished.size() == 2u);
  BOOST_TEST(!p.finished.find("in.csv", 3).has_value());
  BOOST_TEST(!p.finished.find("in.csv", 5).has_value());

  // The writer cuts the torn line and appends after the last whole row.
  {
    io::report_writer w(path, {.append = true, .truncate_to = p.valid_bytes});
    w.write(row("in.csv", 3, outcome::synced, "+14255550101"));
  }
  auto again = jobs::read_resume_point(path);
  BOOST_TEST(!again.torn);
  BOOST_TEST(again.report_rows == 4u);
  BOOST_TEST(again.finished.size() == 3u);
}

BOOST_AUTO_TEST_CASE(no_report_is_a_fresh_run) {
  temp_dir dir;
  auto p = jobs::read_resume_point(dir.path("none.jsonl"));
  BOOST_TEST(!p.report_exists);
  BOOST_TEST(p.finished.size() == 0u);
  BOOST_CHECK_THROW(jobs::read_resume_point(dir.write("bad.jsonl", "not json\n")), std::runtime_error);
}

// Issue 12: records that share a line (a minified JSON array) are told apart by their index,
// and the digest is kept for the content check.
BOOST_AUTO_TEST_CASE(records_of_one_line_are_told_apart) {
  jobs::finished_rows f;
  f.add("a.json", 1, outcome::synced, 1, 1, 11);
  f.add("a.json", 1, outcome::invalid, 0, 2, 22);
  f.add("a.json", 1, outcome::synced, 3, 3, 33);
  f.add("a.json", 1, outcome::skipped, 3, 4, 44);
  f.add("a.json", 2, outcome::synced, 5, 0, 0);  // an older report: record 0 is record 1
  const auto last = f.seal();
  BOOST_TEST(f.size() == 4u);
  BOOST_TEST(last.size() == 5u);
  BOOST_TEST_REQUIRE(f.find("a.json", 1, 2).has_value());
  BOOST_TEST((f.find("a.json", 1, 2)->outcome == outcome::invalid));
  BOOST_TEST(f.find("a.json", 1, 2)->digest == 22u);
  BOOST_TEST(f.find("a.json", 1, 3)->digest == 33u);
  BOOST_TEST(!f.find("a.json", 1, 4).has_value());
  BOOST_TEST(f.find("a.json", 2, 1)->digest == 0u);
  BOOST_TEST(!f.find("a.json", 1, 5).has_value());
}

BOOST_AUTO_TEST_CASE(a_digest_ignores_form_and_sees_content) {
  io::input_record a;
  a.file = "in.json";
  a.line = 1;
  a.object = boost::json::parse(R"({"telephoneNumber":"+14255550100","accountName":"c","x":null,"s":{"b":1,"a":2}})")
                 .as_object();
  io::input_record b = a;
  b.object =
      boost::json::parse(R"({ "accountName" : "c", "s":{"a":2,"b":1}, "telephoneNumber":"+14255550100" })").as_object();
  BOOST_TEST(jobs::record_digest(a) == jobs::record_digest(b));
  b.object["accountName"] = "d";
  BOOST_TEST(jobs::record_digest(a) != jobs::record_digest(b));
  io::input_record c;
  c.fields = {{"accountName", "c"}, {"telephoneNumber", "+1"}, {"usage", ""}};
  io::input_record d;
  d.fields = {{"telephoneNumber", "+1"}, {"accountName", "c"}};
  BOOST_TEST(jobs::record_digest(c) == jobs::record_digest(d));
  d.fields.push_back({"services", "zoomPhoneCloudPeering"});
  BOOST_TEST(jobs::record_digest(c) != jobs::record_digest(d));
  BOOST_TEST(jobs::record_digest(c) != 0u);

  jobs::record_positions pos;
  BOOST_TEST(pos.next(a).record == 1u);
  BOOST_TEST(pos.next(a).record == 2u);
  a.line = 2;
  BOOST_TEST(pos.next(a).record == 1u);
}

// Issue 12, case 5: compaction keeps the last row of each input row, through a temporary
// file renamed into place.
BOOST_AUTO_TEST_CASE(compaction_keeps_the_last_row_of_each_input_row) {
  temp_dir dir;
  const auto path = dir.path("report.jsonl");
  {
    io::report_writer w(path);
    w.write(row("in.csv", 2, outcome::synced, "+14255550100"));
    for (int night = 0; night < 5; ++night) {
      w.write(row("in.csv", 3, outcome::skipped, "+14255550101"));
      w.write(row("in.csv", 4, outcome::skipped, "+14255550102"));
    }
    w.write(row("in.csv", 4, outcome::synced, "+14255550102"));
  }
  auto p = jobs::read_resume_point(path);
  BOOST_TEST(p.report_rows == 12u);
  BOOST_TEST(p.rewrite_needed);
  jobs::compact_journal(path, p);
  BOOST_TEST(p.report_rows == 3u);
  BOOST_TEST(!std::filesystem::exists(path + ".compact"));
  auto again = jobs::read_resume_point(path);
  BOOST_TEST(again.report_rows == 3u);
  BOOST_TEST(!again.rewrite_needed);
  BOOST_TEST(again.finished.size() == 2u);  // lines 2 and 4
  BOOST_TEST(!again.finished.find("in.csv", 3).has_value());
  BOOST_TEST(again.valid_bytes == std::filesystem::file_size(path));
}

BOOST_AUTO_TEST_CASE(a_dry_runs_report_is_not_a_real_runs) {
  temp_dir dir;
  const auto path = dir.path("plan.jsonl");
  BOOST_TEST(!jobs::holds_real_run(path));
  {
    io::report_writer w(path);
    w.write(row("in.csv", 2, outcome::planned));
    w.write(row("in.csv", 3, outcome::invalid));
  }
  BOOST_TEST(!jobs::holds_real_run(path));
  {
    io::report_writer w(path, {.append = true});
    w.write(row("in.csv", 2, outcome::skipped));
  }
  BOOST_TEST(jobs::holds_real_run(path));
}

BOOST_AUTO_TEST_CASE(one_lock_per_report) {
  temp_dir dir;
  const auto report = dir.path("r.jsonl");
  std::string holder;
  auto first = jobs::run_lock::acquire(report, holder);
  BOOST_TEST_REQUIRE(first.has_value());
  // flock locks belong to an open file description: a second open in this process conflicts.
  auto second = jobs::run_lock::acquire(report, holder);
  BOOST_TEST(!second.has_value());
  BOOST_TEST(holder.find("pid ") == 0u, holder);
  first.reset();  // released: the file stays, and does not block
  auto third = jobs::run_lock::acquire(report, holder);
  BOOST_TEST(third.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
