// The list `filter` grammar (sim/api/filter.hpp), without sockets.
#include "sim/api/filter.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(filter_grammar) {
  std::vector<std::string_view> fields{"telephoneNumber", "accountName", "serviceProvisioningStatus"};
  std::string error;
  auto f = parse_filter(
      "telephoneNumber eq '+1555' AND startswith(accountName,'con') and serviceProvisioningStatus ne 'failed'", fields,
      error);
  BOOST_TEST_REQUIRE(f.has_value(), error);
  BOOST_TEST(f->clauses.size() == 3u);
  std::map<std::string, std::string> item{
      {"telephoneNumber", "+1555"}, {"accountName", "contoso"}, {"serviceProvisioningStatus", "pending"}};
  auto lookup = [&](std::string_view k) -> std::optional<std::string> {
    auto it = item.find(std::string(k));
    return it == item.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  BOOST_TEST(f->matches(lookup));
  item["serviceProvisioningStatus"] = "failed";
  BOOST_TEST(!f->matches(lookup));
  auto quoted = parse_filter("accountName eq 'o''brien'", fields, error);
  BOOST_TEST_REQUIRE(quoted.has_value());
  BOOST_TEST(quoted->clauses[0].value == "o'brien");
  for (const char* bad :
       {"", "colour eq 'red'", "accountName gt 'a'", "accountName eq a", "accountName eq 'a' or accountName eq 'b'",
        "accountName eq 'unterminated", "startswith(accountName 'a')"})
    BOOST_TEST(!parse_filter(bad, fields, error).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
