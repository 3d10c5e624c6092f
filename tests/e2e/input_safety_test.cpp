// What comes from input must never harm the customer or the wire (issue 11, cases 1 and 6):
// --prune keeps every number the input names, valid row or not, and refuses to run when a
// row's number cannot be read; an account row's etag cannot smuggle a request onto the
// connection, and an oversized one refuses its row, not the run.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

std::string valid_rows(int first, int count) {
  std::string csv;
  for (int i = 0; i < count; ++i) csv += "fabrikam,+1425557" + std::to_string(first + i) + ",zoomPhoneCloudPeering,\n";
  return csv;
}

const char* const number_header = "accountName,telephoneNumber,services,action\n";

// fabrikam holds +14255573000 .. +14255573009, synced.
void load_ten(e2e_fixture& f) {
  auto r = f.apply({f.write("all.csv", number_header + valid_rows(3000, 10))}, f.dir.file("load.jsonl"));
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  BOOST_TEST_REQUIRE(f.sim_numbers().size() == 10u);
}

// The numbers of the report's (prune) rows.
std::set<std::string> prune_rows(const std::vector<json::object>& report, const std::string& outcome) {
  std::set<std::string> out;
  for (const auto& row : report)
    if (str(row, "file") == "(prune)") {
      BOOST_TEST(str(row, "outcome") == outcome);
      out.insert(str(row, "telephoneNumber"));
    }
  return out;
}

std::size_t rows_of(const std::vector<json::object>& report, const std::string& outcome) {
  std::size_t n = 0;
  for (const auto& row : report) n += str(row, "outcome") == outcome;
  return n;
}

const char* const account_header =
    "name,correlationId,zoomPhoneCloudPeering.enabled,zoomPhoneCloudPeering.syncEnabled,etag\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(prune_safety_e2e)

BOOST_AUTO_TEST_CASE(prune_keeps_the_live_numbers_of_rows_refused_locally) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  load_ten(f);
  auto csv = f.write("keep.csv", number_header + valid_rows(3000, 5) +
                                     "fabrikam,+14255573006,zoomPhoneCloudPeerin,\n"          // typo in services
                                     "fabrikam,+14255573007,zoomPhoneCloudPeering,updsert\n"  // bad action
                                     "fabrikam,+14255573008,zoom\"PhoneCloudPeering,\n");     // broken quoting
  // A JSON record that does not parse, its number still legible.
  auto nd = f.write("keep.ndjson", "{\"accountName\":\"fabrikam\",\"telephoneNumber\":\"+14255573005\",}\n");
  auto report = f.dir.file("prune.jsonl");
  auto r = f.apply({csv, nd}, report, {"--prune"});
  BOOST_TEST(r.exit_code == 1, r.err);
  auto rep = read_report(report);
  BOOST_TEST(rep.size() == 10u);
  BOOST_TEST(rows_of(rep, "invalid") == 4u);
  BOOST_TEST(rows_of(rep, "unchanged") == 5u);
  // Only the number no row names is deleted.
  auto pruned = prune_rows(rep, "deleted");
  BOOST_TEST((pruned == std::set<std::string>{"+14255573009"}));
  auto held = f.sim_numbers();
  BOOST_TEST(held.size() == 9u);
  for (const char* n : {"+14255573005", "+14255573006", "+14255573007", "+14255573008"})
    BOOST_TEST(held.count(n) == 1u, n << " was deleted");
}

BOOST_AUTO_TEST_CASE(a_row_whose_number_cannot_be_read_refuses_the_prune_before_any_write) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  load_ten(f);
  const auto writes = f.api_writes();
  // No telephoneNumber at all on line 8; one that is not E.164 on line 9.
  auto csv = f.write("blank.csv", number_header + valid_rows(3000, 6) + "fabrikam,,zoomPhoneCloudPeering,\n" +
                                      "fabrikam,4255573007,zoomPhoneCloudPeering,\n");
  auto report = f.dir.file("refused.jsonl");
  auto r = f.apply({csv}, report, {"--prune"});
  BOOST_TEST(r.exit_code == 2, r.err);
  BOOST_TEST(r.err.find("--prune refused") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("blank.csv:8") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("blank.csv:9") != std::string::npos, r.err);
  // A JSON file cut off after its first record: the rest of it cannot be known.
  auto cut = f.write("cut.json",
                     "[{\"accountName\":\"fabrikam\",\"telephoneNumber\":\"+14255573000\","
                     "\"serviceDetails\":{\"zoomPhoneCloudPeering\":{\"enabled\":true}}},\n{\"accountNa");
  auto r2 = f.apply({cut}, f.dir.file("refused2.jsonl"), {"--prune"});
  BOOST_TEST(r2.exit_code == 2, r2.err);
  BOOST_TEST(r2.err.find("cut.json:2") != std::string::npos, r2.err);
  BOOST_TEST(f.api_writes() == writes);
  BOOST_TEST(f.sim_numbers().size() == 10u);
}

