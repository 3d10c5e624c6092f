// Request economy (issue 4): batches, splitting a refused batch, list polling, the plan and
// --prune with its guard. Each test counts the requests the emulator saw.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string rows(const std::string& account, int first, int count, const std::string& services) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count; ++i) csv += account + ",+1425557" + std::to_string(first + i) + "," + services + "\n";
  return csv;
}

// Issue 14's shapes, small: `accounts` customers (cust000...) with Zoom (backend sync) and no
// numbers. Syncs are due at once (--sync-delay-ms 0): a write's answer shows `pending`, and
// every later read `synced`, however fast or slow the run, so request counts do not depend on
// timing.
json::object customers(int accounts) {
  json::array list;
  for (int a = 0; a < accounts; ++a) {
    char name[16];
    std::snprintf(name, sizeof name, "cust%03d", a);
    list.push_back(json::object{
        {"name", name},
        {"serviceDetails",
         json::object{{"zoomPhoneCloudPeering", json::object{{"syncEnabled", true}, {"enabled", true}}}}}});
  }
  return json::object{{"seed", json::object{{"accounts", list}}}};
}

// `per_account` rows in each of accounts [first, first + count), interleaved (row i in account
// i mod count), as an operator's export of many customers would be.
std::string customer_rows(int first, int count, int per_account, int number_base) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < count * per_account; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "cust%03d", first + i % count);
    csv += std::string(name) + ",+1425" + std::to_string(number_base + i) + ",zoomPhoneCloudPeering\n";
  }
  return csv;
}

// The emulator's request log: how many requests it holds.
std::size_t request_log_size(const e2e_fixture& f) {
  return f.sim_get("/_sim/requests?since=0").as_object().at("requests").as_array().size();
}

// The list requests (GET .../numbers?...) after the first batch write at or after log entry
// `since`: each with its place in the log and its target.
struct list_request {
  std::size_t at;
  std::string target;
};
std::vector<list_request> lists_after_first_write(const e2e_fixture& f, std::size_t since = 0) {
  std::vector<list_request> out;
  bool writing = false;
  const auto answer = f.sim_get("/_sim/requests?since=0");
  const auto& log = answer.as_object().at("requests").as_array();
  for (std::size_t i = since; i < log.size(); ++i) {
    const auto& e = log[i].as_object();
    const auto target = str(e, "target");
    if (target.find(":createOrUpdateNumbers") != std::string::npos) writing = true;
    if (writing && str(e, "method") == "GET" && target.find("/numbers?") != std::string::npos)
      out.push_back({i, target});
  }
  return out;
}

std::uint64_t pages(std::uint64_t n) { return (n + 499) / 500; }

