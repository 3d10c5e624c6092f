// acgprov apply end to end (issue 3): inputs, outcomes, failures, throttling, faults, auth.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

// Rows over both seeded accounts: OC with usage, DR, TPM, Zoom, Call Protection.
const char* const good_csv =
    "action,accountName,telephoneNumber,services,usage,choosableCapabilities,customSipHeader\n"
    "upsert,contoso,+14255550100,teamsOperatorConnect,CallingUserAssignment,InboundCalling;OutboundCalling,hdr1\n"
    ",contoso,+14255550101,teamsDirectRouting,,,\n"
    "upsert,contoso,+14255550102,teamsPhoneMobile;teamsDirectRouting,CallingUserAssignment,Mobile,\n"
    "upsert,fabrikam,+14255550200,zoomPhoneCloudPeering,,,\n"
    "upsert,fabrikam,+14255550201,azureOperatorCallProtection,,,\n"
    "upsert,fabrikam,+14255550202,teamsDirectRouting;azureOperatorCallProtection,,,\n";

void check_all(const std::vector<json::object>& rows, const char* outcome) {
  for (const auto& r : rows)
    BOOST_TEST(str(r, "outcome") == outcome, str(r, "telephoneNumber") << ": " << json::serialize(r));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(apply_e2e)

BOOST_AUTO_TEST_CASE(csv_batch_mode_writes_and_syncs_every_row) {
  e2e_fixture f;
  auto in = f.write("numbers.csv", good_csv);
  auto report = f.dir.file("report.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 6u);
  check_all(rows, "synced");
  auto by = rows_by_number(rows);
  BOOST_TEST(by["+14255550100"].at("line").as_int64() == 2);
  BOOST_TEST(by["+14255550202"].at("line").as_int64() == 7);
  BOOST_TEST(str(by["+14255550100"], "file") == in);
  BOOST_TEST(str(by["+14255550100"], "serviceProvisioningStatus") == "synced");
  BOOST_TEST(by["+14255550100"].at("attempts").as_int64() == 1);
  BOOST_TEST(str(by["+14255550100"], "requestId").size() == 36u);

  auto state = f.sim_numbers();
  BOOST_TEST(state.size() == 6u);
  BOOST_TEST(str(state["+14255550100"], "serviceProvisioningStatus") == "synced");
  BOOST_TEST(str(state["+14255550100"], "accountName") == "contoso");
  auto& oc = state["+14255550100"].at("serviceDetails").at("teamsOperatorConnect").as_object();
  BOOST_TEST(str(oc.at("configuration").as_object(), "usage") == "CallingUserAssignment");
  BOOST_TEST(str(state["+14255550100"].at("configuration").as_object(), "customSipHeader") == "hdr1");
  // Two accounts: two batch requests carried all six writes.
  BOOST_TEST(f.api_writes() == 2u);
}

BOOST_AUTO_TEST_CASE(single_mode_json_and_ndjson_inputs) {
  e2e_fixture f;
  auto json_in = f.write("numbers.json", R"({"value": [
  {"telephoneNumber": "+14255550300", "accountName": "contoso",
   "serviceDetails": {"teamsDirectRouting": {"enabled": true}}},
  {"telephoneNumber": "+14255550301", "accountName": "fabrikam",
   "serviceDetails": {"zoomPhoneCloudPeering": {"enabled": true}},
   "configuration": {"customSipHeader": "abc"}}
]})");
  auto nd_in = f.write("numbers.ndjson",
                       "{\"telephoneNumber\":\"+14255550302\",\"accountName\":\"contoso\",\"serviceDetails\":{"
                       "\"teamsOperatorConnect\":{\"enabled\":true,\"configuration\":{\"usage\":"
                       "\"CallingUserAssignment\",\"choosableCapabilities\":[\"InboundCalling\"]}}}}\n"
                       "\n"
                       "{\"action\":\"upsert\",\"telephoneNumber\":\"+14255550303\",\"accountName\":\"fabrikam\","
                       "\"serviceDetails\":{\"azureOperatorCallProtection\":{\"enabled\":true}}}\n");
  auto report = f.dir.file("report.jsonl");
  auto r = f.apply({json_in, nd_in}, report, {"--write-mode", "single"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 4u);
  check_all(rows, "synced");
  auto by = rows_by_number(rows);
  BOOST_TEST(by["+14255550300"].at("line").as_int64() == 2);
  BOOST_TEST(by["+14255550301"].at("line").as_int64() == 4);
  BOOST_TEST(by["+14255550302"].at("line").as_int64() == 1);
  BOOST_TEST(by["+14255550303"].at("line").as_int64() == 3);
  BOOST_TEST(by["+14255550300"].at("httpStatus").as_int64() == 201);
  BOOST_TEST(f.sim_numbers().size() == 4u);
  BOOST_TEST(f.api_writes() == 4u);  // one PUT per row
}

BOOST_AUTO_TEST_CASE(mixed_upserts_and_deletes) {
  e2e_fixture f;
  auto report1 = f.dir.file("r1.jsonl");
  BOOST_TEST_REQUIRE(f.apply({f.write("a.csv", good_csv)}, report1).exit_code == 0);
  auto in = f.write("b.csv",
                    "accountName,telephoneNumber,action,services\n"
                    "contoso,+14255550100,delete,\n"
                    "fabrikam,+14255550200,DELETE,\n"
                    "fabrikam,+14255559999,delete,\n"  // never existed: still `deleted`
                    "contoso,+14255550400,upsert,teamsDirectRouting\n");
  // The second pass runs the same file again: the plan finds the upsert done already
  // (`unchanged`, no write), but the deletes are sent again: `deleted` only from an answer.
  for (const char* mode : {"batch", "single"}) {
    BOOST_TEST_CONTEXT("write mode " << mode) {
      const bool first = std::string(mode) == "batch";
      auto writes_before = f.api_writes();
      auto report = f.dir.file(std::string("r2-") + mode + ".jsonl");
      auto r = f.apply({in}, report, {"--write-mode", mode});
      BOOST_TEST(r.exit_code == 0, r.err);
      auto by = rows_by_number(read_report(report));
      BOOST_TEST(str(by["+14255550100"], "outcome") == "deleted");
      BOOST_TEST(str(by["+14255550200"], "outcome") == "deleted");
      BOOST_TEST(str(by["+14255559999"], "outcome") == "deleted");
      BOOST_TEST(str(by["+14255550400"], "outcome") == (first ? "synced" : "unchanged"));
      BOOST_TEST(str(by["+14255550100"], "action") == "delete");
      // First pass: one batch of deletes per account (the never-existing number rides along)
      // and one batch upsert; second pass (single mode): one DELETE per delete row.
      BOOST_TEST(f.api_writes() - writes_before == 3u);
      auto state = f.sim_numbers();
      BOOST_TEST(!state.count("+14255550100"));
      BOOST_TEST(!state.count("+14255550200"));
      BOOST_TEST(state.count("+14255550400") == 1u);
      BOOST_TEST(state.count("+14255550101") == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(backend_sync_failure_is_passed_through) {
  e2e_fixture f;
  // Operator Connect without `usage`: the backend refuses it after the write was accepted.
  auto in = f.write("n.csv",
                    "accountName,telephoneNumber,services\n"
                    "contoso,+14255550500,teamsOperatorConnect\n"
                    "contoso,+14255550501,teamsDirectRouting\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_number(read_report(report));
  auto& bad = by["+14255550500"];
  BOOST_TEST(str(bad, "outcome") == "failed");
  BOOST_TEST(str(bad, "serviceProvisioningStatus") == "failed");
  BOOST_TEST_REQUIRE(bad.at("errors").as_array().size() >= 1u);
  auto& e = bad.at("errors").as_array()[0].as_object();
  BOOST_TEST(str(e, "code") == "InvalidRequest");
  BOOST_TEST(str(e, "target") == "oc");
  BOOST_TEST(str(e, "message").find("Usage") != std::string::npos);
  BOOST_TEST(str(by["+14255550501"], "outcome") == "synced");
}

BOOST_AUTO_TEST_CASE(invalid_rows_are_reported_and_never_sent) {
  e2e_fixture f;
  auto in = f.write("n.csv",
                    "accountName,telephoneNumber,services\n"
                    "contoso,14255550600,teamsDirectRouting\n"  // no '+'
                    "contoso,+14255550601,teamsDirectRouting\n"
                    "contoso,+14255550602,faxMachine\n"              // unknown service
                    ",+14255550603,teamsDirectRouting\n"             // no account
                    "contoso,+14255550601,teamsDirectRouting\n"      // duplicate
                    "contoso,\"+14255550604,teamsDirectRouting\n");  // quote never closes
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 6u);
  std::map<std::int64_t, json::object> by_line;
  for (auto& row : rows) by_line[row.at("line").as_int64()] = row;
  for (std::int64_t line : {2, 4, 5, 6, 7}) {
    BOOST_TEST(str(by_line[line], "outcome") == "invalid", "line " << line);
    BOOST_TEST(by_line[line].at("attempts").as_int64() == 0);
    BOOST_TEST(!by_line[line].at("errors").as_array().empty());
  }
  BOOST_TEST(str(by_line[3], "outcome") == "synced");
  // The duplicate names where the number was first seen.
  BOOST_TEST(str(by_line[6].at("errors").as_array()[0].as_object(), "message").find("n.csv:3") != std::string::npos);
  auto state = f.sim_numbers();
  BOOST_TEST(state.size() == 1u);
  BOOST_TEST(f.api_writes() == 1u);
}

BOOST_AUTO_TEST_CASE(service_not_enabled_on_the_account_is_rejected_and_the_batch_still_lands) {
  e2e_fixture f;
  // fabrikam has no Operator Connect: that row is refused (409); its batch mates still land.
  for (const char* mode : {"batch", "single"}) {
    BOOST_TEST_CONTEXT("write mode " << mode) {
      // Distinct numbers per mode, so that the second pass writes too (the plan would
      // otherwise find the first pass's numbers unchanged).
      const int base = std::string(mode) == "batch" ? 7000 : 8000;
      std::string csv = "accountName,telephoneNumber,services,usage\n";
      for (int i = 0; i < 20; ++i)
        csv += "fabrikam,+1425555" + std::to_string(base + i) +
               (i == 13 ? ",teamsOperatorConnect,CallingUserAssignment\n" : ",zoomPhoneCloudPeering,\n");
      auto in = f.write(std::string("n-") + mode + ".csv", csv);
      auto report = f.dir.file(std::string("r-") + mode + ".jsonl");
      // Without the preflight (issue 6), which would refuse the row as `invalid` before sending.
      auto r = f.apply({in}, report, {"--write-mode", mode, "--no-preflight"});
      BOOST_TEST(r.exit_code == 1, r.err);
      auto by = rows_by_number(read_report(report));
      BOOST_TEST_REQUIRE(by.size() == 20u);
      const std::string bad_number = "+1425555" + std::to_string(base + 13);
      auto& bad = by[bad_number];
      BOOST_TEST(str(bad, "outcome") == "rejected");
      BOOST_TEST(bad.at("httpStatus").as_int64() == 409);
      BOOST_TEST(!bad.at("errors").as_array().empty());
      for (auto& [n, row] : by)
        if (n != bad_number) BOOST_TEST(str(row, "outcome") == "synced", n);
      BOOST_TEST(f.sim_numbers().size() == (base == 7000 ? 19u : 38u));
    }
  }
}

BOOST_AUTO_TEST_CASE(wrong_secret_aborts_before_any_write) {
  e2e_fixture f;
  f.env["ACGPROV_CLIENT_SECRET"] = "not-the-secret";
  auto in = f.write("n.csv", good_csv);
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("invalid_client") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("not-the-secret") == std::string::npos);
  // The report is opened only once a token was fetched (issue 12): a refused run leaves it as
  // it was (here: not there), and --resume later finds every row still to do.
  BOOST_TEST(!std::filesystem::exists(report));
  BOOST_TEST(f.api_requests() == 0u);
  BOOST_TEST(f.sim_stats().at("tokenErrors").as_int64() >= 1);
  BOOST_TEST(f.sim_numbers().empty());
}

BOOST_AUTO_TEST_CASE(dry_run_sends_nothing) {
  e2e_fixture f;
  auto report = f.dir.file("r.csv");
  auto r = f.apply({f.write("n.csv", good_csv)}, report, {"--dry-run"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("contoso: 3 upsert") != std::string::npos, r.out);
  auto csv = read_file(report);
  BOOST_TEST(csv.rfind("file,line,action,accountName,telephoneNumber,outcome,httpStatus,serviceProvisioningStatus,"
                       "errors,attempts,elapsedMs,requestId",
                       0) == 0u);
  BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 7);
  BOOST_TEST(csv.find(",planned,") != std::string::npos);
  BOOST_TEST(f.sim_stats().at("tokensIssued").as_int64() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
