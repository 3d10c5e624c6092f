// A row's verdict only from what the API showed (issue 11): a batch refused while the run stops,
// a number deleted by someone else while it syncs, deletes in an account that does not exist,
// and the same whole-batch refusal again and again.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <thread>

using namespace acgprov::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> apply_argv(const e2e_fixture& f, const std::vector<std::string>& inputs,
                                    const std::string& report, const std::vector<std::string>& extra) {
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply"};
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  argv.insert(argv.end(), {"--report", report, "--poll-interval", "0.1", "--no-progress"});
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

json::value sim_post_json(const e2e_fixture& f, const std::string& path, const std::string& body) {
  https_test_client client(f.sim->ready());
  auto r = client.request("POST", path, {{"Content-Type", "application/json"}}, body);
  if (r.status >= 300) throw std::runtime_error("POST " + path + " failed: " + std::to_string(r.status) + " " + r.body);
  return r.body.empty() ? json::value() : json::parse(r.body);
}

std::string first_code(const json::object& row) {
  const auto& errors = row.at("errors").as_array();
  return errors.empty() ? std::string() : str(errors.at(0).as_object(), "code");
}

// The emulator's request log entries whose target holds `part`.
std::vector<json::object> requests_to(const e2e_fixture& f, const std::string& part) {
  std::vector<json::object> out;
  auto log = f.sim_get("/_sim/requests?since=0");
  for (auto& e : log.as_object().at("requests").as_array())
    if (str(e.as_object(), "target").find(part) != std::string::npos) out.push_back(e.as_object());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verdict_e2e)

BOOST_AUTO_TEST_CASE(a_batch_refused_while_the_run_stops_leaves_its_good_rows_resumable) {
  // Case 4: an atomic batch of 100 with one bad item (a service fabrikam has not enabled) is on
  // the wire when SIGTERM arrives with --grace 0. The 409 names the bad item: only that row is
  // refused; the 99 others were not applied and must be sent by --resume.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--batch-atomic", "true"});
  std::string csv = "accountName,telephoneNumber,services,usage\n";
  for (int i = 0; i < 100; ++i)
    csv += "fabrikam,+1425561" + std::to_string(1000 + i) +
           (i == 37 ? ",teamsOperatorConnect,CallingUserAssignment\n" : ",zoomPhoneCloudPeering,\n");
  auto in = f.write("n.csv", csv);
  auto report = f.dir.file("r.jsonl");
  sim_post_json(f, "/_sim/hold", R"({"operation": "Accounts_CreateOrUpdateNumbers"})");

  child_process run(apply_argv(f, {in}, report, {"--grace", "0", "--max-in-flight", "1", "--no-preflight"}), f.env);
  // The batch was applied (refused) and its answer is held: the request is on the wire.
  BOOST_TEST_REQUIRE(wait_until([&] { return f.sim_get("/_sim/hold").at("held").to_number<int>() >= 1; }));
  run.signal(SIGTERM);
  BOOST_TEST_REQUIRE(
      wait_until([&] { return run.stderr_so_far().find("interrupted by SIGTERM") != std::string::npos; }),
      run.stderr_so_far());
  sim_post_json(f, "/_sim/release", "{}");
  auto first = run.wait(60s);
  BOOST_TEST(first.exit_code == 3, first.err);

  auto rows = read_report(report);
  BOOST_TEST_REQUIRE(rows.size() == 100u);
  auto by = rows_by_number(rows);
  BOOST_TEST(str(by["+14255611037"], "outcome") == "rejected");
  BOOST_TEST(first_code(by["+14255611037"]) == "ServiceNotEnabled");
  auto counts = outcomes(rows);
  BOOST_TEST(counts["rejected"] == 1u);
  BOOST_TEST(counts["error"] == 99u);
  for (auto& [number, row] : by)
    if (number != "+14255611037") BOOST_TEST(first_code(row) == "RunStopped", number);
  BOOST_TEST(f.sim_numbers().size() == 0u);  // atomic: nothing applied

  // --resume sends the 99 good numbers (and not the refused one again).
  auto second = f.apply({in}, report, {"--resume", "--no-preflight", "--poll-interval", "0.1"});
  BOOST_TEST(second.exit_code == 1, second.err);  // the refused row stays refused
  auto last = rows_by_number(read_report(report));
  std::size_t synced = 0;
  for (auto& [number, row] : last) synced += str(row, "outcome") == "synced";
  BOOST_TEST(synced == 99u);
  BOOST_TEST(f.sim_numbers().size() == 99u);
}

BOOST_AUTO_TEST_CASE(a_number_deleted_while_it_syncs_is_not_reported_synced) {
  // Case 5: fabrikam holds 1,500 numbers, so the watch polls its not-yet-synced list (one
  // filtered page) instead of 3 full pages. Three new numbers stay pending (the emulator holds
  // them); one is deleted by another user. Missing from the list, it was reported `synced`.
  json::array numbers;
  for (int i = 0; i < 1500; ++i)
    numbers.push_back(
        json::object{{"telephoneNumber", "+1425562" + std::to_string(1000 + i)},
                     {"accountName", "fabrikam"},
                     {"serviceDetails", json::object{{"zoomPhoneCloudPeering", json::object{{"enabled", true}}}}}});
  json::object seed = default_seed();
  seed["numbers"] = std::move(numbers);
  json::object cfg{{"seed", seed},
                   {"syncRules", json::parse(R"([{"numberPrefix": "+142556399", "outcome": "never"}])")}};
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "100"}, cfg);

  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < 20; ++i) csv += "fabrikam,+1425563" + std::to_string(1000 + i) + ",zoomPhoneCloudPeering\n";
  for (int i = 0; i < 3; ++i) csv += "fabrikam,+142556399" + std::to_string(i) + "0,zoomPhoneCloudPeering\n";
  auto in = f.write("n.csv", csv);
  auto report = f.dir.file("r.jsonl");
  child_process run(apply_argv(f, {in}, report, {"--grace", "0", "--poll-timeout", "600"}), f.env);

  const std::string gone = "+14255639910";
  // Written (the batch answered), then deleted by someone else while it is pending.
  BOOST_TEST_REQUIRE(wait_until([&] {
    for (auto& e : requests_to(f, ":createOrUpdateNumbers"))
      if (e.at("status").to_number<int>() == 200) return true;
    return false;
  }));
  sim_post_json(f, "/_sim/delete-number", R"({"accountName": "fabrikam", "telephoneNumber": ")" + gone + R"("})");
  // The row of the deleted number ends (whatever its verdict); the two others stay pending.
  BOOST_TEST_REQUIRE(wait_until([&] { return read_file(report).find(gone) != std::string::npos; }));
  run.signal(SIGTERM);
  auto r = run.wait(60s);
  BOOST_TEST(r.exit_code == 3, r.err);

  auto by = rows_by_number(read_report(report));
  BOOST_TEST_REQUIRE(by.size() == 23u);
  BOOST_TEST(str(by[gone], "outcome") == "error");
  BOOST_TEST(first_code(by[gone]) == "NotFound");
  std::size_t synced = 0;
  for (auto& [number, row] : by) synced += str(row, "outcome") == "synced";
  BOOST_TEST(synced == 20u);
  BOOST_TEST(!requests_to(f, "filter=").empty());  // the filtered path was the one taken
}

