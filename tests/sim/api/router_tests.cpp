// Method and path to the 18 operations, and the access each needs (sim/api/router.hpp).
#include "sim/api/router.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::sim;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(router_maps_the_18_operations) {
  struct c {
    const char* method;
    std::vector<std::string> path;
    operation op;
  };
  std::vector<c> cases{
      {"GET", {"accounts"}, operation::accounts_list},
      {"GET", {"accounts", "a"}, operation::accounts_get},
      {"PUT", {"accounts", "a"}, operation::accounts_put},
      {"DELETE", {"accounts", "a"}, operation::accounts_delete},
      {"POST", {"accounts", "a:createOrUpdateNumbers"}, operation::create_or_update_numbers},
      {"POST", {"accounts", "a:deletenumbers"}, operation::delete_numbers},
      {"POST", {"accounts", "a:getTeamsCapabilityPlans"}, operation::get_capability_plans},
      {"POST", {"accounts", "a:getTeamsAvailableCapabilities"}, operation::get_available_capabilities},
      {"GET", {"accounts", "a", "numbers"}, operation::account_numbers_list},
      {"GET", {"accounts", "a", "numbers", "+1"}, operation::number_get},
      {"PUT", {"accounts", "a", "numbers", "+1"}, operation::number_put},
      {"DELETE", {"accounts", "a", "numbers", "+1"}, operation::number_delete},
      {"GET", {"accounts", "a", "teamsCivicAddresses"}, operation::civic_addresses_list},
      {"GET", {"accounts", "a", "teamsCivicAddresses", "c"}, operation::civic_address_get},
      {"GET", {"numbers"}, operation::numbers_list},
      {"GET", {"teamsRequestsForInformation"}, operation::rfi_list},
      {"GET", {"teamsRequestsForInformation", "t"}, operation::rfi_get},
      {"PATCH", {"teamsRequestsForInformation", "t"}, operation::rfi_patch},
  };
  for (const auto& x : cases) {
    auto m = match_route(x.method, x.path);
    BOOST_TEST((m.op == x.op), x.method << " " << x.path.back());
  }
  auto m = match_route("POST", {"accounts", "contoso:deleteNumbers"});
  BOOST_TEST(m.account == "contoso");
  BOOST_TEST((required_access(m.op) == access::remove));
  BOOST_TEST((required_access(operation::get_capability_plans) == access::write));
  m = match_route("PATCH", {"accounts", "a"});
  BOOST_TEST((m.op == operation::none));
  BOOST_TEST(m.path_known);
  BOOST_TEST(!match_route("GET", {"accounts", "a", "x"}).path_known);
}

BOOST_AUTO_TEST_SUITE_END()
