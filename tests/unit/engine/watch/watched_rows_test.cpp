// watched_rows: a row comes back as it was added (from the temporary file, past the write
// buffer), a number held for two accounts keeps both rows, and an ended row is gone.
#include "engine/watch/watched_rows.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace acgprov;

namespace {
model::report_row watched_row(std::string account, std::string number, std::uint64_t line) {
  model::report_row r;
  r.file = "numbers.csv";
  r.line = line;
  r.action = line % 2 ? "delete" : "upsert";
  r.account_name = std::move(account);
  r.telephone_number = std::move(number);
  r.http_status = 202;
  r.attempts = 2;
  r.request_id = "req-" + std::to_string(line / 100);
  r.record = 1;
  r.record_digest = line * 7919;
  return r;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(watched_rows_tests)

BOOST_AUTO_TEST_CASE(rows_come_back_as_added) {
  engine::watched_rows rows;
  const auto now = engine::watched_rows::clock::now();
  constexpr std::uint64_t n = 5000;  // past the 1,024-record write buffer
  for (std::uint64_t i = 0; i < n; ++i)
    BOOST_TEST_REQUIRE(rows.add(watched_row("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i), i),
                                {}, nullptr, now, now));
  BOOST_TEST(rows.size() == n);
  BOOST_TEST_REQUIRE(rows.spills());  // /tmp or $TMPDIR takes the records here
  for (std::uint64_t i = 0; i < n; i += 7) {
    const auto r = rows.find("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i));
    BOOST_TEST_REQUIRE(r.has_value());
    engine::watched_rows::clock::time_point started;
    const auto back = rows.report_row_of(*r, &started);
    const auto want = watched_row("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i), i);
    BOOST_TEST(back.file == want.file);
    BOOST_TEST(back.line == want.line);
    BOOST_TEST(back.action == want.action);
    BOOST_TEST(back.account_name == want.account_name);
    BOOST_TEST(back.telephone_number == want.telephone_number);
    BOOST_TEST(back.http_status == want.http_status);
    BOOST_TEST(back.attempts == want.attempts);
    BOOST_TEST(back.request_id == want.request_id);
    BOOST_TEST(back.record_digest == want.record_digest);
    BOOST_TEST((started == now));
  }
  // Not held for another account.
  BOOST_TEST(!rows.find("acct1", "+14255000000").has_value());
}

BOOST_AUTO_TEST_CASE(a_number_in_two_accounts_keeps_both_rows_and_an_ended_row_is_gone) {
  engine::watched_rows rows;
  const auto now = engine::watched_rows::clock::now();
  BOOST_TEST(rows.add(watched_row("a", "+14255550100", 2), {}, nullptr, now, now));
  BOOST_TEST(rows.add(watched_row("b", "+14255550100", 3), {}, nullptr, now, now));
  BOOST_TEST(rows.add(watched_row("a", "not-e164", 4), {}, nullptr, now, now));
  BOOST_TEST(!rows.add(watched_row("a", "+14255550100", 5), {}, nullptr, now, now));  // replaced
  BOOST_TEST(rows.size() == 3u);
  BOOST_TEST(rows.report_row_of(*rows.find("a", "+14255550100"), nullptr).line == 5u);
  BOOST_TEST(rows.report_row_of(*rows.find("b", "+14255550100"), nullptr).line == 3u);
  BOOST_TEST(rows.report_row_of(*rows.find("a", "not-e164"), nullptr).telephone_number == "not-e164");
  auto st = rows.find("b", "+14255550100")->st;
  st.status = engine::watched_rows::sync_word::pending;
  st.unseen = true;
  rows.set_state(*rows.find("b", "+14255550100"), st);
  BOOST_TEST(rows.report_row_of(*rows.find("b", "+14255550100"), nullptr).service_provisioning_status == "pending");
  BOOST_TEST(rows.find("b", "+14255550100")->st.unseen);
  rows.erase(*rows.find("b", "+14255550100"));
  BOOST_TEST(!rows.find("b", "+14255550100").has_value());
  BOOST_TEST(rows.find("a", "+14255550100").has_value());
  BOOST_TEST(rows.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