// Issue 14's floor for a fresh upload into accounts that hold nothing and are all the
// deployment holds: the batches, the pages of GET /numbers that show every row settled, and
// the one page of GET /accounts.
std::uint64_t fresh_floor(int accounts, int per_account) {
  const std::uint64_t writes = static_cast<std::uint64_t>(accounts) * ((per_account + 99) / 100);
  return writes + pages(static_cast<std::uint64_t>(accounts) * per_account) + 1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(economy_e2e)

BOOST_AUTO_TEST_CASE(one_bad_item_among_100_is_isolated_and_the_rest_land) {
  for (const char* atomic : {"true", "false"}) {
    BOOST_TEST_CONTEXT("batchAtomic " << atomic) {
      e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--batch-atomic", atomic});
      std::string csv = "accountName,telephoneNumber,services,usage\n";
      for (int i = 0; i < 100; ++i)
        csv += "fabrikam,+1425557" + std::to_string(1000 + i) +
               (i == 37 ? ",teamsOperatorConnect,CallingUserAssignment\n" : ",zoomPhoneCloudPeering,\n");
      auto report = f.dir.file("r.jsonl");
      auto r = f.apply({f.write("n.csv", csv)}, report, {"--no-preflight"});
      BOOST_TEST(r.exit_code == 1, r.err);
      auto rep = read_report(report);
      BOOST_TEST_REQUIRE(rep.size() == 100u);
      auto by = rows_by_number(rep);
      auto& bad = by["+14255571037"];
      // Atomic: the API refuses the batch and names the item; partial: it applies the rest
      // and marks the item failed. Either way that one row carries its own error.
      BOOST_TEST((str(bad, "outcome") == "rejected" || str(bad, "outcome") == "failed"));
      BOOST_TEST(!bad.at("errors").as_array().empty());
      BOOST_TEST(outcomes(rep)["synced"] == 99u);
      BOOST_TEST(f.sim_numbers().size() == 99u);
      // One batch, plus at most one resend of the 99 good rows.
      BOOST_TEST(op_count(f, "Accounts_CreateOrUpdateNumbers") <= 2u);
      BOOST_TEST(bad.at("attempts").as_int64() == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(sync_is_watched_through_list_pages) {
  // 1,200 pending numbers in one account: paging the list (500 a page) costs 3 requests a
  // round, where one GET per number would cost 1,200.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "400"});
  auto report = f.dir.file("r.jsonl");
  auto summary = f.dir.file("s.json");
  auto r = f.apply({f.write("n.csv", rows("fabrikam", 1000, 1200, "zoomPhoneCloudPeering"))}, report,
                   {"--poll-interval", "0.3", "--summary", summary});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 1200u);
  BOOST_TEST(outcomes(rep)["synced"] == 1200u);
  BOOST_TEST(op_count(f, "Accounts_GetNumber") == 0u);
  BOOST_TEST(op_count(f, "Accounts_CreateOrUpdateNumbers") == 12u);
  auto lists = op_count(f, "Accounts_ListNumbers");
  BOOST_TEST(lists >= 3u);   // at least one full pass over the pages
  BOOST_TEST(lists <= 16u);  // the plan's read, plus a few rounds of 3 pages
  auto s = json::parse(read_file(summary)).as_object();
  BOOST_TEST(s.at("requests").at("total").to_number<double>() / 1200.0 < 0.03);
}

BOOST_AUTO_TEST_CASE(one_filtered_page_watches_every_account_while_syncs_are_held) {
  // 20 accounts of 50 rows, --poll-interval 0.2: polling account by account would cost 20
  // list requests a round for as long as the sync takes (issue 4), and then a page each. The
  // watch asks one filtered page across accounts (the numbers not yet synced) a round, and
  // once it no longer lists the rows, reads them all in the 2 pages of GET /numbers. The
  // syncs are held until the test has seen the watch look twice and find nothing (a timed
  // sync could end before a loaded machine's first look), then released together.
  json::array accounts;
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int a = 0; a < 20; ++a) {
    const std::string name = "acct" + std::to_string(10 + a);
    accounts.push_back(json::object{
        {"name", name},
        {"serviceDetails",
         json::object{{"zoomPhoneCloudPeering", json::object{{"syncEnabled", true}, {"enabled", true}}}}}});
    for (int i = 0; i < 50; ++i)
      csv += name + ",+1425" + std::to_string(5000000 + a * 100 + i) + ",zoomPhoneCloudPeering\n";
  }
  json::object cfg{{"seed", json::object{{"accounts", accounts}}},
                   {"syncRules", json::array{json::object{{"outcome", "synced"}, {"hold", true}, {"delayMs", 0}}}}};
  e2e_fixture f({"--rate-limit", "0"}, cfg);
  auto report = f.dir.file("r.jsonl");
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", f.write("n.csv", csv)};
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  argv.insert(argv.end(), {"--report", report, "--rate", "1000", "--burst", "50", "--poll-interval", "0.2",
                           "--no-preflight", "--no-progress"});
  child_process run(argv, f.env);

  // Every list request after the first write is the watch's: the path it read ("" for GET
  // /numbers across accounts, "/accounts/NAME" for one account's list).
  auto polls = [&] {
    std::vector<std::string> polled;
    for (const auto& l : lists_after_first_write(f)) polled.push_back(l.target.substr(0, l.target.find("/numbers?")));
    return polled;
  };
  BOOST_TEST_REQUIRE(wait_until([&] { return polls().size() >= 2; }));
  const auto held = polls().size();
  f.sim_post("/_sim/release-syncs", json::object{});
  auto r = run.wait(std::chrono::minutes(5));
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 1000u);
  BOOST_TEST(outcomes(rep)["synced"] == 1000u);
  BOOST_TEST(op_count(f, "Accounts_GetNumber") == 0u);

  auto polled = polls();
  BOOST_TEST_MESSAGE("20 accounts: " << polled.size() << " polls, " << held << " while held");
  for (const auto& p : polled) BOOST_TEST(p == "", "a poll of one account: " << p);
  // After the release: a probe or two the release overtook, the probe that finds the rows
  // settled, and the 2 pages that show them synced.
  BOOST_TEST(polled.size() - held <= 5u, "polls after the release: " << polled.size() - held);
}

BOOST_AUTO_TEST_CASE(a_few_pending_in_a_big_account_are_watched_through_filtered_pages) {
  // 1,100 numbers already held; 40 new ones pending, one of which the backend refuses. Paging
  // the list would cost 3 requests a round and a GET each 40; the not-yet-synced filtered page
  // costs 1 (plus one confirmation of the rows it stops listing), and must still tell the
  // failed row apart.
  json::object cfg{{"syncRules", json::parse(R"([{"numberPrefix": "+14255579990", "outcome": "failed",
      "errors": [{"code": "InvalidRequest", "message": "Zoom refused the number", "target": "zoom"}]}])")}};
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "300"}, cfg);
  BOOST_TEST_REQUIRE(
      f.apply({f.write("big.csv", rows("fabrikam", 1000, 1100, "zoomPhoneCloudPeering"))}, f.dir.file("r1.jsonl"))
          .exit_code == 0);
  auto gets_before = op_count(f, "Accounts_GetNumber");
  auto lists_before = op_count(f, "Accounts_ListNumbers");

  std::string csv = rows("fabrikam", 9950, 39, "zoomPhoneCloudPeering");
  csv += "fabrikam,+14255579990,zoomPhoneCloudPeering\n";
  auto report = f.dir.file("r2.jsonl");
  auto r = f.apply({f.write("new.csv", csv)}, report, {"--poll-interval", "0.2"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 40u);
  auto counts = outcomes(rep);
  BOOST_TEST(counts["synced"] == 39u);
  BOOST_TEST(counts["failed"] == 1u);
  auto bad = rows_by_number(rep)["+14255579990"];
  BOOST_TEST(str(bad.at("errors").as_array().at(0).as_object(), "message") == "Zoom refused the number");
  BOOST_TEST(op_count(f, "Accounts_GetNumber") == gets_before);
  // The plan's read of the account (3 pages), a filtered page a round, and one confirmation.
  BOOST_TEST(op_count(f, "Accounts_ListNumbers") - lists_before <= 3u + 2u * 5u);
  auto log = f.sim_get("/_sim/requests?since=0");
  int filtered = 0;
  for (auto& e : log.as_object().at("requests").as_array())
    if (str(e.as_object(), "target").find("filter=") != std::string::npos) ++filtered;
  BOOST_TEST(filtered >= 2);
}

BOOST_AUTO_TEST_CASE(a_rerun_with_no_changes_writes_nothing) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  auto in = f.write("n.csv", rows("fabrikam", 2000, 250, "zoomPhoneCloudPeering;azureOperatorCallProtection"));
  BOOST_TEST_REQUIRE(f.apply({in}, f.dir.file("r1.jsonl")).exit_code == 0);
  auto writes = f.api_writes();
  auto before = f.api_requests();

  auto report = f.dir.file("r2.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 0, r.err);  // `unchanged` counts as success
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 250u);
  BOOST_TEST(outcomes(rep)["unchanged"] == 250u);
  BOOST_TEST(f.api_writes() == writes);
  // The preflight's account read and one list page are all it costs.
  BOOST_TEST(f.api_requests() - before <= 3u);

  // A changed row is written; the others stay unchanged.
  auto changed = f.write("c.csv",
                         "accountName,telephoneNumber,services\n"
                         "fabrikam,+14255572000,zoomPhoneCloudPeering\n"
                         "fabrikam,+14255572001,zoomPhoneCloudPeering;azureOperatorCallProtection\n");
  auto report3 = f.dir.file("r3.jsonl");
  BOOST_TEST(f.apply({changed}, report3).exit_code == 0);
  auto by = rows_by_number(read_report(report3));
  BOOST_TEST(str(by["+14255572000"], "outcome") == "synced");
  BOOST_TEST(str(by["+14255572001"], "outcome") == "unchanged");
  BOOST_TEST(f.api_writes() == writes + 1);
  auto held = f.sim_numbers()["+14255572000"].at("serviceDetails").as_object();
  BOOST_TEST(!held.contains("azureOperatorCallProtection"));  // PUT replaces: the service is gone
}

