// number_index: erase by backward shift keeps every other key findable (checked against
// std::map over random inserts, updates and erases, in a shard small enough to wrap around).
#include "engine/number_index.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <random>

using namespace acgprov;

BOOST_AUTO_TEST_SUITE(number_index_tests)

BOOST_AUTO_TEST_CASE(random_inserts_updates_and_erases_agree_with_a_map) {
  engine::number_index index;
  std::map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> model;
  std::mt19937_64 rng(14);
  // Keys from a small range, so erases hit present keys and probe runs get long.
  std::uniform_int_distribution<std::uint64_t> key(14255550000ull, 14255550000ull + 5000);
  for (int step = 0; step < 200'000; ++step) {
    const auto k = key(rng);
    const auto tag = static_cast<std::uint32_t>(rng() % engine::number_index::tag_limit);
    const auto value = static_cast<std::uint32_t>(rng());
    switch (rng() % 3) {
      case 0: {
        const bool fresh = !index.insert(k, tag, value).has_value();
        BOOST_TEST_REQUIRE(fresh == !model.count(k));
        if (fresh) model[k] = {tag, value};
        break;
      }
      case 1:
        BOOST_TEST_REQUIRE(index.update(k, tag, value) == (model.count(k) > 0));
        if (model.count(k)) model[k] = {tag, value};
        break;
      default:
        BOOST_TEST_REQUIRE(index.erase(k) == (model.erase(k) > 0));
    }
  }
  BOOST_TEST(index.size() == model.size());
  for (const auto& [k, held] : model) {
    const auto e = index.find(k);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->tag == held.first);
    BOOST_TEST(e->value == held.second);
  }
  std::size_t seen = 0;
  index.for_each([&](engine::number_index::entry& e) {
    ++seen;
    BOOST_TEST_REQUIRE(model.count(e.key) == 1u);
  });
  BOOST_TEST(seen == model.size());
}

BOOST_AUTO_TEST_CASE(keys_are_the_e164_digits) {
  BOOST_TEST(*engine::number_index::key_of("+14255550100") == 14255550100ull);
  BOOST_TEST(engine::number_index::text_of(14255550100ull) == "+14255550100");
  BOOST_TEST(!engine::number_index::key_of("14255550100").has_value());
  BOOST_TEST(!engine::number_index::key_of("+04255550100").has_value());
  BOOST_TEST(!engine::number_index::key_of("+1").has_value());
  BOOST_TEST(!engine::number_index::key_of("+1425 555").has_value());
  BOOST_TEST(!engine::number_index::key_of("+1234567890123456").has_value());  // 16 digits
}

BOOST_AUTO_TEST_SUITE_END()
