// Teams operations on the sample seed: capability plans, available capabilities, civic
// addresses, requests for information (list, get, merge-patch).
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const std::string contoso_tenant = "a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a";
const std::string prospect_tenant = "0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d";

// The sample config (samples/sim-config.json with its seed), made fast.
sim_env sample_env() {
  return sim_env(fast_flags({"--config", std::string(ACGPROV_SOURCE_DIR) + "/samples/sim-config.json", "--rate-limit",
                             "0", "--sync-delay-ms", "0"}));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(teams)

BOOST_AUTO_TEST_CASE(sample_seed_loads) {
  auto env = sample_env();
  auto state = env.state();
  BOOST_TEST(state.at("accounts").as_array().size() == 3u);
  BOOST_TEST(state.at("numbers").as_array().size() == 4u);
  BOOST_TEST(state.at("civicAddresses").as_array().size() == 3u);
  BOOST_TEST(state.at("rfis").as_array().size() == 2u);
  auto contoso = body_of(env.api("GET", "/accounts/contoso"));
  BOOST_TEST(contoso.at("serviceProvisioningStatus").as_string() == "synced");
  auto& sd = contoso.at("serviceDetails").as_object();
  BOOST_TEST(sd.at("teamsOperatorConnect").as_object().at("numberCount").as_int64() == 1);
  BOOST_TEST(sd.at("teamsPhoneMobile").as_object().at("numberCount").as_int64() == 1);
  auto fabrikam = body_of(env.api("GET", "/accounts/fabrikam"));
  BOOST_TEST(fabrikam.at("serviceDetails")
                 .as_object()
                 .at("teamsDirectRouting")
                 .as_object()
                 .at("subdomainStatus")
                 .as_string() == "provisioned");
  // The sample's roles work.
  std::string reader = env.fetch_token("sim-reader", "reader-secret");
  BOOST_TEST(env.api("GET", "/numbers", {}, {}, reader).status == 200);
  BOOST_TEST(env.api("DELETE", "/accounts/woodgrove", {}, {}, reader).status == 403);
}

BOOST_AUTO_TEST_CASE(capability_plans_need_teams_services) {
  auto env = sample_env();
  auto r = env.api("POST", "/accounts/contoso:getTeamsCapabilityPlans");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto plans = body_of(r).at("capabilityPlans").as_array();
  BOOST_TEST_REQUIRE(!plans.empty());
  auto plan = plans[0].as_object();
  BOOST_TEST(plan.at("usage").as_string() == "CallingUserAssignment");
  BOOST_TEST(plan.contains("name"));
  BOOST_TEST(plan.at("supportsTollFree").is_bool());
  auto choosable = plan.at("choosableCapabilities").as_array();
  BOOST_TEST((std::find(choosable.begin(), choosable.end(), json::value("InboundCalling")) != choosable.end()));
  BOOST_TEST((std::find(choosable.begin(), choosable.end(), json::value("OutboundCalling")) != choosable.end()));
  r = env.api("POST", "/accounts/fabrikam:getTeamsCapabilityPlans");  // Direct Routing only
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "ServiceNotEnabled");
  BOOST_TEST(env.api("POST", "/accounts/nobody:getTeamsCapabilityPlans").status == 404);
}

BOOST_AUTO_TEST_CASE(available_capabilities_of_numbers) {
  auto env = sample_env();
  auto r = env.api("POST", "/accounts/contoso:getTeamsAvailableCapabilities",
                   R"({"numbers":[{"telephoneNumber":"+15105850321"},{"telephoneNumber":"+15105850322"}]})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto caps = body_of(r).at("availableCapabilities").as_array();
  BOOST_TEST((std::find(caps.begin(), caps.end(), json::value("UserAssignment")) != caps.end()));
  r = env.api("POST", "/accounts/contoso:getTeamsAvailableCapabilities",
              R"({"numbers":[{"telephoneNumber":"+19999"}]})");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(body_of(r).at("error").as_object().at("target").as_string() == "numbers[0]");
  BOOST_TEST(env.api("POST", "/accounts/contoso:getTeamsAvailableCapabilities", R"({"numbers":[]})").status == 400);
  BOOST_TEST(
      env.api("POST", "/accounts/contoso:getTeamsAvailableCapabilities", R"({"numbers":[{"telephoneNumber":"x"}]})")
          .status == 400);
}

BOOST_AUTO_TEST_CASE(civic_addresses_of_the_account_tenant) {
  auto env = sample_env();
  auto r = env.api("GET", "/accounts/contoso/teamsCivicAddresses?countRecords=true");
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.header("x-ms-record-count") == "2");
  auto v = body_of(r).at("value").as_array();
  BOOST_TEST_REQUIRE(v.size() == 2u);
  auto hq = v[0].as_object();
  BOOST_TEST(hq.at("id").as_string() == "ca-contoso-hq");
  BOOST_TEST(hq.at("defaultLocationId").as_string() == "loc-contoso-hq-1");
  auto loc = hq.at("locations").as_array()[0].as_object();
  BOOST_TEST(loc.at("civicAddressId").as_string() == "ca-contoso-hq");
  BOOST_TEST(env.api("GET", "/accounts/contoso/teamsCivicAddresses?filter=cityOrTown%20eq%20%27Seattle%27")
                 .body.find("ca-contoso-lab") != std::string::npos);

  auto g = env.api("GET", "/accounts/contoso/teamsCivicAddresses/ca-contoso-hq");
  BOOST_TEST(g.status == 200);
  BOOST_TEST(!g.header("ETag").empty());
  BOOST_TEST(
      env.api("GET", "/accounts/contoso/teamsCivicAddresses/ca-contoso-hq", {}, {{"If-None-Match", g.header("ETag")}})
          .status == 304);
  // Another tenant's address is not visible through contoso.
  BOOST_TEST(env.api("GET", "/accounts/contoso/teamsCivicAddresses/ca-other-tenant").status == 404);
  BOOST_TEST(body_of(env.api("GET", "/accounts/fabrikam/teamsCivicAddresses")).at("value").as_array().empty());
  BOOST_TEST(env.api("GET", "/accounts/nobody/teamsCivicAddresses").status == 404);
}