BOOST_AUTO_TEST_CASE(deletes_in_an_account_that_does_not_exist_agree_in_both_modes) {
  // The API answers 404 "account not found": no evidence that any number was deleted (and the
  // name may be a typo), so both modes say `rejected` with the API's error.
  e2e_fixture f;
  auto in =
      f.write("d.csv", "accountName,telephoneNumber,action\nnosuch,+14255640001,delete\nnosuch,+14255640002,delete\n");
  for (const char* mode : {"single", "batch"}) {
    BOOST_TEST_CONTEXT("--write-mode " << mode) {
      auto report = f.dir.file(std::string("d-") + mode + ".jsonl");
      auto r = f.apply({in}, report, {"--write-mode", mode, "--no-preflight"});
      BOOST_TEST(r.exit_code == 1, r.err);
      auto rows = read_report(report);
      BOOST_TEST_REQUIRE(rows.size() == 2u);
      for (auto& row : rows) {
        BOOST_TEST(str(row, "outcome") == "rejected");
        BOOST_TEST(row.at("httpStatus").as_int64() == 404);
        BOOST_TEST(first_code(row) == "NotFound");
      }
    }
  }
  // An absent number in an account that exists is deleted (the goal state holds), both modes.
  auto absent = f.write("a.csv", "accountName,telephoneNumber,action\ncontoso,+14255640003,delete\n");
  for (const char* mode : {"single", "batch"}) {
    auto report = f.dir.file(std::string("a-") + mode + ".jsonl");
    auto r = f.apply({absent}, report, {"--write-mode", mode, "--no-preflight"});
    BOOST_TEST(r.exit_code == 0, mode << ": " << r.err);
    BOOST_TEST(str(read_report(report).at(0), "outcome") == "deleted", mode);
  }
}

