// Numbers: create/replace/get/delete, '+' and %2B in paths, validation, 404/409/412, ETags,
// x-ms-client-request-id.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {}  // namespace

BOOST_AUTO_TEST_SUITE(numbers)

BOOST_AUTO_TEST_CASE(put_get_delete_with_plus_or_percent_2B) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  auto r = env.api("PUT", "/accounts/contoso/numbers/+15105850321", oc_number("contoso", "+15105850321"));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  auto n = body_of(r);
  BOOST_TEST(n.at("telephoneNumber").as_string() == "+15105850321");
  BOOST_TEST(n.at("accountName").as_string() == "contoso");
  BOOST_TEST(n.at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(n.at("serviceProvisioningErrors").as_array().empty());
  auto& oc = n.at("serviceDetails").as_object().at("teamsOperatorConnect").as_object();
  BOOST_TEST(oc.at("assignmentStatus").as_string() == "assigned");
  BOOST_TEST(oc.at("configuration").as_object().at("usage").as_string() == "CallingUserAssignment");
  BOOST_TEST(oc.at("configuration").as_object().at("allowTenantAddressUpdate").as_bool() == false);  // default
  BOOST_TEST(n.at("configuration").as_object().at("customSipHeader").as_string() == "contoso-commsgw");
  std::string etag = r.header("ETag");

  auto g = env.api("GET", "/accounts/contoso/numbers/%2B15105850321");
  BOOST_TEST(g.status == 200);
  BOOST_TEST(g.header("ETag") == etag);
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/+15105850321").status == 200);

  r = env.api("PUT", "/accounts/contoso/numbers/%2B15105850321", oc_number("contoso", "+15105850321"));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("ETag") != etag);

  BOOST_TEST(env.api("DELETE", "/accounts/contoso/numbers/+15105850321").status == 204);
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/%2B15105850321").status == 404);
  // Deleting again is a no-op success: DELETE is idempotent.
  BOOST_TEST(env.api("DELETE", "/accounts/contoso/numbers/%2B15105850321").status == 204);
}

BOOST_AUTO_TEST_CASE(unknown_numbers_and_accounts_are_404) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  auto r = env.api("GET", "/accounts/contoso/numbers/%2B15550000");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.header("x-ms-error-code") == "NotFound");
  BOOST_TEST(env.api("GET", "/accounts/nobody/numbers/%2B15550000").status == 404);
  BOOST_TEST(env.api("DELETE", "/accounts/nobody/numbers/%2B15550000").status == 404);
  BOOST_TEST(env.api("GET", "/accounts/nobody/numbers").status == 404);
  // A number is only found under its own account.
  env.put_account("other", oc_account("other"));
  env.put_number("other", "+15550001", oc_number("other", "+15550001"));
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/%2B15550001").status == 404);
}

