#include "engine/plan/account_snapshot.hpp"
#include "jobs/preflight/prune_guard.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov::engine;
namespace json = boost::json;

namespace {
json::object obj(const char* text) { return json::parse(text).as_object(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(account_snapshot_tests)

BOOST_AUTO_TEST_CASE(e164_keys_round_trip) {
  BOOST_TEST(e164_key("+14255550100").value() == 14255550100ULL);
  BOOST_TEST(e164_text(14255550100ULL) == "+14255550100");
  BOOST_TEST(e164_key("+999999999999999").value() == 999999999999999ULL);  // 15 digits
  BOOST_TEST(!e164_key("14255550100"));
  BOOST_TEST(!e164_key("+0425"));
  BOOST_TEST(!e164_key("+1"));
  BOOST_TEST(!e164_key("+1234567890123456"));  // 16 digits
  BOOST_TEST(!e164_key("+1425x"));
}

BOOST_AUTO_TEST_CASE(digest_ignores_order_read_only_fields_and_empties) {
  auto input = obj(R"({"telephoneNumber":"+14255550100","accountName":"contoso",
    "serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment",
    "choosableCapabilities":["InboundCalling"]}}}})");
  // The API's answer: other key order, read-only members, an empty configuration, nulls.
  auto held = obj(R"({"accountName":"contoso","serviceProvisioningStatus":"synced","serviceProvisioningErrors":[],
    "configuration":{},"telephoneNumber":"+14255550100",
    "serviceDetails":{"teamsOperatorConnect":{"assignmentStatus":"unassigned","configuration":{
    "acquiredCapabilities":["X"],"choosableCapabilities":["InboundCalling"],"usage":"CallingUserAssignment",
    "civicAddressId":null},"enabled":true}}})");
  BOOST_TEST(resource_digest(input) == resource_digest(held));
}

BOOST_AUTO_TEST_CASE(digest_sees_every_setting_a_client_writes) {
  auto base = obj(R"({"telephoneNumber":"+14255550100","accountName":"contoso",
    "serviceDetails":{"teamsDirectRouting":{"enabled":true}},"configuration":{"customSipHeader":"a"}})");
  auto d = resource_digest(base);
  auto other_header = base;
  other_header["configuration"].as_object()["customSipHeader"] = "b";
  BOOST_TEST(resource_digest(other_header) != d);
  auto disabled = base;
  disabled["serviceDetails"].as_object()["teamsDirectRouting"].as_object()["enabled"] = false;
  BOOST_TEST(resource_digest(disabled) != d);
  auto more = base;
  more["serviceDetails"].as_object()["zoomPhoneCloudPeering"] = json::object{{"enabled", true}};
  BOOST_TEST(resource_digest(more) != d);
  // Array order is a setting (capabilities are a list), so it counts.
  auto a = obj(R"({"x":["A","B"]})"), b = obj(R"({"x":["B","A"]})");
  BOOST_TEST(resource_digest(a) != resource_digest(b));
}

BOOST_AUTO_TEST_CASE(snapshot_lookup_status_and_prune_set) {
  account_snapshot s;
  s.add(obj(R"({"telephoneNumber":"+14255550102","serviceProvisioningStatus":"pending"})"));
  s.add(obj(R"({"telephoneNumber":"+14255550100","serviceProvisioningStatus":"synced"})"));
  s.add(obj(R"({"telephoneNumber":"+14255550101","serviceProvisioningStatus":"failed"})"));
  s.add(obj(R"({"telephoneNumber":"not a number"})"));  // ignored
  s.seal();
  BOOST_TEST(s.size() == 3u);
  BOOST_TEST_REQUIRE(s.find("+14255550102") != nullptr);
  BOOST_TEST((s.find("+14255550102")->status() == held_status::pending));
  BOOST_TEST((s.find("+14255550101")->status() == held_status::failed));
  BOOST_TEST((s.find("+14255550100")->status() == held_status::synced));
  BOOST_TEST(s.find("+14255550199") == nullptr);
  // Same settings, whatever the status bits.
  auto held = *s.find("+14255550102");
  BOOST_TEST(account_snapshot::same_resource(held, resource_digest(obj(R"({"telephoneNumber":"+14255550102"})"))));
  auto extra = s.not_in({14255550100ULL});
  BOOST_TEST((extra == std::vector<std::uint64_t>{14255550101ULL, 14255550102ULL}));
}

BOOST_AUTO_TEST_CASE(prune_limits) {
  using acgprov::jobs::account_prune;
  using acgprov::jobs::check_prune_limits;
  std::map<std::string, account_prune> plan{{"a", {3, 10}}, {"b", {1, 100}}};
  BOOST_TEST(!check_prune_limits(plan, {}).has_value());
  BOOST_TEST(!check_prune_limits(plan, {4, std::nullopt}).has_value());
  BOOST_TEST(check_prune_limits(plan, {3, std::nullopt}).has_value());  // 4 in all > 3
  BOOST_TEST(!check_prune_limits(plan, {std::nullopt, 30.0}).has_value());
  auto why = check_prune_limits(plan, {std::nullopt, 20.0});  // a: 30% > 20%
  BOOST_TEST_REQUIRE(why.has_value());
  BOOST_TEST(why->find("account a") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
