// The shipped samples: every row valid, and the CSV, JSON and NDJSON batches say the same.
#include "io/record_reader.hpp"
#include "jobs/input/number_row.hpp"
#include "jobs/input/number_seen.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov;

namespace {
std::vector<engine::number_task> tasks_of(const std::string& name) {
  const std::string path = std::string(ACGPROV_SOURCE_DIR) + "/samples/" + name;
  auto reader = io::open_reader(path, *io::format_from_path(path));
  jobs::duplicate_filter dups;
  std::vector<engine::number_task> out;
  while (auto rec = reader->next()) {
    auto v = jobs::to_number_task(*rec);
    if (auto* bad = std::get_if<jobs::invalid_row>(&v))
      BOOST_FAIL(name << ":" << rec->line << ": " << bad->row.errors.at(0).message);
    auto& t = std::get<engine::number_task>(v);
    BOOST_TEST(!dups.check(t).has_value());
    out.push_back(std::move(t));
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(samples_tests)

BOOST_AUTO_TEST_CASE(three_formats_one_batch) {
  const auto csv = tasks_of("numbers.csv");
  const auto json = tasks_of("numbers.json");
  const auto ndjson = tasks_of("numbers.ndjson");
  BOOST_TEST_REQUIRE(csv.size() == 8u);
  BOOST_TEST_REQUIRE(json.size() == csv.size());
  BOOST_TEST_REQUIRE(ndjson.size() == csv.size());
  for (std::size_t i = 0; i < csv.size(); ++i) {
    BOOST_TEST_CONTEXT("row " << i) {
      BOOST_TEST(csv[i].number == json[i].number);
      BOOST_TEST(csv[i].account == json[i].account);
      BOOST_TEST((csv[i].action == json[i].action));
      BOOST_TEST(boost::json::serialize(csv[i].resource) == boost::json::serialize(json[i].resource));
      BOOST_TEST(boost::json::serialize(ndjson[i].resource) == boost::json::serialize(json[i].resource));
      BOOST_TEST(ndjson[i].line == i + 1);
      BOOST_TEST(csv[i].line == i + 2);
    }
  }
  // Every service and every Teams setting appears somewhere, and there is a delete.
  std::string all;
  for (const auto& t : csv) all += boost::json::serialize(t.resource);
  for (const char* word : {"teamsOperatorConnect", "teamsDirectRouting", "teamsPhoneMobile", "zoomPhoneCloudPeering",
                           "azureOperatorCallProtection", "usage", "choosableCapabilities", "civicAddressId",
                           "locationId", "allowTenantAddressUpdate", "customSipHeader", "fabrikam", "contoso"})
    BOOST_TEST(all.find(word) != std::string::npos, word);
  BOOST_TEST((csv.back().action == engine::number_action::remove));
}

BOOST_AUTO_TEST_SUITE_END()
