// Accounts: create/replace/get/list/delete, validation, api-version, ETags and conditions,
// numberCount, subdomainStatus and the teamsTenantId lock.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const json::object& service(const json::object& account, const char* key) {
  return account.at("serviceDetails").as_object().at(key).as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(accounts)

BOOST_AUTO_TEST_CASE(put_creates_then_replaces_with_a_new_etag_each_time) {
  sim_env env;
  auto r1 = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST(r1.status == 201);
  std::string etag1 = r1.header("ETag");
  BOOST_TEST(etag1.size() > 2);
  BOOST_TEST(etag1.front() == '"');
  BOOST_TEST(etag1.back() == '"');
  auto a = body_of(r1);
  BOOST_TEST(a.at("name").as_string() == "contoso");
  BOOST_TEST(a.at("serviceProvisioningStatus").as_string() == "pending");  // OC syncEnabled
  BOOST_TEST(a.at("serviceProvisioningErrors").as_array().empty());
  BOOST_TEST(service(a, "teamsOperatorConnect").at("numberCount").as_int64() == 0);

  auto r2 = env.api("PUT", "/accounts/contoso", oc_account("contoso", false));
  BOOST_TEST(r2.status == 200);
  BOOST_TEST(r2.header("ETag") != etag1);
  BOOST_TEST(body_of(r2).at("serviceProvisioningStatus").as_string() == "synced");  // nothing to sync

  auto g = env.api("GET", "/accounts/contoso");
  BOOST_TEST(g.status == 200);
  BOOST_TEST(g.header("ETag") == r2.header("ETag"));
  BOOST_TEST(service(body_of(g), "teamsOperatorConnect").at("syncEnabled").as_bool() == false);

  // Full replace: a service left out is gone.
  env.put_account("contoso", R"({"name":"contoso"})");
  BOOST_TEST(!body_of(env.api("GET", "/accounts/contoso")).contains("serviceDetails"));
}

BOOST_AUTO_TEST_CASE(read_only_fields_in_a_put_are_ignored) {
  sim_env env;
  auto r = env.api("PUT", "/accounts/contoso",
                   R"({"name":"contoso","serviceProvisioningStatus":"failed","serviceProvisioningErrors":null,
                       "serviceDetails":{"teamsDirectRouting":{"enabled":true,"syncEnabled":false,"numberCount":99,"subdomainStatus":"provisioned"}}})");
  BOOST_TEST_REQUIRE(r.status == 201);
  auto a = body_of(r);
  BOOST_TEST(a.at("serviceProvisioningStatus").as_string() == "synced");
  BOOST_TEST(service(a, "teamsDirectRouting").at("numberCount").as_int64() == 0);
  BOOST_TEST(service(a, "teamsDirectRouting").at("subdomainStatus").as_string() ==
             "notProvisioned");  // no configuration
}

BOOST_AUTO_TEST_CASE(invalid_accounts_are_400_with_a_target) {
  sim_env env;
  struct bad {
    std::string path, body, target;
  };
  std::vector<bad> cases{
      {"contoso", R"({"name":"other"})", "name"},
      {"contoso", R"({"correlationId":"x"})", "name"},
      {"con.toso", R"({"name":"con.toso"})", "accountName"},
      {"contoso", R"({"name":"contoso","serviceDetails":{"teamsOperatorConnect":{"enabled":true}}})",
       "serviceDetails.teamsOperatorConnect.syncEnabled"},
      {"contoso",
       R"({"name":"contoso","serviceDetails":{"teamsOperatorConnect":{"enabled":"yes","syncEnabled":true}}})",
       "serviceDetails.teamsOperatorConnect.enabled"},
      {"contoso",
       R"({"name":"contoso","serviceDetails":{"teamsDirectRouting":{"enabled":true,"syncEnabled":true,"configuration":{"callScreening":true,"subdomain":"waytoolongsub","subdomainTokens":{"region1Token":"a","region2Token":"b"}}}}})",
       "serviceDetails.teamsDirectRouting.configuration.subdomain"},
      {"contoso",
       R"({"name":"contoso","serviceDetails":{"teamsDirectRouting":{"enabled":true,"syncEnabled":true,"configuration":{"callScreening":true,"subdomain":"ok","subdomainTokens":{"region1Token":"bad token","region2Token":"b"}}}}})",
       "serviceDetails.teamsDirectRouting.configuration.subdomainTokens.region1Token"},
      {"contoso",
       R"({"name":"contoso","serviceDetails":{"teamsDirectRouting":{"enabled":true,"syncEnabled":true,"configuration":{"subdomain":"ok","subdomainTokens":{"region1Token":"a","region2Token":"b"}}}}})",
       "serviceDetails.teamsDirectRouting.configuration.callScreening"},
      {"contoso", R"({"name":"contoso","serviceDetails":{"azureOperatorCallProtection":{}}})",
       "serviceDetails.azureOperatorCallProtection.enabled"},
      {"contoso", R"(["contoso"])", ""},
  };
  for (const auto& c : cases) {
    auto r = env.api("PUT", "/accounts/" + c.path, c.body);
    BOOST_TEST(r.status == 400, c.body << " -> " << r.status);
    BOOST_TEST(r.header("x-ms-error-code") == "InvalidRequest");
    auto e = body_of(r).at("error").as_object();
    BOOST_TEST(e.at("code").as_string() == "InvalidRequest");
    if (!c.target.empty()) BOOST_TEST(e.at("target").as_string() == c.target, c.body);
  }
  BOOST_TEST(env.state().at("accounts").as_array().empty());
}

