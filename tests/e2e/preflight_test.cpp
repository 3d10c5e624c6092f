// The numbers preflight of acgprov apply end to end (issue 6): rows their account cannot take
// are `invalid` and never sent, for a few reads per account; --no-preflight sends them.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

json::object config_with_civic_addresses() {
  json::object seed = default_seed();
  seed["civicAddresses"] = json::parse(R"([
    {"id": "ca-hq", "tenantId": "7a1b2c3d-0000-4000-8000-000000000001", "country": "US",
     "locations": [{"id": "loc-hq-1", "isDefault": true}, {"id": "loc-hq-2"}]},
    {"id": "ca-lab", "tenantId": "7a1b2c3d-0000-4000-8000-000000000001", "country": "US",
     "locations": [{"id": "loc-lab-1"}]}
  ])");
  return json::object{{"seed", std::move(seed)}};
}

const char* const batch =
    "accountName,telephoneNumber,services,usage,choosableCapabilities,civicAddressId,locationId\n"
    "contoso,+14255550100,teamsOperatorConnect,CallingUserAssignment,InboundCalling,ca-hq,loc-hq-2\n"  // good
    "fabrikam,+14255550101,teamsOperatorConnect,CallingUserAssignment,InboundCalling,,\n"           // no OC on fabrikam
    "contoso,+14255550102,teamsOperatorConnect,CallingUserAssignment,InboundCalling,ca-nowhere,\n"  // unknown address
    "contoso,+14255550103,teamsOperatorConnect,HologramAssignment,InboundCalling,,\n"               // usage in no plan
    "contoso,+14255550104,teamsPhoneMobile,ConferenceAssignment,Mobile,,\n"               // capability not in that plan
    "contoso,+14255550105,teamsOperatorConnect,CallingUserAssignment,,ca-hq,loc-lab-1\n"  // location of another address
    "nobody,+14255550106,teamsDirectRouting,,,,\n"                                        // no such account
    "fabrikam,+14255550107,teamsDirectRouting;azureOperatorCallProtection,,,,\n"          // good
    "contoso,+14255550108,teamsDirectRouting,,,,\n";                                      // good

std::string code_of(const json::object& row) {
  const auto& errors = row.at("errors").as_array();
  return errors.empty() ? std::string() : str(errors[0].as_object(), "code");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(preflight_e2e)

BOOST_AUTO_TEST_CASE(rows_failing_preflight_are_invalid_and_never_sent) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_civic_addresses());
  auto in = f.write("n.csv", batch);
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--write-mode", "single"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_number(read_report(report));
  BOOST_TEST_REQUIRE(by.size() == 9u);
  for (const char* good : {"+14255550100", "+14255550107", "+14255550108"})
    BOOST_TEST(str(by[good], "outcome") == "synced", good << ": " << json::serialize(by[good]));
  const std::map<std::string, std::string> refused{
      {"+14255550101", "ServiceNotEnabled"}, {"+14255550102", "UnknownCivicAddress"},
      {"+14255550103", "UsageNotOffered"},   {"+14255550104", "CapabilityNotOffered"},
      {"+14255550105", "UnknownLocation"},   {"+14255550106", "AccountNotFound"}};
  for (const auto& [number, code] : refused) {
    BOOST_TEST_CONTEXT(number) {
      BOOST_TEST(str(by[number], "outcome") == "invalid", json::serialize(by[number]));
      BOOST_TEST(code_of(by[number]) == code);
      BOOST_TEST(by[number].at("attempts").as_int64() == 0);
      BOOST_TEST(by[number].at("httpStatus").is_null());
    }
  }
  const auto& e = by["+14255550103"].at("errors").as_array()[0].as_object();
  BOOST_TEST(str(e, "target") == "serviceDetails.teamsOperatorConnect.configuration.usage");
  BOOST_TEST(str(e, "message").find("CallingUserAssignment") != std::string::npos, str(e, "message"));
  BOOST_TEST(str(by["+14255550101"].at("errors").as_array()[0].as_object(), "message").find("fabrikam") !=
             std::string::npos);

  // One PUT per good row and none for the refused ones; the emulator holds only the good ones.
  BOOST_TEST(f.api_calls("Accounts_CreateOrReplaceNumber") == 3u);
  auto state = f.sim_numbers();
  BOOST_TEST(state.size() == 3u);
  for (const auto& [number, code] : refused) BOOST_TEST(!state.count(number), number);
  // A few requests per account, not per row: the run's one page of GET /accounts shows contoso
  // and fabrikam (issue 14), a GET asks for the account it does not show, and contoso's
  // addresses and plans are read once.
  BOOST_TEST(f.api_calls("Accounts_List") == 1u);
  BOOST_TEST(f.api_calls("Accounts_Get") == 1u);  // nobody
  BOOST_TEST(f.api_calls("Accounts_ListTeamsCivicAddresses") == 1u);
  BOOST_TEST(f.api_calls("Accounts_GetTeamsCapabilityPlans") == 1u);
}