BOOST_AUTO_TEST_CASE(prune_deletes_what_the_input_leaves_out_within_the_guard) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  BOOST_TEST_REQUIRE(
      f.apply({f.write("all.csv", rows("fabrikam", 3000, 10, "zoomPhoneCloudPeering"))}, f.dir.file("r1.jsonl"))
          .exit_code == 0);
  auto keep = f.write("keep.csv", rows("fabrikam", 3000, 7, "zoomPhoneCloudPeering"));
  auto writes = f.api_writes();

  // Guard by count: 3 deletes > 2 allowed: refused before any write, exit 2.
  auto refused = f.apply({keep}, f.dir.file("r2.jsonl"), {"--prune", "--max-deletes", "2"});
  BOOST_TEST(refused.exit_code == 2, refused.err);
  BOOST_TEST(refused.err.find("--max-deletes") != std::string::npos, refused.err);
  BOOST_TEST(f.api_writes() == writes);
  BOOST_TEST(f.sim_numbers().size() == 10u);
  // Guard by share: 30% of the account > 20%.
  auto refused2 = f.apply({keep}, f.dir.file("r3.jsonl"), {"--prune", "--max-deletes", "20%"});
  BOOST_TEST(refused2.exit_code == 2, refused2.err);
  BOOST_TEST(f.api_writes() == writes);

  auto report = f.dir.file("r4.jsonl");
  auto r = f.apply({keep}, report, {"--prune", "--max-deletes", "30%"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rep = read_report(report);
  auto counts = outcomes(rep);
  BOOST_TEST(counts["unchanged"] == 7u);
  BOOST_TEST(counts["deleted"] == 3u);
  for (auto& row : rep)
    if (str(row, "outcome") == "deleted") {
      BOOST_TEST(str(row, "file") == "(prune)");
      BOOST_TEST(row.at("line").as_int64() == 0);
      BOOST_TEST(str(row, "action") == "delete");
    }
  BOOST_TEST(f.sim_numbers().size() == 7u);
  BOOST_TEST(f.api_writes() == writes + 1);  // one :deleteNumbers batch
}

BOOST_AUTO_TEST_CASE(fresh_uploads_cost_the_floor_for_every_shape) {
  // Many small customers, a few mid-sized ones, two big ones (issue 14's shapes, scaled down).
  struct shape {
    int accounts, per_account;
  };
  for (shape sh : {shape{40, 5}, shape{10, 50}, shape{2, 250}}) {
    BOOST_TEST_CONTEXT(sh.accounts << " accounts of " << sh.per_account) {
      e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "0"}, customers(sh.accounts));
      auto report = f.dir.file("r.jsonl");
      // --poll-interval 1: no round while the writers go on (8 s), however loaded the machine.
      auto r = f.apply({f.write("n.csv", customer_rows(0, sh.accounts, sh.per_account, 5000000))}, report,
                       {"--poll-interval", "1"});
      BOOST_TEST(r.exit_code == 0, r.err);
      auto rep = read_report(report);
      BOOST_TEST(rep.size() == static_cast<std::size_t>(sh.accounts * sh.per_account));
      BOOST_TEST(outcomes(rep)["synced"] == rep.size());
      const auto floor = fresh_floor(sh.accounts, sh.per_account);
      const auto used = f.api_requests();
      BOOST_TEST_MESSAGE(sh.accounts << "x" << sh.per_account << ": " << used << " requests, floor " << floor);
      BOOST_TEST(used <= floor * 105 / 100 + 2, used << " requests, floor " << floor);
    }
  }
}