BOOST_AUTO_TEST_CASE(the_same_whole_batch_refusal_again_and_again_stops_the_run) {
  // Every batch is refused 400 naming no item. Bisecting down to single numbers would cost
  // 199 requests a batch and end every row `rejected`; both halves failing alike stop the
  // split, and three such batches in a row stop the run (exit 3), its rows resumable.
  e2e_fixture f;
  sim_post_json(f, "/_sim/refuse-batches",
                R"({"status": 400, "code": "InvalidRequest", "message": "The gateway refuses batches."})");
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < 600; ++i) csv += "fabrikam,+1425565" + std::to_string(1000 + i) + ",zoomPhoneCloudPeering\n";
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({f.write("n.csv", csv)}, report, {"--max-in-flight", "1", "--no-preflight"});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("batches in a row") != std::string::npos, r.err);
  auto rows = read_report(report);
  BOOST_TEST(rows.size() == 600u);
  auto counts = outcomes(rows);
  BOOST_TEST(counts["rejected"] == 0u);
  BOOST_TEST(counts["error"] == 300u);  // three batches sent, each with both halves
  BOOST_TEST(counts["error"] + counts["skipped"] == 600u);
  for (auto& row : rows)
    if (str(row, "outcome") == "error") BOOST_TEST(first_code(row) == "BatchRefused");
  BOOST_TEST(requests_to(f, ":createOrUpdateNumbers").size() == 9u);

  // The cause fixed, --resume sends every row.
  sim_post_json(f, "/_sim/refuse-batches", "{}");
  auto again = f.apply({f.dir.file("n.csv")}, report, {"--resume", "--no-preflight"});
  BOOST_TEST(again.exit_code == 0, again.err);
  BOOST_TEST(f.sim_numbers().size() == 600u);
}

BOOST_AUTO_TEST_CASE(a_status_outside_the_contract_is_never_taken_as_synced) {
  // The write's answer and every GET show "provisioning": none of pending, synced, failed.
  e2e_fixture f;
  for (const char* op : {"Accounts_CreateOrReplaceNumber", "Accounts_GetNumber"})
    sim_post_json(f, "/_sim/answer-override",
                  std::string(R"({"operation": ")") + op + R"(", "serviceProvisioningStatus": "provisioning"})");
  auto in = f.write("n.csv", "accountName,telephoneNumber,services\ncontoso,+14255660001,teamsDirectRouting\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--poll-interval", "0.1", "--poll-timeout", "1"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto row = read_report(report).at(0);
  BOOST_TEST(str(row, "outcome") == "timeout");
  bool noted = false;
  for (auto& e : row.at("errors").as_array()) noted = noted || str(e.as_object(), "code") == "UnknownStatus";
  BOOST_TEST(noted, json::serialize(row));
  BOOST_TEST(op_count(f, "Accounts_GetNumber") >= 1u);
}

BOOST_AUTO_TEST_CASE(a_put_answer_that_cannot_be_read_is_watched_not_synced) {
  // The PUT is applied and answered 201, but its body is cut short: no evidence of the sync
  // state, so the row is watched until a GET shows it.
  e2e_fixture f;
  sim_post_json(f, "/_sim/answer-override", R"({"operation": "Accounts_CreateOrReplaceNumber", "unreadable": true})");
  auto in = f.write("n.csv", "accountName,telephoneNumber,services\ncontoso,+14255660002,teamsDirectRouting\n");
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({in}, report, {"--write-mode", "single", "--poll-interval", "0.1"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto row = read_report(report).at(0);
  BOOST_TEST(str(row, "outcome") == "synced");
  BOOST_TEST(str(row, "serviceProvisioningStatus") == "synced");
  BOOST_TEST(op_count(f, "Accounts_GetNumber") >= 1u);  // the evidence: a GET that showed it synced
}

BOOST_AUTO_TEST_SUITE_END()
