// Every request acgprov sends validates against Microsoft's published contract (issue 11,
// case 3): the engine's main commands run through `prism proxy --errors` with the
// 2024-02-29-preview OpenAPI file in front of acgprov-sim. Prism answers 422 to a request that
// breaks the file (an IMF-fixdate in Repeatability-First-Sent, which the file declares
// `format: date-time`, refused every write) and 500 to a response that breaks it; every
// violation it finds is in its log. Each command must exit as expected, report what it did,
// and leave no violation; every API request must have passed through Prism.
//
// Without Prism (scripts/setup.sh installs it) the suite fails under CI=true and prints a SKIP
// line elsewhere (CTest shows the shard as skipped: SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt).
#include "tests/e2e/conformance_rig.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

// False (after a visible SKIP line) where the rig cannot run outside CI; a failure in CI.
bool rig_available() {
  const auto why = conformance_rig_unavailable();
  if (!why) return true;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    BOOST_FAIL("conformance_e2e cannot run in CI: " + *why);
  }
  std::cout << "SKIP: conformance_e2e: " << *why << std::endl;
  return false;
}

std::string number(int i) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "+1425556%04d", i);
  return buf;
}

// contoso rows [from, to): Operator Connect with its settings on even numbers, Direct Routing on odd.
// allowTenantAddressUpdate is set: Prism fills in the file's defaults (false) in the bodies it
// forwards, so a row that left it out would differ from what the emulator then holds.
std::string contoso_rows(int from, int to, const char* action = "upsert") {
  std::string csv =
      "action,accountName,telephoneNumber,services,usage,choosableCapabilities,allowTenantAddressUpdate,"
      "customSipHeader\n";
  for (int i = from; i < to; ++i)
    csv += std::string(action) + ",contoso," + number(i) +
           (i % 2 == 0 ? ",teamsOperatorConnect,CallingUserAssignment,InboundCalling;OutboundCalling,true,c-" +
                             std::to_string(i)
                       : ",teamsDirectRouting,,,,") +
           "\n";
  return csv;
}

// Checks what Prism logged since the previous call, naming the command; shows a few findings.
struct conformance_check {
  conformance_rig& rig;
  std::size_t seen = 0;
  std::size_t refused = 0;

  void after(const std::string& what) {
    const auto all = rig.findings();
    const auto refused_now = rig.refused();
    std::string text;
    for (std::size_t i = seen; i < all.size() && i < seen + 4; ++i) text += "\n  " + all[i];
    BOOST_TEST(all.size() == seen, what << ": Prism refused " << refused_now - refused << " request(s); "
                                        << all.size() - seen << " finding(s), the first:" << text);
    seen = all.size();
    refused = refused_now;
  }
};

json::object conformance_rfi_config() {
  json::array rfis;
  for (int i = 0; i < 3; ++i) {
    char tenant[40];
    std::snprintf(tenant, sizeof tenant, "00000000-0000-4000-8000-%012d", i);
    rfis.push_back(json::object{
        {"tenantId", tenant},
        {"status", "active"},
        {"consentedCountries", json::array{"US"}},
        {"contacts",
         json::array{json::object{{"fullName", "Contact"}, {"email", "c@example.com"}, {"companyName", "Company"}}}}});
  }
  json::object seed = default_seed();
  seed["rfis"] = std::move(rfis);
  seed["civicAddresses"] = json::parse(R"([
    {"id": "ca-hq", "tenantId": "7a1b2c3d-0000-4000-8000-000000000001", "country": "US", "cityOrTown": "Redmond",
     "locations": [{"id": "loc-hq-1", "description": "Floor 1", "isDefault": true}]}])");
  return json::object{{"seed", std::move(seed)}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conformance_e2e)

