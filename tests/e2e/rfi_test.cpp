// acgprov rfi list / rfi update end to end (issue 6): a list over several pages, the status
// filter, the three output formats, and a bulk update of customer relationships.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

constexpr int rfi_count = 1001;  // three pages of 500

std::string tenant(int i) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", i);
  return buf;
}

// rfi_count RFIs; every tenth is suspended.
json::object config_with_rfis() {
  json::array rfis;
  for (int i = 0; i < rfi_count; ++i) {
    json::object r;
    r["tenantId"] = tenant(i);
    r["status"] = i % 10 == 0 ? "suspended" : "active";
    r["consentedCountries"] = json::array{"US"};
    r["contacts"] = json::array{json::object{{"fullName", "Contact " + std::to_string(i)},
                                             {"email", "c" + std::to_string(i) + "@example.com"},
                                             {"companyName", "Company " + std::to_string(i)}}};
    if (i == 1) r["accountName"] = "contoso";
    if (i == 5) r["customerRelationship"] = json::object{{"status", "Old"}, {"comment", "old comment"}};
    rfis.push_back(std::move(r));
  }
  json::object seed = default_seed();
  seed["rfis"] = std::move(rfis);
  return json::object{{"seed", std::move(seed)}};
}

json::object sim_rfi(e2e_fixture& f, const std::string& tenant_id) {
  auto state = f.sim_get("/_sim/state");
  for (auto& r : state.as_object().at("rfis").as_array())
    if (str(r.as_object(), "tenantId") == tenant_id) return r.as_object();
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rfi_e2e)

BOOST_AUTO_TEST_CASE(list_reads_every_page_and_filters_on_status) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_rfis());
  auto json_path = f.dir.file("rfis.json");
  auto r = f.command({"rfi", "list", "--output", json_path});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  BOOST_TEST(f.api_calls("TeamsRequestsForInformation_List") == 3u);
  auto listed = json::parse(read_file(json_path)).as_array();
  BOOST_TEST_REQUIRE(listed.size() == static_cast<std::size_t>(rfi_count));
  // Each RFI exactly as the API returns it (the emulator's state renders the same objects).
  auto state = f.sim_get("/_sim/state").as_object().at("rfis").as_array();
  std::map<std::string, json::value> by_tenant;
  for (auto& s : state) by_tenant[str(s.as_object(), "tenantId")] = s;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const auto id = str(listed[i].as_object(), "tenantId");
    BOOST_TEST(id == tenant(static_cast<int>(i)));  // in tenant id order, no page lost or repeated
    BOOST_TEST(listed[i] == by_tenant[id], id);
  }

  auto csv_path = f.dir.file("suspended.csv");
  r = f.command({"rfi", "list", "--status", "suspended", "--output", csv_path});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  auto csv = read_file(csv_path);
  BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 1 + (rfi_count + 9) / 10);
  BOOST_TEST(csv.rfind("tenantId,id,accountName,productContext,operatorId,status,", 0) == 0u);
  BOOST_TEST(csv.find("\n" + tenant(10) + ",") != std::string::npos);
  BOOST_TEST(csv.find("\n" + tenant(11) + ",") == std::string::npos);
  BOOST_TEST(csv.find(",Contact 10 <c10@example.com>,Company 10,") != std::string::npos, csv.substr(0, 600));

  auto jsonl_path = f.dir.file("active.jsonl");
  r = f.command({"rfi", "list", "--status", "active", "--output", jsonl_path});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  auto text = read_file(jsonl_path);
  BOOST_TEST(std::count(text.begin(), text.end(), '\n') == rfi_count - (rfi_count + 9) / 10);
}

BOOST_AUTO_TEST_CASE(bulk_update_patches_each_rfi_and_reports_it) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_rfis());
  auto csv = f.write("update.csv",
                     "tenantId,status,comment\n" + tenant(1) + ",ConsentAcknowledged,welcome aboard\n" + tenant(2) +
                         ",Contacted,\n" +                                     // comment left as it is
                         "ffffffff-0000-4000-8000-000000000000,Contacted,x\n"  // no such RFI: 404
                         "not-a-guid,Contacted,x\n" +                          // invalid
                         tenant(1) +
                         ",Again,x\n" +        // duplicate
                         tenant(3) + ",,\n");  // nothing to update
  auto ndjson = f.write("update.ndjson",
                        "{\"tenantId\":\"" + tenant(4) +
                            "\",\"customerRelationship\":{\"status\":\"ConsentDeclined\",\"comment\":\"not now\"}}\n"
                            "{\"tenantId\":\"" +
                            tenant(5) +
                            "\",\"customerRelationship\":{\"comment\":null,\"status\":\"Contacted\"},"
                            "\"status\":\"active\",\"contacts\":[]}\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.command({"rfi", "update", csv, ndjson, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 8u);
  std::map<std::string, json::object> by;  // file:line
  for (auto& row : rows)
    by[str(row, "file").substr(str(row, "file").rfind('/') + 1) + ":" + std::to_string(row.at("line").as_int64())] =
        row;
  auto outcome = [&](const std::string& key) { return str(by[key], "outcome"); };
  BOOST_TEST(outcome("update.csv:2") == "synced");
  BOOST_TEST(str(by["update.csv:2"], "accountName") == tenant(1));  // the report's key column: tenantId
  BOOST_TEST(str(by["update.csv:2"], "action") == "update");
  BOOST_TEST(str(by["update.csv:2"], "serviceProvisioningStatus") == "synced");
  BOOST_TEST(by["update.csv:2"].at("httpStatus").as_int64() == 200);
  BOOST_TEST(outcome("update.csv:3") == "synced");
  BOOST_TEST(outcome("update.csv:4") == "rejected");
  BOOST_TEST(by["update.csv:4"].at("httpStatus").as_int64() == 404);
  BOOST_TEST(outcome("update.csv:5") == "invalid");
  BOOST_TEST(outcome("update.csv:6") == "invalid");
  BOOST_TEST(str(by["update.csv:6"].at("errors").as_array()[0].as_object(), "code") == "DuplicateTenant");
  BOOST_TEST(outcome("update.csv:7") == "invalid");
  BOOST_TEST(outcome("update.ndjson:1") == "synced");
  BOOST_TEST(outcome("update.ndjson:2") == "synced");
  // Three PATCHes for the CSV (one 404), two for the NDJSON; nothing for the invalid rows.
  BOOST_TEST(f.api_writes() == 5u);

  auto rel = [&](int i) { return sim_rfi(f, tenant(i)).at("customerRelationship").as_object(); };
  BOOST_TEST(str(rel(1), "status") == "ConsentAcknowledged");
  BOOST_TEST(str(rel(1), "comment") == "welcome aboard");
  BOOST_TEST(str(rel(2), "status") == "Contacted");
  BOOST_TEST(!rel(2).contains("comment"));
  BOOST_TEST(str(rel(4), "status") == "ConsentDeclined");
  BOOST_TEST(str(rel(4), "comment") == "not now");
  BOOST_TEST(str(rel(5), "status") == "Contacted");
  BOOST_TEST(!rel(5).contains("comment"));  // merge patch: null removes
  BOOST_TEST(!rel(3).contains("status"));
  // The consent status itself is read-only: the listed "status" in the NDJSON row changed nothing.
  BOOST_TEST(str(sim_rfi(f, tenant(5)), "status") == "active");
}

BOOST_AUTO_TEST_SUITE_END()
