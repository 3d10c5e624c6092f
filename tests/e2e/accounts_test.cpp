// acgprov accounts apply / export end to end (issue 6): create-only, ETag-conditioned updates
// (a concurrent change gives 412), Direct Routing subdomain status, invalid rows, round trip.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

const char* const header =
    "name,correlationId,teamsTenantId,teamsOperatorConnect.enabled,teamsOperatorConnect.syncEnabled,"
    "teamsDirectRouting.enabled,teamsDirectRouting.syncEnabled,teamsDirectRouting.subdomain,"
    "teamsDirectRouting.region1Token,teamsDirectRouting.region2Token,azureOperatorCallProtection.enabled\n";

json::object sim_account(e2e_fixture& f, const std::string& name) {
  auto state = f.sim_get("/_sim/state");
  for (auto& a : state.as_object().at("accounts").as_array())
    if (str(a.as_object(), "name") == name) return a.as_object();
  return {};
}

bool has_error(const json::object& row, const std::string& code) {
  for (const auto& e : row.at("errors").as_array())
    if (str(e.as_object(), "code") == code) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(accounts_e2e)

BOOST_AUTO_TEST_CASE(create_only_refuses_an_existing_account_and_update_is_conditional) {
  e2e_fixture f;
  auto in = f.write("accounts.csv", std::string(header) +
                                        "northwind,crm-1,5d1c0a8e-0000-4000-8000-000000000042,true,true,true,true,"
                                        "northwind,tok1,tok2,true\n"
                                        "contoso,crm-2,,,,,,,,,true\n");
  auto report = f.dir.file("r1.jsonl");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--if-absent", "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_account(read_report(report));
  BOOST_TEST_REQUIRE(by.size() == 2u);
  BOOST_TEST(str(by["northwind"], "outcome") == "synced");
  BOOST_TEST(by["northwind"].at("httpStatus").as_int64() == 201);
  BOOST_TEST(str(by["northwind"], "serviceProvisioningStatus") == "synced");
  BOOST_TEST(str(by["northwind"], "action") == "upsert");
  BOOST_TEST(by["northwind"].at("line").as_int64() == 2);
  BOOST_TEST(str(by["contoso"], "outcome") == "conflict");
  BOOST_TEST(by["contoso"].at("httpStatus").as_int64() == 412);
  BOOST_TEST(has_error(by["contoso"], "AccountExists"));
  // contoso kept its services: create-only never overwrote it.
  BOOST_TEST(sim_account(f, "contoso").at("serviceDetails").as_object().contains("teamsOperatorConnect"));
  auto northwind = sim_account(f, "northwind");
  BOOST_TEST(str(northwind, "correlationId") == "crm-1");

  // An update: GET (ETag) then PUT with If-Match; the account syncs again.
  const auto writes_before = f.api_writes();
  auto update = f.write("update.json", R"([{"name": "northwind", "correlationId": "crm-1b",
    "serviceDetails": {"teamsTenantId": "5d1c0a8e-0000-4000-8000-000000000042",
      "teamsOperatorConnect": {"enabled": true, "syncEnabled": true},
      "azureOperatorCallProtection": {"enabled": true}}}])");
  auto report2 = f.dir.file("r2.jsonl");
  r = f.command({"accounts", "apply", update, "--report", report2, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rows = read_report(report2);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(str(rows[0], "outcome") == "synced");
  BOOST_TEST(rows[0].at("httpStatus").as_int64() == 200);
  BOOST_TEST(rows[0].at("subdomainStatus").is_null());  // Direct Routing was removed
  BOOST_TEST(f.api_writes() == writes_before + 1);
  northwind = sim_account(f, "northwind");
  BOOST_TEST(str(northwind, "correlationId") == "crm-1b");
  BOOST_TEST(!northwind.at("serviceDetails").as_object().contains("teamsDirectRouting"));

  // The same file again: nothing to change, nothing written.
  auto report3 = f.dir.file("r3.jsonl");
  r = f.command({"accounts", "apply", update, "--report", report3});
  BOOST_TEST(r.exit_code == 0, r.err);
  rows = read_report(report3);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(str(rows[0], "outcome") == "unchanged");
  BOOST_TEST(f.api_writes() == writes_before + 1);
}

BOOST_AUTO_TEST_CASE(a_concurrent_change_gives_412_conflict_or_overwrite) {
  e2e_fixture f;
  // The operator read contoso (ETag E1) ...
  auto got = f.api("GET", "/accounts/contoso");
  BOOST_TEST_REQUIRE(got.status == 200, got.body);
  const std::string seen = got.header("ETag");
  BOOST_TEST_REQUIRE(!seen.empty());
  // ... then someone else changed it (ETag E2).
  auto body = json::parse(got.body).as_object();
  body["correlationId"] = "changed-elsewhere";
  auto put = f.api("PUT", "/accounts/contoso", json::serialize(body));
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  const std::string now = put.header("ETag");
  BOOST_TEST_REQUIRE(now != seen);

  // The operator's file still carries E1: 412, re-read, `conflict`, nothing overwritten.
  auto in = f.write("contoso.ndjson",
                    "{\"name\":\"contoso\",\"correlationId\":\"ours\",\"etag\":" + json::serialize(json::value(seen)) +
                        ",\"serviceDetails\":{\"teamsTenantId\":\"7a1b2c3d-0000-4000-8000-000000000001\","
                        "\"teamsOperatorConnect\":{\"enabled\":true,\"syncEnabled\":true},"
                        "\"teamsPhoneMobile\":{\"enabled\":true,\"syncEnabled\":true}}}\n");
  auto report = f.dir.file("conflict.jsonl");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(str(rows[0], "outcome") == "conflict");
  BOOST_TEST(rows[0].at("httpStatus").as_int64() == 412);
  BOOST_TEST(has_error(rows[0], "ConcurrentChange"));
  std::string messages = json::serialize(rows[0].at("errors"));
  BOOST_TEST(messages.find(now.substr(1, now.size() - 2)) != std::string::npos, messages);
  BOOST_TEST(str(sim_account(f, "contoso"), "correlationId") == "changed-elsewhere");

  // --on-conflict overwrite: the same file is written once more with the new ETag.
  auto report2 = f.dir.file("overwrite.jsonl");
  r = f.command(
      {"accounts", "apply", in, "--report", report2, "--on-conflict", "overwrite", "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 0, r.err);
  rows = read_report(report2);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(str(rows[0], "outcome") == "synced");
  BOOST_TEST(rows[0].at("httpStatus").as_int64() == 200);
  BOOST_TEST(rows[0].at("attempts").as_int64() == 3);  // PUT (412), GET, PUT
  auto contoso = sim_account(f, "contoso");
  BOOST_TEST(str(contoso, "correlationId") == "ours");
  BOOST_TEST(!contoso.at("serviceDetails").as_object().contains("teamsDirectRouting"));
}

BOOST_AUTO_TEST_CASE(direct_routing_subdomain_status_is_reported) {
  // Accounts named bad-* fail their backend sync.
  json::object config{{"syncRules", json::parse(R"([{"accountPrefix": "bad-", "outcome": "failed",
      "errors": [{"code": "DnsFailure", "message": "TXT record not found", "target": "dr"}]}])")}};
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "100"}, config);
  auto in = f.write("dr.csv", std::string(header) +
                                  "dr-one,,,,,true,true,drone,tokA,tokB,\n"    // DR with DNS tokens
                                  "dr-bare,,,,,true,false,,,,\n"               // DR without a configuration
                                  "bad-dr,,,,,true,true,baddr,tokC,tokD,\n");  // sync fails
  auto report = f.dir.file("dr.csv.report.csv");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto csv = read_file(report);
  BOOST_TEST(csv.rfind("file,line,action,accountName,telephoneNumber,outcome,httpStatus,serviceProvisioningStatus,"
                       "errors,attempts,elapsedMs,requestId,subdomainStatus,record,recordDigest\n",
                       0) == 0u);
  // The JSON Lines form, for the details.
  auto jsonl = f.dir.file("dr.jsonl");
  r = f.command({"accounts", "apply", in, "--report", jsonl, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto by = rows_by_account(read_report(jsonl));
  BOOST_TEST_REQUIRE(by.size() == 3u);
  // Second run: dr-one and dr-bare already hold these settings.
  BOOST_TEST(str(by["dr-one"], "outcome") == "unchanged");
  BOOST_TEST(str(by["dr-one"], "subdomainStatus") == "provisioned");
  BOOST_TEST(str(by["dr-bare"], "outcome") == "unchanged");
  BOOST_TEST(str(by["dr-bare"], "subdomainStatus") == "notProvisioned");
  // A failed account is written again (a PUT retriggers its sync) and fails again.
  BOOST_TEST(str(by["bad-dr"], "outcome") == "failed");
  BOOST_TEST(str(by["bad-dr"], "serviceProvisioningStatus") == "failed");
  BOOST_TEST(str(by["bad-dr"], "subdomainStatus") == "notProvisioned");
  BOOST_TEST(first_error(by["bad-dr"], "code") == "DnsFailure");
  BOOST_TEST(first_error(by["bad-dr"], "target") == "dr");
  // The first run's CSV report: dr-one synced with its subdomain provisioned.
  BOOST_TEST(csv.find(",dr-one,,synced,201,synced,,") != std::string::npos, csv);
  BOOST_TEST(csv.find(",provisioned,1,") != std::string::npos, csv);  // then record, recordDigest
}

BOOST_AUTO_TEST_CASE(invalid_rows_are_reported_and_never_sent) {
  e2e_fixture f;
  auto in = f.write("bad.csv", std::string(header) +
                                   "ok-one,,,,,,,,,,true\n"
                                   "bad name,,,,,,,,,,true\n"                     // not a name
                                   "no-sync,,,true,,,,,,,\n"                      // enabled without syncEnabled
                                   "long-sub,,,,,true,true,elevenchars,t1,t2,\n"  // subdomain > 10
                                   "half-dr,,,,,true,true,sub,,,\n"               // a token missing
                                   "ok-one,,,,,,,,,,true\n"                       // duplicate
                                   "\"broken,,,,,,,,,,\n");                       // quote never closes
  auto report = f.dir.file("r.jsonl");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 7u);
  std::map<std::int64_t, json::object> by_line;
  for (auto& row : rows) by_line[row.at("line").as_int64()] = row;
  BOOST_TEST(str(by_line[2], "outcome") == "synced");
  for (std::int64_t line : {3, 4, 5, 6, 7, 8}) {
    BOOST_TEST(str(by_line[line], "outcome") == "invalid", "line " << line << ": " << json::serialize(by_line[line]));
    BOOST_TEST(by_line[line].at("attempts").as_int64() == 0);
  }
  BOOST_TEST(first_error(by_line[4], "target") == "teamsOperatorConnect.syncEnabled");
  BOOST_TEST(first_error(by_line[5], "target") == "teamsDirectRouting.subdomain");
  BOOST_TEST(first_error(by_line[6], "target") == "teamsDirectRouting.region1Token");
  BOOST_TEST(first_error(by_line[7], "code") == "DuplicateAccount");
  BOOST_TEST(first_error(by_line[7], "message").find("bad.csv:2") != std::string::npos);
  BOOST_TEST(f.api_writes() == 1u);

  // An unknown column stops the run before anything is sent.
  auto typo = f.write("typo.csv", "name,teamsOperatorConect.enabled\nx,true\n");
  r = f.command({"accounts", "apply", typo, "--report", f.dir.file("t.jsonl")});
  BOOST_TEST(r.exit_code == 2, r.err);
  BOOST_TEST(r.err.find("teamsOperatorConect.enabled") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(export_and_apply_back_changes_nothing) {
  e2e_fixture f;
  for (const char* name : {"accounts.csv", "accounts.json", "accounts.jsonl"}) {
    BOOST_TEST_CONTEXT(name) {
      auto out = f.dir.file(name);
      auto r = f.command({"accounts", "export", "--output", out});
      BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
      const auto writes = f.api_writes();
      auto report = f.dir.file(std::string(name) + ".report.jsonl");
      r = f.command({"accounts", "apply", out, "--report", report});
      BOOST_TEST(r.exit_code == 0, r.err);
      auto rows = read_report(report);
      BOOST_TEST(rows.size() == 2u);
      for (auto& row : rows) BOOST_TEST(str(row, "outcome") == "unchanged", json::serialize(row));
      BOOST_TEST(f.api_writes() == writes);
    }
  }
  auto csv = read_file(f.dir.file("accounts.csv"));
  BOOST_TEST(csv.find("fabrikam,,,,,,,true,true,true,fabrikam,f1token,f2token,true,true,true\n") != std::string::npos,
             csv);
}

BOOST_AUTO_TEST_CASE(resume_skips_the_rows_the_report_finished) {
  e2e_fixture f;
  auto in = f.write("accounts.csv", std::string(header) +
                                        "done-one,,,,,,,,,,true\n"
                                        "todo-two,,,,,,,,,,true\n");
  // An earlier run's report: line 2 finished, line 3 ended in a transport error.
  auto report = f.dir.file("r.jsonl");
  write_file(report,
             R"({"file":")" + in +
                 R"(","line":2,"action":"upsert","accountName":"done-one","telephoneNumber":"",)"
                 R"("outcome":"synced","httpStatus":201,"serviceProvisioningStatus":"synced","errors":[],"attempts":2,)"
                 R"("elapsedMs":5,"requestId":null,"subdomainStatus":null})"
                 "\n" +
                 R"({"file":")" + in +
                 R"(","line":3,"action":"upsert","accountName":"todo-two","telephoneNumber":"",)"
                 R"("outcome":"error","httpStatus":null,"serviceProvisioningStatus":null,"errors":[],"attempts":3,)"
                 R"("elapsedMs":5,"requestId":null,"subdomainStatus":null})"
                 "\n");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--resume", "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 3u);  // appended after the earlier two
  BOOST_TEST(rows[2].at("line").as_int64() == 3);
  BOOST_TEST(str(rows[2], "outcome") == "synced");
  BOOST_TEST(f.api_writes() == 1u);  // done-one was not sent again
  BOOST_TEST(sim_account(f, "done-one").empty());
  BOOST_TEST(!sim_account(f, "todo-two").empty());
}