BOOST_AUTO_TEST_CASE(strict_json_and_media_type) {
  sim_env env;
  // The overview's examples end objects with trailing commas: invalid JSON, refused.
  auto r =
      env.api("PUT", "/accounts/contoso",
              R"({"name":"contoso","serviceDetails":{"teamsOperatorConnect":{"enabled":true,"syncEnabled":true},}})");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.body.find("not valid JSON") != std::string::npos);
  r = env.api("PUT", "/accounts/contoso", R"({"name":"contoso"} // comment)");
  BOOST_TEST(r.status == 400);
  r = env.api("PUT", "/accounts/contoso", "");
  BOOST_TEST(r.status == 400);
  r = env.api("PUT", "/accounts/contoso", R"({"name":"contoso"})", {{"Content-Type", "text/plain"}});
  BOOST_TEST(r.status == 415);
  BOOST_TEST(r.header("x-ms-error-code") == "UnsupportedMediaType");
  r = env.api("PUT", "/accounts/contoso", R"({"name":"contoso"})",
              {{"Content-Type", "application/json; charset=utf-8"}});
  BOOST_TEST(r.status == 201);
}

BOOST_AUTO_TEST_CASE(api_version_is_required_and_checked) {
  sim_env env;
  auto auth = header_list{{"Authorization", "Bearer " + env.token}};
  auto r = env.raw("GET", "/accounts", auth);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.header("x-ms-error-code") == "MissingApiVersionParameter");
  r = env.raw("GET", "/accounts?api-version=2023-10-01", auth);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.header("x-ms-error-code") == "UnsupportedApiVersion");
  BOOST_TEST(env.raw("GET", "/accounts?api-version=2024-02-29-preview", auth).status == 200);
  BOOST_TEST(env.raw("GET", "/accounts?api-version=2024-02-29", auth).status == 200);  // the overview's spelling
}

BOOST_AUTO_TEST_CASE(get_and_delete_of_unknown_accounts_are_404) {
  sim_env env;
  BOOST_TEST(env.api("GET", "/accounts/nope").status == 404);
  auto r = env.api("DELETE", "/accounts/nope");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.header("x-ms-error-code") == "NotFound");
  BOOST_TEST(env.api("PUT", "/accounts/nope/numbers/%2B15550001", oc_number("nope", "+15550001")).status == 404);
}

BOOST_AUTO_TEST_CASE(delete_needs_deleteNumbers_while_numbers_remain) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  auto r = env.api("DELETE", "/accounts/contoso");
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "AccountHasNumbers");
  BOOST_TEST(env.api("DELETE", "/accounts/contoso?deleteNumbers=maybe").status == 400);
  BOOST_TEST(env.api("DELETE", "/accounts/contoso?deleteNumbers=false").status == 409);
  r = env.api("DELETE", "/accounts/contoso?deleteNumbers=true");
  BOOST_TEST(r.status == 204);
  BOOST_TEST(r.body.empty());
  auto state = env.state();
  BOOST_TEST(state.at("accounts").as_array().empty());
  BOOST_TEST(state.at("numbers").as_array().empty());
  // An empty account needs no flag.
  env.put_account("empty", oc_account("empty"));
  BOOST_TEST(env.api("DELETE", "/accounts/empty").status == 204);
}

BOOST_AUTO_TEST_CASE(conditional_requests_on_accounts) {
  sim_env env;
  auto r = env.api("PUT", "/accounts/contoso", oc_account("contoso"), {{"If-None-Match", "*"}});
  BOOST_TEST(r.status == 201);
  std::string etag = r.header("ETag");
  r = env.api("PUT", "/accounts/contoso", oc_account("contoso"), {{"If-None-Match", "*"}});
  BOOST_TEST(r.status == 412);
  BOOST_TEST(r.header("x-ms-error-code") == "PreconditionFailed");
  BOOST_TEST(env.api("PUT", "/accounts/contoso", oc_account("contoso"), {{"If-Match", "\"stale\""}}).status == 412);
  BOOST_TEST(env.api("PUT", "/accounts/other", oc_account("other"), {{"If-Match", "*"}}).status == 412);
  r = env.api("PUT", "/accounts/contoso", oc_account("contoso"), {{"If-Match", etag}});
  BOOST_TEST(r.status == 200);
  std::string etag2 = r.header("ETag");
  BOOST_TEST(etag2 != etag);
  // GET with the current ETag in If-None-Match: 304, no body.
  r = env.api("GET", "/accounts/contoso", {}, {{"If-None-Match", etag2}});
  BOOST_TEST(r.status == 304);
  BOOST_TEST(env.api("GET", "/accounts/contoso", {}, {{"If-None-Match", etag}}).status == 200);
  BOOST_TEST(env.api("DELETE", "/accounts/contoso", {}, {{"If-Match", etag}}).status == 412);
  BOOST_TEST(env.api("DELETE", "/accounts/contoso", {}, {{"If-Match", etag2}}).status == 204);
}