BOOST_AUTO_TEST_CASE(number_writes_deletes_prune_and_exports_validate_against_the_published_file) {
  if (!rig_available()) return;
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, conformance_rfi_config());
  conformance_rig rig(f);
  conformance_check check{rig};
  const std::vector<std::string> fast{"--poll-interval", "0.05"};

  // apply, batch (the default): 200 rows, two :createOrUpdateNumbers requests, then the sync polls.
  auto report = f.dir.file("batch.jsonl");
  auto r = rig.command({"apply", f.write("batch.csv", contoso_rows(0, 200)), "--report", report}, fast);
  BOOST_TEST(r.exit_code == 0, r.err);
  auto counts = outcomes(read_report(report));
  BOOST_TEST(counts["synced"] == 200u);
  check.after("apply (batch)");

  // apply --write-mode single: one PUT per number, one DELETE per number.
  auto single_csv = contoso_rows(200, 210) + contoso_rows(190, 200, "delete").substr(contoso_rows(0, 0).size());
  report = f.dir.file("single.jsonl");
  r = rig.command({"apply", f.write("single.csv", single_csv), "--report", report, "--write-mode", "single"}, fast);
  BOOST_TEST(r.exit_code == 0, r.err);
  counts = outcomes(read_report(report));
  BOOST_TEST(counts["synced"] == 10u);
  BOOST_TEST(counts["deleted"] == 10u);
  check.after("apply --write-mode single");

  // apply, batch deletes: one :deleteNumbers request.
  report = f.dir.file("deletes.jsonl");
  r = rig.command({"apply", f.write("deletes.csv", contoso_rows(180, 190, "delete")), "--report", report}, fast);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(outcomes(read_report(report))["deleted"] == 10u);
  check.after("apply (batch deletes)");

  // --prune: the account's numbers the input leaves out (170..179 and 200..209) are deleted.
  report = f.dir.file("prune.jsonl");
  r = rig.command(
      {"apply", f.write("keep.csv", contoso_rows(0, 170)), "--report", report, "--prune", "--max-deletes", "100%"},
      fast);
  BOOST_TEST(r.exit_code == 0, r.err);
  const auto pruned = read_report(report);
  counts = outcomes(pruned);
  BOOST_TEST(counts["unchanged"] == 170u);
  BOOST_TEST(counts["deleted"] == 20u);
  for (const auto& row : pruned)
    if (str(row, "outcome") == "deleted") BOOST_TEST(str(row, "file") == "(prune)");
  check.after("apply --prune");

  // The exports read every page through the proxy.
  const auto all = f.dir.file("numbers.csv");
  r = rig.command({"numbers", "export", "--output", all});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(read_file(all).find(number(169)) != std::string::npos);
  r = rig.command({"numbers", "export", "--account", "contoso", "--output", f.dir.file("contoso.jsonl")});
  BOOST_TEST(r.exit_code == 0, r.err);
  check.after("numbers export");
  const auto civic = f.dir.file("civic.csv");
  r = rig.command({"civic-addresses", "export", "--account", "contoso", "--output", civic});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(read_file(civic).find("ca-hq") != std::string::npos);
  check.after("civic-addresses export");

  // Nothing went around Prism: it saw every API request the emulator answered.
  BOOST_TEST(rig.requests_seen() == f.api_requests());
  BOOST_TEST(f.api_requests() > 0u);
}

BOOST_AUTO_TEST_CASE(account_and_rfi_commands_validate_against_the_published_file) {
  if (!rig_available()) return;
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, conformance_rfi_config());
  conformance_rig rig(f);
  conformance_check check{rig};

  // accounts apply: a new account (create) and an update of an existing one (GET, then a
  // PUT with If-Match).
  auto accounts = f.write("accounts.json", R"([
    {"name": "northwind", "correlationId": "crm-1", "serviceDetails": {
       "teamsTenantId": "5d1c0a8e-0000-4000-8000-000000000042",
       "teamsOperatorConnect": {"enabled": true, "syncEnabled": true},
       "teamsDirectRouting": {"enabled": true, "syncEnabled": true,
         "configuration": {"callScreening": true, "subdomain": "northwind", "subdomainTokens": {"region1Token": "t1", "region2Token": "t2"}}},
       "azureOperatorCallProtection": {"enabled": true}}},
    {"name": "fabrikam", "correlationId": "crm-2", "serviceDetails": {
       "zoomPhoneCloudPeering": {"enabled": true, "syncEnabled": true},
       "azureOperatorCallProtection": {"enabled": true}}}])");
  auto report = f.dir.file("accounts.jsonl");
  auto r = rig.command({"accounts", "apply", accounts, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto counts = outcomes(read_report(report));
  BOOST_TEST(counts["synced"] == 2u);
  check.after("accounts apply");

  const auto exported = f.dir.file("accounts-export.json");
  r = rig.command({"accounts", "export", "--output", exported});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(read_file(exported).find("northwind") != std::string::npos);
  check.after("accounts export");

  // rfi update: two merge-patches of customerRelationship.
  auto rfis = f.write("rfis.csv",
                      "tenantId,status,comment\n"
                      "00000000-0000-4000-8000-000000000001,ConsentAcknowledged,welcome\n"
                      "00000000-0000-4000-8000-000000000002,Contacted,\n");
  report = f.dir.file("rfis.jsonl");
  r = rig.command({"rfi", "update", rfis, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(outcomes(read_report(report))["synced"] == 2u);
  check.after("rfi update");

  const auto listed = f.dir.file("rfis.json");
  r = rig.command({"rfi", "list", "--output", listed});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(read_file(listed).find("ConsentAcknowledged") != std::string::npos);
  check.after("rfi list");

  BOOST_TEST(rig.requests_seen() == f.api_requests());
  BOOST_TEST(f.api_requests() > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