BOOST_AUTO_TEST_CASE(a_dry_run_lists_exactly_what_the_prune_then_deletes) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"});
  load_ten(f);
  auto csv = f.write("keep.csv", number_header + valid_rows(3000, 7) + "fabrikam,+14255573007,zoomPhoneCloudPeerin,\n");
  const auto requests = f.api_requests();
  // Without --prune a dry run asks the API nothing.
  auto plain = f.apply({csv}, f.dir.file("dry0.jsonl"), {"--dry-run"});
  BOOST_TEST(plain.exit_code == 1, plain.err);
  BOOST_TEST(f.api_requests() == requests);

  const auto writes = f.api_writes();
  auto dry_report = f.dir.file("dry.jsonl");
  auto dry = f.apply({csv}, dry_report, {"--dry-run", "--prune"});
  BOOST_TEST(dry.exit_code == 1, dry.err);
  BOOST_TEST(f.api_writes() == writes);
  BOOST_TEST(f.sim_numbers().size() == 10u);
  BOOST_TEST(dry.out.find("fabrikam: 2 of 10 numbers would be deleted") != std::string::npos, dry.out);
  BOOST_TEST(dry.out.find("    +14255573008\n") != std::string::npos, dry.out);
  BOOST_TEST(dry.out.find("    +14255573009\n") != std::string::npos, dry.out);
  BOOST_TEST(dry.out.find("    +14255573007\n") == std::string::npos, dry.out);
  auto planned = prune_rows(read_report(dry_report), "planned");
  BOOST_TEST((planned == std::set<std::string>{"+14255573008", "+14255573009"}));

  auto real_report = f.dir.file("real.jsonl");
  auto real = f.apply({csv}, real_report, {"--prune"});
  BOOST_TEST(real.exit_code == 1, real.err);
  BOOST_TEST((prune_rows(read_report(real_report), "deleted") == planned));
  BOOST_TEST(f.sim_numbers().size() == 8u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(header_injection_e2e)

BOOST_AUTO_TEST_CASE(an_etag_with_cr_lf_cannot_smuggle_a_request) {
  e2e_fixture f;
  // The CR LF ends If-Match; what follows would be a second request on the same connection.
  const std::string smuggle =
      "\"\"\"e1\"\"\r\nContent-Length: 0\r\n\r\nDELETE /accounts/fabrikam?api-version="
      "2024-02-29-preview HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Rest: \"";
  auto in = f.write("accounts.csv", std::string(account_header) + "contoso,crm-3,true,true," + smuggle + "\n" +
                                        "northwind,crm-2,true,true,\n");
  auto report = f.dir.file("accounts.jsonl");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  // The emulator saw no DELETE, nothing about contoso, and fabrikam is still there.
  auto log = f.sim_get("/_sim/requests?since=0").as_object();
  for (const auto& req : log.at("requests").as_array()) {
    const auto& q = req.as_object();
    BOOST_TEST(str(q, "method") != "DELETE", str(q, "method") << " " << str(q, "target"));
    BOOST_TEST(str(q, "target").find("/accounts/contoso") == std::string::npos, str(q, "target"));
  }
  BOOST_TEST(f.sim_has_account("fabrikam"));
  auto by = rows_by_account(read_report(report));
  BOOST_TEST_REQUIRE(by.size() == 2u);
  BOOST_TEST(str(by["contoso"], "outcome") == "invalid");
  BOOST_TEST(by["contoso"].at("line").as_int64() == 2);
  BOOST_TEST(first_error(by["contoso"], "code") == "InvalidHeaderValue");
  BOOST_TEST(first_error(by["contoso"], "target") == "etag");
  BOOST_TEST(str(by["northwind"], "outcome") == "synced");
}

BOOST_AUTO_TEST_CASE(a_huge_etag_refuses_only_its_row) {
  e2e_fixture f;
  const std::string huge = "\"\"\"" + std::string(70'000, 'e') + "\"\"\"";
  auto in = f.write("accounts.csv", std::string(account_header) + "northwind,crm-2,true,true,\n" +
                                        "adatum,crm-1,true,true," + huge + "\n" + "tailspin,crm-4,true,true,\n");
  auto report = f.dir.file("accounts.jsonl");
  auto r = f.command({"accounts", "apply", in, "--report", report, "--poll-interval", "0.05"});
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(r.err.find("internal error") == std::string::npos, r.err);
  // Exactly one report row per input row: the big etag's `invalid`, the others proceed.
  auto rows = read_report(report);
  BOOST_TEST(rows.size() == 3u);
  auto by = rows_by_account(rows);
  BOOST_TEST_REQUIRE(by.size() == 3u);
  BOOST_TEST(str(by["adatum"], "outcome") == "invalid");
  BOOST_TEST(by["adatum"].at("line").as_int64() == 3);
  BOOST_TEST(first_error(by["adatum"], "code") == "InvalidHeaderValue");
  BOOST_TEST(first_error(by["adatum"], "message").find("at most 1024") != std::string::npos);
  BOOST_TEST(str(by["northwind"], "outcome") == "synced");
  BOOST_TEST(str(by["tailspin"], "outcome") == "synced");
  BOOST_TEST(!f.sim_has_account("adatum"));
}

BOOST_AUTO_TEST_SUITE_END()