BOOST_AUTO_TEST_CASE(requests_for_information) {
  auto env = sample_env();
  auto r = env.api("GET", "/teamsRequestsForInformation?countRecords=true");
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.header("x-ms-record-count") == "2");
  auto v = body_of(r).at("value").as_array();
  BOOST_TEST(v[0].as_object().at("tenantId").as_string() == prospect_tenant);  // by tenant id
  BOOST_TEST(v[1].as_object().at("productContext").as_string() == "teams");
  BOOST_TEST(v[1].as_object().at("serviceProvisioningStatus").as_string() == "synced");
  BOOST_TEST(body_of(env.api("GET", "/teamsRequestsForInformation?filter=accountName%20eq%20%27contoso%27"))
                 .at("value")
                 .as_array()
                 .size() == 1u);

  auto g = env.api("GET", "/teamsRequestsForInformation/" + contoso_tenant);
  BOOST_TEST(g.status == 200);
  std::string etag = g.header("ETag");
  BOOST_TEST(body_of(g).at("contacts").as_array()[0].as_object().at("email").as_string() ==
             "johnsmith@contoso.example");
  // GUIDs match case-insensitively.
  std::string upper = contoso_tenant;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  BOOST_TEST(env.api("GET", "/teamsRequestsForInformation/" + upper).status == 200);
  BOOST_TEST(env.api("GET", "/teamsRequestsForInformation/contosoTenantId").status == 400);  // the overview's non-GUID
  BOOST_TEST(env.api("GET", "/teamsRequestsForInformation/11111111-2222-3333-4444-555555555555").status == 404);

  header_list merge{{"Content-Type", "application/merge-patch+json"}};
  auto p = env.api("PATCH", "/teamsRequestsForInformation/" + contoso_tenant,
                   R"({"customerRelationship":{"status":"InDiscussion","comment":"Call booked"}})", merge);
  BOOST_TEST_REQUIRE(p.status == 200, p.body);
  BOOST_TEST(p.header("ETag") != etag);
  auto rfi = body_of(p);
  BOOST_TEST(rfi.at("serviceProvisioningStatus").as_string() == "pending");
  auto rel = rfi.at("customerRelationship").as_object();
  BOOST_TEST(rel.at("status").as_string() == "InDiscussion");
  BOOST_TEST(rel.at("comment").as_string() == "Call booked");
  BOOST_TEST(rel.at("lastModifiedOn").as_string() != "2024-01-18T07:58:49.570Z");
  BOOST_TEST(rfi.at("status").as_string() == "active");  // read-only members untouched
  // Merge patch: null removes a member; absent members stay.
  p = env.api("PATCH", "/teamsRequestsForInformation/" + contoso_tenant,
              R"({"customerRelationship":{"comment":null},"status":"removed"})", merge);
  rel = body_of(p).at("customerRelationship").as_object();
  BOOST_TEST(!rel.contains("comment"));
  BOOST_TEST(rel.at("status").as_string() == "InDiscussion");
  BOOST_TEST(body_of(p).at("status").as_string() == "active");
  BOOST_TEST(poll_until_settled(env, "/teamsRequestsForInformation/" + contoso_tenant)
                 .at("serviceProvisioningStatus")
                 .as_string() == "synced");
  // Conditions, bad bodies, unknown tenants.
  BOOST_TEST(env.api("PATCH", "/teamsRequestsForInformation/" + contoso_tenant, R"({"customerRelationship":{}})",
                     {{"Content-Type", "application/merge-patch+json"}, {"If-Match", etag}})
                 .status == 412);
  BOOST_TEST(env.api("PATCH", "/teamsRequestsForInformation/" + contoso_tenant,
                     R"({"customerRelationship":{"status":5}})", merge)
                 .status == 400);
  BOOST_TEST(
      env.api("PATCH", "/teamsRequestsForInformation/11111111-2222-3333-4444-555555555555", R"({})", merge).status ==
      404);
}

BOOST_AUTO_TEST_SUITE_END()