BOOST_AUTO_TEST_CASE(rows_a_probe_shows_settled_wait_past_their_deadline_for_the_last_read) {
  // An account that holds 1,000 numbers gets 1,200 more, 12 batches written one at a time; the
  // 12th batch's answer is held. The 1,100 rows written before it settle at once, and the
  // watch's whole probes no longer list them; their --poll-timeout (1 s) passes while the
  // writers wait. Reading the account for them then (3 pages or more: never the one page a
  // round may read while the writers go on) would read again what the last read will: they
  // wait for it, and no list is read until the writers are done.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "0"}, customers(1));
  BOOST_TEST_REQUIRE(
      f.apply({f.write("held.csv", customer_rows(0, 1, 1000, 6000000))}, f.dir.file("r0.jsonl")).exit_code == 0);
  f.sim_post("/_sim/hold", json::object{{"operation", "Accounts_CreateOrUpdateNumbers"}, {"after", 11}});
  const auto since = request_log_size(f);
  auto report = f.dir.file("r.jsonl");
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", f.write("n.csv", customer_rows(0, 1, 1200, 5000000))};
  auto conn = f.connection_args();
  argv.insert(argv.end(), conn.begin(), conn.end());
  argv.insert(argv.end(), {"--report", report, "--max-in-flight", "1", "--poll-interval", "0.2", "--poll-timeout", "1",
                           "--no-preflight", "--no-progress"});
  child_process run(argv, f.env);

  // This run's lists after its first write (from log entry `from` on): probes (the filtered
  // GET /numbers) and reads (every other list).
  struct seen {
    std::size_t probes = 0, reads = 0;
  };
  auto look = [&](std::size_t from) {
    seen out;
    for (const auto& l : lists_after_first_write(f, since))
      if (l.at >= from) (l.target.find("filter=") != std::string::npos ? out.probes : out.reads)++;
    return out;
  };
  BOOST_TEST_REQUIRE(wait_until([&] { return f.sim_get("/_sim/hold").at("held").to_number<int>() >= 1; }));
  // Every row written before the hold was added by now (one writer): 1.5 s on, every one of
  // them is past its deadline, and two rounds of the watch after that show what it did then.
  const auto past_deadlines = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  BOOST_TEST_REQUIRE(wait_until([&] { return std::chrono::steady_clock::now() >= past_deadlines; }));
  const auto from = request_log_size(f);
  // (A read ends the rows it shows: then no probe follows, as nothing is left to watch.)
  BOOST_TEST_REQUIRE(wait_until([&] { return look(from).probes >= 2 || look(0).reads > 0; }));
  const auto held = look(0);
  BOOST_TEST(held.reads == 0u, held.reads << " list pages read while the writers waited");
  f.sim_post("/_sim/release", json::object{});

  auto r = run.wait(std::chrono::minutes(5));
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 1200u);
  BOOST_TEST(outcomes(rep)["synced"] == 1200u);
  // The last read: the 5 pages of the account's 2,200 numbers that show all 1,200 settled, once.
  const auto after = look(0);
  BOOST_TEST(after.reads <= 5u, after.reads << " list pages read");
}

