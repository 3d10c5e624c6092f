// acgprov numbers export / civic-addresses export end to end (issue 6): paged reads, the
// three output formats, and the export -> apply round trip that writes nothing.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

constexpr int fabrikam_numbers = 1050;  // three pages of 500

// contoso's civic addresses (its Teams tenant), and numbers over every column of apply's CSV.
json::object seed_with_numbers() {
  json::object seed = default_seed();
  seed["civicAddresses"] = json::parse(R"([
    {"id": "ca-hq", "tenantId": "7a1b2c3d-0000-4000-8000-000000000001", "country": "US", "cityOrTown": "Redmond",
     "description": "HQ", "locations": [{"id": "loc-hq-1", "description": "Floor 1", "isDefault": true},
                                        {"id": "loc-hq-2", "description": "Floor 2"}]},
    {"id": "ca-lab", "tenantId": "7a1b2c3d-0000-4000-8000-000000000001", "country": "US", "cityOrTown": "Seattle",
     "locations": [{"id": "loc-lab-1"}]},
    {"id": "ca-other", "tenantId": "0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d", "country": "GB",
     "locations": [{"id": "loc-other"}]}
  ])");
  json::array numbers = json::parse(R"([
    {"telephoneNumber": "+14255550100", "accountName": "contoso",
     "serviceDetails": {"teamsOperatorConnect": {"enabled": true, "assignmentStatus": "assigned",
       "configuration": {"usage": "CallingUserAssignment", "choosableCapabilities": ["InboundCalling", "OutboundCalling"],
                         "civicAddressId": "ca-hq", "locationId": "loc-hq-2", "allowTenantAddressUpdate": true}}},
     "configuration": {"customSipHeader": "contoso-1"}},
    {"telephoneNumber": "+14255550101", "accountName": "contoso",
     "serviceDetails": {"teamsPhoneMobile": {"enabled": true,
       "configuration": {"usage": "CallingUserAssignment", "choosableCapabilities": ["Mobile"]}},
       "teamsDirectRouting": {"enabled": true}}},
    {"telephoneNumber": "+14255550102", "accountName": "contoso",
     "serviceDetails": {"teamsDirectRouting": {"enabled": true}}}
  ])")
                            .as_array();
  for (int i = 0; i < fabrikam_numbers; ++i) {
    json::object n;
    n["telephoneNumber"] = "+1425600" + std::to_string(1000 + i);
    n["accountName"] = "fabrikam";
    n["serviceDetails"] =
        json::object{{i % 2 ? "teamsDirectRouting" : "zoomPhoneCloudPeering", json::object{{"enabled", true}}},
                     {"azureOperatorCallProtection", json::object{{"enabled", true}}}};
    if (i % 3 == 0) n["configuration"] = json::object{{"customSipHeader", "fab-" + std::to_string(i)}};
    numbers.push_back(std::move(n));
  }
  seed["numbers"] = std::move(numbers);
  return seed;
}

json::object config_with_numbers() { return json::object{{"seed", seed_with_numbers()}}; }

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(export_e2e)

