// Backend sync: pending -> synced / failed with serviceProvisioningErrors, or never; sync
// rules from the config; which writes need sync at all.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {}  // namespace

BOOST_AUTO_TEST_SUITE(backend_sync)

BOOST_AUTO_TEST_CASE(pending_becomes_synced_after_the_delay) {
  sim_env env(fast_flags({"--sync-delay-ms", "300"}));
  env.put_account("contoso", oc_account("contoso"));
  auto started = std::chrono::steady_clock::now();
  auto r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"));
  BOOST_TEST(body_of(r).at("serviceProvisioningStatus").as_string() == "pending");
  const auto first_read = status_of(env, "/accounts/contoso/numbers/%2B15550001");
  // A read that came back before the delay was over (measured from before the write) must
  // have said pending; a loaded machine may not look that soon, and then nothing is known.
  if (std::chrono::steady_clock::now() - started < std::chrono::milliseconds(300)) BOOST_TEST(first_read == "pending");
  auto n = poll_until_settled(env, "/accounts/contoso/numbers/%2B15550001");
  BOOST_TEST(n.at("serviceProvisioningStatus").as_string() == "synced");
  BOOST_TEST(n.at("serviceProvisioningErrors").as_array().empty());
  BOOST_TEST((std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300)));
}

BOOST_AUTO_TEST_CASE(with_zero_delay_the_write_answers_pending_and_the_next_read_synced) {
  sim_env env;  // --sync-delay-ms 0
  env.put_account("contoso", oc_account("contoso"));
  auto r = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"));
  BOOST_TEST(body_of(r).at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "synced");
  BOOST_TEST(status_of(env, "/accounts/contoso") == "synced");
}

BOOST_AUTO_TEST_CASE(operator_connect_without_usage_fails_in_the_backend) {
  sim_env env;
  env.put_account("contoso", all_services_account("contoso"));
  // Empty usage (the overview's example) and no configuration at all both fail, target oc.
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001", ""));
  env.put_number(
      "contoso", "+15550002",
      R"({"telephoneNumber":"+15550002","accountName":"contoso","serviceDetails":{"teamsOperatorConnect":{"enabled":true}}})");
  for (const char* path : {"/accounts/contoso/numbers/%2B15550001", "/accounts/contoso/numbers/%2B15550002"}) {
    auto n = poll_until_settled(env, path);
    BOOST_TEST(n.at("serviceProvisioningStatus").as_string() == "failed");
    auto errors = n.at("serviceProvisioningErrors").as_array();
    BOOST_TEST_REQUIRE(errors.size() == 1u);
    auto e = errors[0].as_object();
    BOOST_TEST(e.at("code").as_string() == "InvalidRequest");
    BOOST_TEST(e.at("message").as_string() == "Invalid/missing required configuration attributes: Usage");
    BOOST_TEST(e.at("target").as_string() == "oc");
  }
  // Teams Phone Mobile reports target tpm.
  env.put_number(
      "contoso", "+15550003",
      R"({"telephoneNumber":"+15550003","accountName":"contoso","serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"choosableCapabilities":["Mobile"]}}}})");
  auto n = poll_until_settled(env, "/accounts/contoso/numbers/%2B15550003");
  BOOST_TEST(n.at("serviceProvisioningStatus").as_string() == "failed");
  BOOST_TEST(n.at("serviceProvisioningErrors").as_array()[0].as_object().at("target").as_string() == "tpm");
}

BOOST_AUTO_TEST_CASE(writes_without_sync_are_synced_at_once) {
  sim_env env(fast_flags({"--sync-delay-ms", "60000"}));
  env.put_account("nosync", all_services_account("nosync", false));
  BOOST_TEST(status_of(env, "/accounts/nosync") == "synced");
  // OC without usage does not fail when OC has no syncEnabled: no backend is involved.
  auto r = env.api("PUT", "/accounts/nosync/numbers/%2B15550001", oc_number("nosync", "+15550001", ""));
  BOOST_TEST(body_of(r).at("serviceProvisioningStatus").as_string() == "synced");
  // Azure Operator Call Protection has no syncEnabled and never makes a number pending.
  env.put_account("aocp", all_services_account("aocp", true));
  r = env.api(
      "PUT", "/accounts/aocp/numbers/%2B15550002",
      R"({"telephoneNumber":"+15550002","accountName":"aocp","serviceDetails":{"azureOperatorCallProtection":{"enabled":true}}})");
  BOOST_TEST(body_of(r).at("serviceProvisioningStatus").as_string() == "synced");
}

BOOST_AUTO_TEST_CASE(sync_rules_fail_or_hold_chosen_numbers) {
  temp_file config(R"({"clients":[{"clientId":"sim-client","secret":"sim-secret","roles":["ProvisioningAPI.Admin"]}],
    "syncRules":[
      {"numberPrefix":"+1999","outcome":"failed","errors":[{"code":"BackendError","message":"No inventory","target":"oc"}]},
      {"numberPrefix":"+1888","outcome":"never"},
      {"accountPrefix":"slow-","outcome":"synced","delayMs":60000}]})");
  sim_env env(fast_flags({"--config", config.path()}));
  env.put_account("contoso", oc_account("contoso"));
  env.put_account("slow-one", oc_account("slow-one"));
  env.put_number("contoso", "+19990001", oc_number("contoso", "+19990001"));
  env.put_number("contoso", "+18880001", oc_number("contoso", "+18880001"));
  env.put_number("slow-one", "+15550001", oc_number("slow-one", "+15550001"));
  auto failed = poll_until_settled(env, "/accounts/contoso/numbers/%2B19990001");
  BOOST_TEST(failed.at("serviceProvisioningStatus").as_string() == "failed");
  auto e = failed.at("serviceProvisioningErrors").as_array()[0].as_object();
  BOOST_TEST(e.at("code").as_string() == "BackendError");
  BOOST_TEST(e.at("message").as_string() == "No inventory");
  for (int i = 0; i < 3; ++i) BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B18880001") == "pending");
  BOOST_TEST(status_of(env, "/accounts/slow-one/numbers/%2B15550001") == "pending");
  BOOST_TEST(status_of(env, "/accounts/slow-one") == "pending");
}

BOOST_AUTO_TEST_CASE(fault_sync_never_keeps_writes_pending) {
  sim_env env(fast_flags({"--fault-sync-never", "1"}));
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001"));
  for (int i = 0; i < 3; ++i) BOOST_TEST(status_of(env, "/accounts/contoso/numbers/%2B15550001") == "pending");
  BOOST_TEST(env.stats().at("faults").as_object().at("syncNever").to_number<int>() == 2);  // account + number
}

BOOST_AUTO_TEST_CASE(state_shows_resolved_statuses) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_number("contoso", "+15550001", oc_number("contoso", "+15550001", ""));
  auto state = env.state();
  auto n = state.at("numbers").as_array()[0].as_object();
  BOOST_TEST(n.at("serviceProvisioningStatus").as_string() == "failed");
  BOOST_TEST(n.contains("etag"));
  BOOST_TEST(state.at("accounts").as_array()[0].as_object().at("serviceProvisioningStatus").as_string() == "synced");
}

BOOST_AUTO_TEST_SUITE_END()