BOOST_AUTO_TEST_CASE(number_counts_per_service_stay_true) {
  sim_env env;
  env.put_account("a", all_services_account("a", false));
  env.put_account("b", all_services_account("b", false));
  env.put_number("a", "+15550001", oc_number("a", "+15550001"));
  env.put_number("a", "+15550002", oc_number("a", "+15550002"));
  env.put_number("a", "+15550003", dr_number("a", "+15550003"));
  env.put_number(
      "a", "+15550004",
      R"({"telephoneNumber":"+15550004","accountName":"a","serviceDetails":{"teamsPhoneMobile":{"enabled":true},"zoomPhoneCloudPeering":{"enabled":true},"azureOperatorCallProtection":{"enabled":true},"teamsOperatorConnect":{"enabled":false}}})");
  auto counts = [&](const std::string& name) {
    auto a = body_of(env.api("GET", "/accounts/" + name));
    std::vector<std::int64_t> c;
    for (const char* k : {"teamsOperatorConnect", "teamsDirectRouting", "teamsPhoneMobile", "zoomPhoneCloudPeering",
                          "azureOperatorCallProtection"})
      c.push_back(service(a, k).at("numberCount").as_int64());
    return c;
  };
  BOOST_TEST(counts("a") == (std::vector<std::int64_t>{2, 1, 1, 1, 1}), boost::test_tools::per_element());
  // Replacing a number with other services moves its counts.
  env.put_number("a", "+15550001", dr_number("a", "+15550001"));
  BOOST_TEST(counts("a") == (std::vector<std::int64_t>{1, 2, 1, 1, 1}), boost::test_tools::per_element());
  BOOST_TEST(env.api("DELETE", "/accounts/a/numbers/%2B15550002").status == 204);
  BOOST_TEST(counts("a") == (std::vector<std::int64_t>{0, 2, 1, 1, 1}), boost::test_tools::per_element());
  BOOST_TEST(counts("b") == (std::vector<std::int64_t>{0, 0, 0, 0, 0}), boost::test_tools::per_element());
  // Account replace keeps the counts.
  env.put_account("a", all_services_account("a", true));
  BOOST_TEST(counts("a") == (std::vector<std::int64_t>{0, 2, 1, 1, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(direct_routing_subdomain_is_provisioned_once_synced) {
  sim_env env(fast_flags({"--sync-delay-ms", "300"}));
  auto r = env.api("PUT", "/accounts/dr", all_services_account("dr", true));
  auto a = body_of(r);
  BOOST_TEST(a.at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(service(a, "teamsDirectRouting").at("subdomainStatus").as_string() == "notProvisioned");
  auto g = poll_until_settled(env, "/accounts/dr");
  std::string status(g.at("serviceProvisioningStatus").as_string());
  std::string subdomain(service(g, "teamsDirectRouting").at("subdomainStatus").as_string());
  BOOST_TEST(status == "synced");
  BOOST_TEST(subdomain == "provisioned");
  // Without syncEnabled anywhere the account is synced at once, and DR with configuration is provisioned.
  a = body_of(env.api("PUT", "/accounts/dr2", all_services_account("dr2", false)));
  BOOST_TEST(a.at("serviceProvisioningStatus").as_string() == "synced");
  BOOST_TEST(service(a, "teamsDirectRouting").at("subdomainStatus").as_string() == "provisioned");
}

BOOST_AUTO_TEST_CASE(teams_tenant_cannot_change_while_teams_numbers_exist) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  auto r = env.api("PUT", "/accounts/contoso", oc_account("contoso", true, "0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "TeamsTenantIdLocked");
  BOOST_TEST(env.api("PUT", "/accounts/contoso", oc_account("contoso", false)).status == 200);  // same tenant: fine
  BOOST_TEST(env.api("DELETE", "/accounts/contoso/numbers/%2B15550001").status == 204);
  BOOST_TEST(
      env.api("PUT", "/accounts/contoso", oc_account("contoso", true, "0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d")).status ==
      200);
}

BOOST_AUTO_TEST_CASE(list_accounts_in_name_order) {
  sim_env env;
  for (const char* n : {"zeta", "alpha", "mid"}) env.put_account(n, oc_account(n, false));
  auto r = env.api("GET", "/accounts");
  BOOST_TEST(r.status == 200);
  auto v = body_of(r).at("value").as_array();
  BOOST_TEST_REQUIRE(v.size() == 3u);
  BOOST_TEST(v[0].as_object().at("name").as_string() == "alpha");
  BOOST_TEST(v[2].as_object().at("name").as_string() == "zeta");
  BOOST_TEST(!body_of(r).contains("nextLink"));
}

BOOST_AUTO_TEST_SUITE_END()