BOOST_AUTO_TEST_CASE(every_new_command_answers_help_and_refuses_bad_usage) {
  e2e_fixture f;
  for (std::vector<std::string> words : {std::vector<std::string>{"accounts", "apply"},
                                         {"accounts", "export"},
                                         {"numbers", "export"},
                                         {"rfi", "list"},
                                         {"rfi", "update"},
                                         {"civic-addresses", "export"}}) {
    BOOST_TEST_CONTEXT(words[0] << " " << words[1]) {
      auto help = words;
      help.push_back("--help");
      auto r = f.run(help);
      BOOST_TEST(r.exit_code == 0, r.err);
      BOOST_TEST(r.out.find("usage: acgprov " + words[0] + " " + words[1]) != std::string::npos, r.out);
      BOOST_TEST(r.out.find("--endpoint") != std::string::npos);
      auto bad = words;
      bad.push_back("--no-such-flag");
      r = f.run(bad);
      BOOST_TEST(r.exit_code == 2, r.err);
    }
  }
  auto r = f.command({"numbers", "export", "--output", f.dir.file("n.txt")});
  BOOST_TEST(r.exit_code == 2, r.err);
  r = f.command({"civic-addresses", "export", "--output", f.dir.file("c.csv")});  // --account missing
  BOOST_TEST(r.exit_code == 2, r.err);
  BOOST_TEST(f.api_requests() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