BOOST_AUTO_TEST_CASE(invalid_numbers_are_400) {
  sim_env env;
  env.put_account("contoso", all_services_account("contoso"));
  struct bad {
    std::string path_number, body, target;
  };
  auto body = [](const std::string& number, const std::string& rest) {
    return R"({"telephoneNumber":")" + number + R"(","accountName":"contoso")" + rest + "}";
  };
  std::string dr = R"(,"serviceDetails":{"teamsDirectRouting":{"enabled":true}})";
  std::vector<bad> cases{
      {"%2B0123456", body("+0123456", dr), "telephoneNumber"},                      // leading 0
      {"%2B12345678901234567", body("+12345678901234567", dr), "telephoneNumber"},  // 18 chars
      {"%2B1555abc", body("+1555abc", dr), "telephoneNumber"},
      {"15550001", body("15550001", dr), "telephoneNumber"},      // no +
      {"%2B15550001", body("+15550002", dr), "telephoneNumber"},  // path mismatch
      {"%2B15550001", R"({"telephoneNumber":"+15550001","accountName":"other")" + dr + "}", "accountName"},
      {"%2B15550001", body("+15550001", ""), "serviceDetails"},
      {"%2B15550001", body("+15550001", R"(,"serviceDetails":{"teamsDirectRouting":{}})"),
       "serviceDetails.teamsDirectRouting.enabled"},
      {"%2B15550001", body("+15550001", dr + R"(,"configuration":{"customSipHeader":"has space"})"),
       "configuration.customSipHeader"},
      {"%2B15550001", body("+15550001", dr + R"(,"configuration":{"customSipHeader":""})"),
       "configuration.customSipHeader"},
      {"%2B15550001",
       body("+15550001", R"(,"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"assignmentStatus":"maybe"}})"),
       "serviceDetails.teamsOperatorConnect.assignmentStatus"},
      {"%2B15550001",
       body(
           "+15550001",
           R"(,"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"choosableCapabilities":"InboundCalling"}}})"),
       "serviceDetails.teamsOperatorConnect.configuration.choosableCapabilities"},
  };
  for (const auto& c : cases) {
    auto r = env.api("PUT", "/accounts/contoso/numbers/" + c.path_number, c.body);
    BOOST_TEST(r.status == 400, c.body << " -> " << r.status << " " << r.body);
    BOOST_TEST(r.header("x-ms-error-code") == "InvalidRequest");
    if (r.status == 400) BOOST_TEST(body_of(r).at("error").as_object().at("target").as_string() == c.target, c.body);
  }
  // 16 characters is the longest valid number.
  env.put_number("contoso", "+123456789012345", dr_number("contoso", "+123456789012345"));
  BOOST_TEST(env.state().at("numbers").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(conflicts_are_409) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_account("fabrikam", oc_account("fabrikam"));
  // Direct Routing is not enabled on contoso.
  auto r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", dr_number("contoso", "+15550001"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "ServiceNotEnabled");
  BOOST_TEST(body_of(r).at("error").as_object().at("message").as_string().find("teamsDirectRouting") !=
             std::string::npos);
  // A number held by another account cannot be put into this one.
  env.put_number("fabrikam", "+15550002", oc_number("fabrikam", "+15550002"));
  r = env.api("PUT", "/accounts/contoso/numbers/%2B15550002", oc_number("contoso", "+15550002"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "NumberInUse");
  BOOST_TEST(body_of(r).at("error").as_object().at("message").as_string().find("fabrikam") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(conditional_requests_on_numbers) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  std::string path = "/accounts/contoso/numbers/%2B15550001";
  auto r = env.api("PUT", path, oc_number("contoso", "+15550001"), {{"If-None-Match", "*"}});
  BOOST_TEST(r.status == 201);
  std::string etag = r.header("ETag");
  BOOST_TEST(env.api("PUT", path, oc_number("contoso", "+15550001"), {{"If-None-Match", "*"}}).status == 412);
  BOOST_TEST(env.api("PUT", path, oc_number("contoso", "+15550001"), {{"If-Match", "\"nope\""}}).status == 412);
  // The seed's bare ETag spelling (no quotes) matches as well.
  r = env.api("PUT", path, oc_number("contoso", "+15550001"), {{"If-Match", etag.substr(1, etag.size() - 2)}});
  BOOST_TEST(r.status == 200);
  std::string etag2 = r.header("ETag");
  BOOST_TEST(env.api("GET", path, {}, {{"If-None-Match", etag2}}).status == 304);
  BOOST_TEST(env.api("GET", path, {}, {{"If-Match", etag}}).status == 412);
  BOOST_TEST(env.api("DELETE", path, {}, {{"If-Match", etag}}).status == 412);
  BOOST_TEST(env.api("DELETE", path, {}, {{"If-Match", etag2}}).status == 204);
  BOOST_TEST(env.api("DELETE", path, {}, {{"If-Match", "*"}}).status == 412);  // gone
}

BOOST_AUTO_TEST_CASE(client_request_id_is_echoed) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  std::string id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  auto r = env.api("GET", "/accounts/contoso", {}, {{"x-ms-client-request-id", id}});
  BOOST_TEST(r.header("x-ms-client-request-id") == id);
  r = env.api("GET", "/accounts/nope", {}, {{"x-ms-client-request-id", id}});
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.header("x-ms-client-request-id") == id);  // errors too: that is when it matters
  r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"),
              {{"x-ms-client-request-id", id}});
  BOOST_TEST(r.header("x-ms-client-request-id") == id);
  r = env.api("GET", "/accounts", {}, {{"x-ms-client-request-id", id}}, "not-a-token");
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.header("x-ms-client-request-id") == id);
  // GET /numbers does not declare the header (swagger), so it is not echoed there.
  r = env.api("GET", "/numbers", {}, {{"x-ms-client-request-id", id}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(!r.has_header("x-ms-client-request-id"));
}

BOOST_AUTO_TEST_SUITE_END()