BOOST_AUTO_TEST_CASE(an_unchanged_run_costs_the_cheapest_read_plus_one) {
  // 40 customers of 5 numbers, and 2 accounts of 400 the input does not name: per-account
  // lists would cost 40 pages, GET /numbers 2 (1,000 numbers); plus the page of GET /accounts.
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "0"}, customers(42));
  auto in = f.write("n.csv", customer_rows(0, 40, 5, 5000000));
  BOOST_TEST_REQUIRE(f.apply({in}, f.dir.file("r1.jsonl")).exit_code == 0);
  BOOST_TEST_REQUIRE(
      f.apply({f.write("big.csv", customer_rows(40, 2, 400, 6000000))}, f.dir.file("r2.jsonl")).exit_code == 0);
  BOOST_TEST_REQUIRE(f.sim_numbers().size() == 1000u);
  const auto before = f.api_requests();

  auto report = f.dir.file("r3.jsonl");
  auto r = f.apply({in}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 200u);
  BOOST_TEST(outcomes(rep)["unchanged"] == 200u);
  const std::uint64_t floor = std::min<std::uint64_t>(40, pages(1000)) + 1;
  const auto used = f.api_requests() - before;
  BOOST_TEST_MESSAGE("unchanged: " << used << " requests, floor " << floor);
  BOOST_TEST(used <= floor + 3, used << " requests, floor " << floor);
}