BOOST_AUTO_TEST_CASE(numbers_export_then_apply_writes_nothing) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_numbers());
  const std::size_t total = fabrikam_numbers + 3;
  struct exported {
    std::string file;
    std::vector<std::string> account;
    std::size_t rows;
  };
  const std::vector<exported> exports{{"all.csv", {}, total},
                                      {"all.json", {}, total},
                                      {"all.jsonl", {}, total},
                                      {"contoso.csv", {"--account", "contoso"}, 3},
                                      {"contoso.json", {"--account", "contoso"}, 3}};
  for (const auto& e : exports) {
    BOOST_TEST_CONTEXT(e.file) {
      auto out = f.dir.file(e.file);
      std::vector<std::string> words{"numbers", "export", "--output", out};
      words.insert(words.end(), e.account.begin(), e.account.end());
      const auto lists_before = f.api_calls("ListNumbers") + f.api_calls("Accounts_ListNumbers");
      auto r = f.command(words);
      BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
      BOOST_TEST(!std::filesystem::exists(out + ".partial"));
      const auto lists = f.api_calls("ListNumbers") + f.api_calls("Accounts_ListNumbers") - lists_before;
      BOOST_TEST(lists == (e.account.empty() ? 3u : 1u));  // 500 a page

      const auto writes = f.api_writes();
      auto report = f.dir.file(e.file + ".report.jsonl");
      r = f.apply({out}, report);
      BOOST_TEST(r.exit_code == 0, r.err);
      auto rows = read_report(report);
      BOOST_TEST(rows.size() == e.rows);
      std::size_t unchanged = 0;
      for (auto& row : rows) unchanged += str(row, "outcome") == "unchanged";
      BOOST_TEST(unchanged == e.rows);
      BOOST_TEST(f.api_writes() == writes);  // the round trip writes nothing
    }
  }
  // The CSV is apply's own format; assignmentStatus is what it cannot carry (a warning says so).
  auto csv = read_file(f.dir.file("contoso.csv"));
  BOOST_TEST(csv ==
             "accountName,telephoneNumber,services,usage,choosableCapabilities,civicAddressId,locationId,"
             "allowTenantAddressUpdate,customSipHeader\n"
             "contoso,+14255550100,teamsOperatorConnect,CallingUserAssignment,InboundCalling;OutboundCalling,ca-hq,"
             "loc-hq-2,true,contoso-1\n"
             "contoso,+14255550101,teamsDirectRouting;teamsPhoneMobile,CallingUserAssignment,Mobile,,,false,\n"
             "contoso,+14255550102,teamsDirectRouting,,,,,,\n");
  // JSON: NumberResources without read-only members, one array element a line.
  auto doc = json::parse(read_file(f.dir.file("contoso.json"))).as_array();
  BOOST_TEST_REQUIRE(doc.size() == 3u);
  const auto& first = doc[0].as_object();
  BOOST_TEST(!first.contains("serviceProvisioningStatus"));
  BOOST_TEST(!first.contains("serviceProvisioningErrors"));
  BOOST_TEST(str(first.at("serviceDetails").at("teamsOperatorConnect").as_object(), "assignmentStatus") == "assigned");
  BOOST_TEST(lines_of(read_file(f.dir.file("all.jsonl"))) == total);
  BOOST_TEST(lines_of(read_file(f.dir.file("all.csv"))) == total + 1);
}

BOOST_AUTO_TEST_CASE(numbers_export_warns_when_csv_cannot_carry_a_setting) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_numbers());
  auto r = f.command({"numbers", "export", "--account", "contoso", "--output", f.dir.file("c.csv")});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("1 numbers hold settings the CSV columns cannot carry") != std::string::npos, r.err);
  r = f.command({"numbers", "export", "--account", "contoso", "--output", f.dir.file("c.jsonl")});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("cannot carry") == std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(an_unknown_account_writes_no_file) {
  e2e_fixture f;
  auto out = f.dir.file("nobody.csv");
  auto r = f.command({"numbers", "export", "--account", "nobody", "--output", out});
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(r.err.find("404") != std::string::npos, r.err);
  BOOST_TEST(!std::filesystem::exists(out));
  BOOST_TEST(!std::filesystem::exists(out + ".partial"));
  r = f.command({"civic-addresses", "export", "--account", "nobody", "--output", out});
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(!std::filesystem::exists(out));
}

BOOST_AUTO_TEST_CASE(civic_addresses_export_one_row_per_location) {
  e2e_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50"}, config_with_numbers());
  auto csv_path = f.dir.file("civic.csv");
  auto r = f.command({"civic-addresses", "export", "--account", "contoso", "--output", csv_path});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  auto csv = read_file(csv_path);
  BOOST_TEST(lines_of(csv) == 4u);  // header, ca-hq's two locations, ca-lab's one
  BOOST_TEST(csv.rfind("civicAddressId,country,", 0) == 0u);
  BOOST_TEST(csv.find("\nca-hq,US,") != std::string::npos, csv);
  BOOST_TEST(csv.find(",loc-hq-2,Floor 2,") != std::string::npos, csv);
  BOOST_TEST(csv.find("ca-other") == std::string::npos);  // another tenant's address

  auto json_path = f.dir.file("civic.json");
  r = f.command({"civic-addresses", "export", "--account", "contoso", "--output", json_path});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  auto doc = json::parse(read_file(json_path)).as_array();
  BOOST_TEST_REQUIRE(doc.size() == 2u);
  BOOST_TEST(str(doc[0].as_object(), "id") == "ca-hq");
  BOOST_TEST(str(doc[0].as_object(), "defaultLocationId") == "loc-hq-1");
  BOOST_TEST(doc[0].at("locations").as_array().size() == 2u);

  // fabrikam has no Teams tenant: no addresses, an empty (but written) export.
  auto empty = f.dir.file("empty.json");
  r = f.command({"civic-addresses", "export", "--account", "fabrikam", "--output", empty});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(json::parse(read_file(empty)).as_array().empty());
}

BOOST_AUTO_TEST_SUITE_END()