BOOST_AUTO_TEST_CASE(batch_mode_and_json_input_are_checked_alike) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_civic_addresses());
  auto in = f.write("n.json", R"([
    {"telephoneNumber": "+14255550200", "accountName": "contoso",
     "serviceDetails": {"teamsOperatorConnect": {"enabled": true,
       "configuration": {"usage": "CallingUserAssignment", "choosableCapabilities": ["InboundCalling"],
                         "civicAddressId": "ca-lab", "locationId": "loc-lab-1"}}}},
    {"telephoneNumber": "+14255550201", "accountName": "fabrikam",
     "serviceDetails": {"zoomPhoneCloudPeering": {"enabled": true}, "teamsPhoneMobile": {"enabled": true}}},
    {"action": "delete", "telephoneNumber": "+14255550202", "accountName": "contoso"}
  ])");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_number(read_report(report));
  BOOST_TEST_REQUIRE(by.size() == 3u);
  BOOST_TEST(str(by["+14255550200"], "outcome") == "synced", json::serialize(by["+14255550200"]));
  BOOST_TEST(str(by["+14255550201"], "outcome") == "invalid");
  BOOST_TEST(code_of(by["+14255550201"]) == "ServiceNotEnabled");
  BOOST_TEST(str(by["+14255550202"], "outcome") == "deleted");  // deletes pass unchecked
  BOOST_TEST(f.sim_numbers().size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_preflight_sends_the_rows_and_the_api_refuses_them) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_civic_addresses());
  auto in = f.write("n.csv",
                    "accountName,telephoneNumber,services\n"
                    "fabrikam,+14255550300,teamsOperatorConnect\n"
                    "fabrikam,+14255550301,teamsDirectRouting\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--no-preflight", "--write-mode", "single"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(str(by["+14255550300"], "outcome") == "rejected");
  BOOST_TEST(by["+14255550300"].at("httpStatus").as_int64() == 409);
  BOOST_TEST(str(by["+14255550301"], "outcome") == "synced");
  BOOST_TEST(f.api_calls("Accounts_Get") == 0u);
}

BOOST_AUTO_TEST_CASE(numbers_wait_for_their_account_to_sync) {
  // contoso is seeded `pending` for exactly one read (not for a time, which a loaded machine
  // could outlast before its first look); its numbers are written only after a later read.
  json::object seed = default_seed();
  auto& contoso = seed["accounts"].as_array()[0].as_object();
  contoso["serviceProvisioningStatus"] = "pending";
  contoso["pendingReads"] = 1;
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, json::object{{"seed", std::move(seed)}});
  auto in = f.write("n.csv",
                    "accountName,telephoneNumber,services\n"
                    "contoso,+14255550400,teamsDirectRouting\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--write-mode", "single"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto log = f.sim_get("/_sim/requests?since=0").as_object().at("requests").as_array();
  std::size_t account_reads = 0;
  bool written_after_reads = false;
  for (const auto& entry : log) {
    const auto op = str(entry.as_object(), "operation");
    if (op == "Accounts_Get" || op == "Accounts_List") ++account_reads;  // GET /accounts shows it too
    if (op == "Accounts_CreateOrReplaceNumber") written_after_reads = account_reads >= 2;
  }
  BOOST_TEST(account_reads >= 2u);  // the first saw `pending`, a later one `synced`
  BOOST_TEST(written_after_reads);
}

BOOST_AUTO_TEST_SUITE_END()