BOOST_AUTO_TEST_CASE(a_server_that_refuses_filters_still_gives_true_verdicts) {
  // The filter grammar is not in the contract: when the server answers 400 to a filtered list,
  // the watch asks once, remembers it for the run, and reads unfiltered pages instead. The
  // verdicts stay true: synced rows seen synced, the refused row failed with its errors.
  auto cfg = customers(20);
  cfg["refuseFilters"] = true;
  cfg["syncRules"] = json::parse(R"([{"numberPrefix": "+14255000007", "outcome": "failed",
      "errors": [{"code": "InvalidRequest", "message": "Zoom refused the number", "target": "zoom"}]}])");
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "0"}, cfg);
  auto report = f.dir.file("r.jsonl");
  auto r = f.apply({f.write("n.csv", customer_rows(0, 20, 10, 5000000))}, report, {"--poll-interval", "1"});
  BOOST_TEST(r.exit_code == 1, r.err);  // one row failed
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 200u);
  auto counts = outcomes(rep);
  BOOST_TEST(counts["synced"] == 199u);
  BOOST_TEST(counts["failed"] == 1u);
  auto bad = rows_by_number(rep)["+14255000007"];
  BOOST_TEST(str(bad, "outcome") == "failed");
  BOOST_TEST(str(bad.at("errors").as_array().at(0).as_object(), "message") == "Zoom refused the number");
  // What the API holds agrees with every synced row.
  auto held = f.sim_numbers();
  for (auto& row : rep)
    if (str(row, "outcome") == "synced")
      BOOST_TEST(str(held.at(str(row, "telephoneNumber")), "serviceProvisioningStatus") == "synced");
  // Refused once, then never asked again.
  int filtered = 0;
  auto log = f.sim_get("/_sim/requests?since=0");
  for (auto& e : log.as_object().at("requests").as_array())
    if (str(e.as_object(), "target").find("filter=") != std::string::npos) ++filtered;
  BOOST_TEST(filtered == 1);
  BOOST_TEST(f.api_requests() <= fresh_floor(20, 10) * 105 / 100 + 2);
}

BOOST_AUTO_TEST_SUITE_END()
