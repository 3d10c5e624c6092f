#include "engine/write/batch_builder.hpp"
#include "engine/write/batch_split.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::engine;

namespace {
number_task task(std::string account, int n, number_action a = number_action::upsert) {
  number_task t;
  t.account = std::move(account);
  t.number = "+1425555" + std::to_string(1000 + n);
  t.action = a;
  return t;
}
std::vector<std::string> numbers(std::size_t n) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back("+1425555" + std::to_string(1000 + i));
  return v;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(batch_builder_tests)

BOOST_AUTO_TEST_CASE(full_batches_per_account_and_action) {
  batch_builder b(3);
  BOOST_TEST(!b.add(task("a", 1)));
  BOOST_TEST(!b.add(task("b", 2)));
  BOOST_TEST(!b.add(task("a", 3, number_action::remove)));  // a different batch: deletes
  BOOST_TEST(!b.add(task("a", 4)));
  auto full = b.add(task("a", 5));
  BOOST_TEST_REQUIRE(full.has_value());
  BOOST_TEST(full->account == "a");
  BOOST_TEST((full->action == number_action::upsert));
  BOOST_TEST(full->tasks.size() == 3u);
  BOOST_TEST(full->tasks[0].number == "+14255551001");
  BOOST_TEST(b.buffered() == 2u);
}

BOOST_AUTO_TEST_CASE(end_of_input_drains_largest_first) {
  batch_builder b(100);
  for (int i = 0; i < 5; ++i) b.add(task("small", i));
  for (int i = 10; i < 30; ++i) b.add(task("big", i));
  auto first = b.take_largest();
  BOOST_TEST_REQUIRE(first.has_value());
  BOOST_TEST(first->account == "big");
  auto second = b.take_largest();
  BOOST_TEST(second->account == "small");
  BOOST_TEST(!b.take_largest());
  BOOST_TEST(b.empty());
}

BOOST_AUTO_TEST_CASE(buffer_limit_forces_a_batch_out) {
  batch_builder b(100, 150);
  std::size_t out = 0;
  for (int i = 0; i < 400; ++i)
    if (auto batch = b.add(task("acct" + std::to_string(i % 4), i))) out += batch->tasks.size();
  BOOST_TEST(b.buffered() <= 151u);
  BOOST_TEST(out + b.buffered() == 400u);
}

BOOST_AUTO_TEST_CASE(batch_size_is_capped_at_the_api_limit) {
  batch_builder b(1000);
  std::optional<number_batch> full;
  for (int i = 0; i < 100 && !full; ++i) full = b.add(task("a", i));
  BOOST_TEST_REQUIRE(full.has_value());
  BOOST_TEST(full->tasks.size() == 100u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(batch_split_tests)

BOOST_AUTO_TEST_CASE(details_with_index_targets_set_items_aside) {
  auto n = numbers(10);
  std::vector<acgprov::model::api_error> errors{{"InvalidRequest", "batch refused", ""},
                                                {"InvalidField", "bad customSipHeader", "numbers[3].configuration"},
                                                {"InvalidField", "bad", "numbers[7]"}};
  auto plan = plan_split(n, errors);
  BOOST_TEST_REQUIRE(plan.refused.size() == 2u);
  BOOST_TEST(plan.refused[0].index == 3u);
  BOOST_TEST(plan.refused[0].errors[0].message == "bad customSipHeader");
  BOOST_TEST(plan.refused[1].index == 7u);
  BOOST_TEST_REQUIRE(plan.next.size() == 1u);
  BOOST_TEST(plan.next[0].size() == 8u);
}

BOOST_AUTO_TEST_CASE(details_naming_the_number_set_it_aside) {
  auto n = numbers(4);
  std::vector<acgprov::model::api_error> errors{{"Conflict", "batch refused", ""},
                                                {"NumberInUse", "+14255551002 belongs to another account", ""}};
  auto plan = plan_split(n, errors);
  BOOST_TEST_REQUIRE(plan.refused.size() == 1u);
  BOOST_TEST(plan.refused[0].index == 2u);
  BOOST_TEST(plan.next.at(0).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_number_is_matched_as_a_whole_token) {
  // "+14255551001" must not match inside "+142555510012".
  std::vector<std::string> n{"+14255551001", "+142555510012"};
  auto plan = plan_split(n, {{"X", "batch", ""}, {"Y", "+142555510012 is bad", ""}});
  BOOST_TEST_REQUIRE(plan.refused.size() == 1u);
  BOOST_TEST(plan.refused[0].index == 1u);
}

BOOST_AUTO_TEST_CASE(unnamed_refusal_bisects) {
  auto plan = plan_split(numbers(100), {{"InvalidRequest", "something in the batch is wrong", ""}});
  BOOST_TEST(plan.refused.empty());
  BOOST_TEST_REQUIRE(plan.next.size() == 2u);
  BOOST_TEST(plan.next[0].size() == 50u);
  BOOST_TEST(plan.next[1].size() == 50u);
  BOOST_TEST(plan.next[1][0] == 50u);
}

BOOST_AUTO_TEST_CASE(single_item_takes_the_whole_error) {
  auto plan = plan_split(numbers(1), {{"InvalidRequest", "nope", ""}});
  BOOST_TEST_REQUIRE(plan.refused.size() == 1u);
  BOOST_TEST(plan.refused[0].errors[0].message == "nope");
  BOOST_TEST(plan.next.empty());
}

BOOST_AUTO_TEST_CASE(bisection_finds_one_bad_item_in_few_requests) {
  // Simulate an all-or-nothing server that never names the bad item.
  auto n = numbers(100);
  const std::size_t bad = 63;
  std::vector<std::vector<std::size_t>> work{{}};
  for (std::size_t i = 0; i < n.size(); ++i) work[0].push_back(i);
  int requests = 0, refused = 0, accepted = 0;
  while (!work.empty()) {
    auto g = work.back();
    work.pop_back();
    ++requests;
    if (std::find(g.begin(), g.end(), bad) == g.end()) {
      accepted += static_cast<int>(g.size());
      continue;
    }
    std::vector<std::string> sub;
    for (auto i : g) sub.push_back(n[i]);
    auto plan = plan_split(sub, {{"InvalidRequest", "refused", ""}});
    refused += static_cast<int>(plan.refused.size());
    for (auto& next : plan.next) {
      std::vector<std::size_t> mapped;
      for (auto k : next) mapped.push_back(g[k]);
      work.push_back(mapped);
    }
  }
  BOOST_TEST(refused == 1);
  BOOST_TEST(accepted == 99);
  BOOST_TEST(requests <= 15);  // 1 + 2 per level for 7 levels
}

BOOST_AUTO_TEST_SUITE_END()
