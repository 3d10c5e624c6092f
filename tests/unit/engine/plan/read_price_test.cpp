#include "engine/plan/read_price.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>

using namespace acgprov::engine;

namespace {

// `n` accounts named prefix000.. holding `each` numbers.
void add_accounts(std::map<std::string, std::uint64_t>& counts, std::set<std::string>* named, const char* prefix, int n,
                  std::uint64_t each) {
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%s%03d", prefix, i);
    counts[name] = each;
    if (named) named->insert(name);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_price_tests)

BOOST_AUTO_TEST_CASE(accounts_that_hold_nothing_need_no_read) {
  std::map<std::string, std::uint64_t> counts;
  std::set<std::string> named;
  add_accounts(counts, &named, "cust", 200, 0);
  auto p = price_plan_read(counts, named, 500);
  BOOST_TEST((p.strategy == read_strategy::none));
  BOOST_TEST(p.pages == 0u);
}

BOOST_AUTO_TEST_CASE(many_small_accounts_are_read_through_get_numbers) {
  // Issue 14's unchanged night: 200 customers of 25, plus 2 accounts of 2,000 the input does
  // not name: 200 per-account pages against 18 pages of GET /numbers.
  std::map<std::string, std::uint64_t> counts;
  std::set<std::string> named;
  add_accounts(counts, &named, "cust", 200, 25);
  add_accounts(counts, nullptr, "big", 2, 2000);
  auto p = price_plan_read(counts, named, 500);
  BOOST_TEST((p.strategy == read_strategy::all_numbers));
  BOOST_TEST(p.pages == 18u);
  BOOST_TEST(p.per_account_pages == 200u);
  // The deployment's real count (countRecords) decides over the hints.
  auto counted = price_plan_read(counts, named, 500, 150'000);
  BOOST_TEST((counted.strategy == read_strategy::per_account));
  BOOST_TEST(counted.pages == 200u);
}

BOOST_AUTO_TEST_CASE(big_accounts_the_input_does_not_name_keep_per_account_reads) {
  // Two named accounts of 600 (2 pages each) beside a big account of 100,000.
  std::map<std::string, std::uint64_t> counts;
  std::set<std::string> named;
  add_accounts(counts, &named, "mid", 2, 600);
  add_accounts(counts, nullptr, "huge", 1, 100'000);
  auto p = price_plan_read(counts, named, 500);
  BOOST_TEST((p.strategy == read_strategy::per_account));
  BOOST_TEST(p.pages == 4u);
  BOOST_TEST(p.all_numbers_pages == 203u);
}

BOOST_AUTO_TEST_CASE(a_tie_reads_per_account_and_unknown_or_empty_accounts_cost_nothing) {
  // 10 accounts of 500: 10 pages either way. A named account the deployment does not have is
  // not read (the writes' answers decide), nor is an empty one.
  std::map<std::string, std::uint64_t> counts;
  std::set<std::string> named;
  add_accounts(counts, &named, "acct", 10, 500);
  counts["empty"] = 0;
  named.insert("empty");
  named.insert("absent");
  auto p = price_plan_read(counts, named, 500);
  BOOST_TEST((p.strategy == read_strategy::per_account));
  BOOST_TEST(p.pages == 10u);
  BOOST_TEST(p.all_numbers_pages == 10u);
}

BOOST_AUTO_TEST_CASE(a_watch_round_reads_get_numbers_for_many_small_accounts) {
  // 200 accounts with 25 new rows each: 200 list pages against 10 pages of GET /numbers.
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> accounts;
  for (int i = 0; i < 200; ++i) accounts["cust" + std::to_string(i)] = {0, 25};
  auto w = price_watch_round(accounts, 5000, 500);
  BOOST_TEST(w.all_numbers);
  BOOST_TEST(w.pages == 10u);
}

BOOST_AUTO_TEST_CASE(a_watch_round_asks_for_a_few_rows_one_by_one_in_a_big_deployment) {
  // 2 rows in each of 3 accounts of 10,000: one GET each (6) beats 20 pages an account, and
  // GET /numbers over 30,000 numbers (60 pages).
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> accounts;
  for (int i = 0; i < 3; ++i) accounts["big" + std::to_string(i)] = {10'000, 2};
  auto w = price_watch_round(accounts, 30'000, 500);
  BOOST_TEST(!w.all_numbers);
  BOOST_TEST(w.pages == 6u);
}

BOOST_AUTO_TEST_SUITE_END()
