// Duplicate detection: the compact set, and the run-wide filter that names the first row, also
// when it shares the run's table with the sync watch.
#include "jobs/input/number_seen.hpp"
#include "engine/watch/watched_rows.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace acgprov;

namespace {
engine::number_task seen_task(std::string file, std::uint64_t line, std::string number,
                              engine::number_action action = engine::number_action::upsert) {
  engine::number_task t;
  t.file = std::move(file);
  t.line = line;
  t.number = std::move(number);
  t.account = "contoso";
  t.action = action;
  return t;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(number_seen_tests)

BOOST_AUTO_TEST_CASE(insert_reports_the_first_occurrence) {
  jobs::number_seen seen;
  BOOST_TEST(!seen.insert("+14255550100", 0, 2).has_value());
  BOOST_TEST(!seen.insert("+14255550101", 0, 3).has_value());
  BOOST_TEST(!seen.insert("+4425555010", 1, 3).has_value());  // a prefix is another number
  const auto dup = seen.insert("+14255550100", 3, 99);
  BOOST_TEST_REQUIRE(dup.has_value());
  BOOST_TEST(dup->file_index == 0u);
  BOOST_TEST(dup->line == 2u);
  BOOST_TEST(seen.size() == 3u);
  // The repeat recorded nothing: the first occurrence still answers.
  BOOST_TEST(seen.insert("+14255550100", 5, 1)->line == 2u);
}

BOOST_AUTO_TEST_CASE(extremes_of_e164_and_of_the_packing) {
  jobs::number_seen seen;
  BOOST_TEST(!seen.insert("+999999999999999", jobs::number_seen::max_files - 1, 4294967295u).has_value());
  BOOST_TEST(!seen.insert("+10", 0, 1).has_value());
  const auto big = seen.insert("+999999999999999", 0, 1);
  BOOST_TEST_REQUIRE(big.has_value());
  BOOST_TEST(big->file_index == jobs::number_seen::max_files - 1);
  BOOST_TEST(big->line == 4294967295u);
  BOOST_TEST(!seen.insert("+11", 0, 5000000000ull).has_value());  // line past 32 bits: not kept
  BOOST_TEST(seen.insert("+11", 0, 1)->line == 0u);
  BOOST_CHECK_THROW(seen.insert("14255550100", 0, 1), std::invalid_argument);
  BOOST_CHECK_THROW(seen.insert("+1", 0, 1), std::invalid_argument);
  BOOST_CHECK_THROW(seen.insert("+14255550100", jobs::number_seen::max_files, 1), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_million_numbers_in_18_mb_with_no_transient_double) {
  jobs::number_seen seen;
  const std::uint64_t n = 1'000'000;
  for (std::uint64_t i = 0; i < n; ++i) {
    // Consecutive numbers, as a real batch has: the worst case for a weak hash.
    const auto text = "+1425" + std::to_string(5000000 + i);
    if (seen.insert(text, static_cast<std::uint32_t>(i % 3), i + 2)) BOOST_FAIL("false duplicate at " << i);
  }
  BOOST_TEST(seen.size() == n);
  // 12 bytes a slot at a load of at least 68 %: under 18 MB.
  BOOST_TEST(seen.memory_bytes() <= 18u * 1000 * 1000, seen.memory_bytes() << " bytes");
  BOOST_TEST(seen.size() * 100 >= seen.capacity() * 60);
  BOOST_TEST(seen.size() * 20 <= seen.capacity() * 17);
  // Growth holds one shard's old arrays beside the new ones, never a second copy of the set.
  BOOST_TEST(seen.peak_memory_bytes() <= seen.memory_bytes() + seen.memory_bytes() / 100,
             seen.peak_memory_bytes() << " bytes at peak, " << seen.memory_bytes() << " now");
  std::uint64_t found = 0;
  for (std::uint64_t i = 0; i < n; i += 1) {
    const auto first = seen.insert("+1425" + std::to_string(5000000 + i), 7, 1);
    if (first && first->line == i + 2 && first->file_index == i % 3) ++found;
  }
  BOOST_TEST(found == n);
  // Numbers never inserted are not reported, and are added.
  std::uint64_t false_hits = 0;
  for (std::uint64_t i = 0; i < 1000; ++i)
    if (seen.insert("+1426" + std::to_string(5000000 + i), 0, 1)) ++false_hits;
  BOOST_TEST(false_hits == 0u);
  BOOST_TEST(seen.size() == n + 1000);
}

BOOST_AUTO_TEST_CASE(colliding_numbers_probe_past_each_other_and_grow_their_shard) {
  // Numbers whose hash (MurmurHash3's finaliser, as number_seen uses) picks the same shard and
  // the same home slot of a fresh 16-slot shard: each probes past the ones before it, wraps
  // around the end of the shard, and makes the shard grow several times.
  auto fmix = [](std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
  };
  std::vector<std::uint64_t> same;
  for (std::uint64_t v = 14255000000ull; same.size() < 60 && v < 14255000000ull + 10'000'000; ++v) {
    const auto h = fmix(v);
    const auto home = static_cast<std::size_t>((static_cast<unsigned __int128>(h << 8) * 16) >> 64);
    if ((h >> 56) == 0 && home == 15) same.push_back(v);
  }
  BOOST_TEST_REQUIRE(same.size() == 60u);
  jobs::number_seen seen;
  const auto before = seen.capacity();
  for (std::size_t i = 0; i < same.size(); ++i)
    BOOST_TEST(!seen.insert("+" + std::to_string(same[i]), 1, i + 10).has_value());
  BOOST_TEST(seen.size() == same.size());
  BOOST_TEST(seen.capacity() > before);  // only that shard grew
  BOOST_TEST(seen.capacity() < before + 100);
  for (std::size_t i = 0; i < same.size(); ++i) {
    const auto first = seen.insert("+" + std::to_string(same[i]), 2, 1);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->line == i + 10);
    BOOST_TEST(first->file_index == 1u);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(duplicate_filter_tests)

BOOST_AUTO_TEST_CASE(repeat_across_files_and_actions_is_invalid_naming_the_first) {
  jobs::duplicate_filter filter;
  BOOST_TEST(!filter.check(seen_task("a.csv", 2, "+14255550100")).has_value());
  BOOST_TEST(!filter.check(seen_task("a.csv", 3, "+14255550101")).has_value());
  BOOST_TEST(!filter.check(seen_task("b.json", 4, "+14255550102")).has_value());
  const auto dup = filter.check(seen_task("b.json", 9, "+14255550100", engine::number_action::remove));
  BOOST_TEST_REQUIRE(dup.has_value());
  const auto& r = dup->row;
  BOOST_TEST(r.file == "b.json");
  BOOST_TEST(r.line == 9u);
  BOOST_TEST(r.action == "delete");
  BOOST_TEST(r.telephone_number == "+14255550100");
  BOOST_TEST(r.account_name == "contoso");
  BOOST_TEST((r.outcome == model::outcome::invalid));
  BOOST_TEST_REQUIRE(r.errors.size() == 1u);
  BOOST_TEST(r.errors[0].code == "DuplicateNumber");
  BOOST_TEST(r.errors[0].target == "telephoneNumber");
  BOOST_TEST(r.errors[0].message ==
             "duplicate of a.csv:2 (telephoneNumber +14255550100 appears more than once in this run)");
  // Back in the first file again: still the same index.
  const auto again = filter.check(seen_task("a.csv", 10, "+14255550102"));
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST(again->row.errors[0].message.rfind("duplicate of b.json:4 ", 0) == 0u);
  BOOST_TEST(filter.size() == 3u);
}

BOOST_AUTO_TEST_CASE(sharing_the_table_with_the_watch_still_names_the_first_row) {
  engine::run_numbers numbers;
  jobs::duplicate_filter filter(&numbers);
  BOOST_TEST(!filter.check(seen_task("a.csv", 2, "+14255550100")).has_value());
  BOOST_TEST(!filter.check(seen_task("a.csv", 3, "+14255550101")).has_value());
  const auto now = engine::watched_rows::clock::now();
  const auto written = [&](const std::string& number, std::uint64_t line) {
    model::report_row r;
    r.file = "a.csv";
    r.line = line;
    r.action = "upsert";
    r.account_name = "contoso";
    r.telephone_number = number;
    return r;
  };
  {
    engine::watched_rows watch(&numbers);
    watch.add(written("+14255550100", 2), {}, nullptr, now, now);
    watch.add(written("+14255550101", 3), {}, nullptr, now, now);
    BOOST_TEST(numbers.index.size() == 2u);  // one table: each number once
    // While the watch holds the row: the duplicate names the first sighting.
    const auto dup = filter.check(seen_task("b.csv", 7, "+14255550100"));
    BOOST_TEST_REQUIRE(dup.has_value());
    BOOST_TEST(dup->row.errors[0].message.rfind("duplicate of a.csv:2 ", 0) == 0u);
    // After the row ended: the same.
    watch.erase(*watch.find("contoso", "+14255550100"));
    const auto again = filter.check(seen_task("b.csv", 8, "+14255550100"));
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST(again->row.errors[0].message.rfind("duplicate of a.csv:2 ", 0) == 0u);
    // A number the watch holds before the input names it: the input's row is the first.
    watch.add(written("+14255550199", 40), {}, nullptr, now, now);
    BOOST_TEST(!filter.check(seen_task("b.csv", 9, "+14255550199")).has_value());
    const auto third = filter.check(seen_task("b.csv", 10, "+14255550199"));
    BOOST_TEST_REQUIRE(third.has_value());
    BOOST_TEST(third->row.errors[0].message.rfind("duplicate of b.csv:9 ", 0) == 0u);
  }
  // The watch ended holding rows: they gave their sightings back.
  const auto last = filter.check(seen_task("c.csv", 1, "+14255550101"));
  BOOST_TEST_REQUIRE(last.has_value());
  BOOST_TEST(last->row.errors[0].message.rfind("duplicate of a.csv:3 ", 0) == 0u);
  BOOST_TEST(filter.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
