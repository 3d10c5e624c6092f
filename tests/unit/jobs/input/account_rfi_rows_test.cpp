// Accounts and RFIs as `accounts apply` / `rfi update` read them and the exports write them.
#include "jobs/input/account_row.hpp"
#include "jobs/input/number_row.hpp"
#include "jobs/input/rfi_row.hpp"
#include "jobs/resources/civic_export.hpp"
#include "tests/support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov;
namespace json = boost::json;

namespace {

io::input_record account_csv(std::vector<std::pair<std::string, std::string>> fields) {
  io::input_record r;
  r.file = "accounts.csv";
  r.line = 3;
  r.fields = std::move(fields);
  return r;
}

io::input_record json_record(const std::string& text) {
  io::input_record r;
  r.file = "accounts.json";
  r.line = 2;
  r.object = json::parse(text).as_object();
  return r;
}

// By value: callers pass temporaries.
jobs::resource_task resource_task_of(const std::variant<jobs::resource_task, jobs::invalid_row>& v) {
  if (auto* bad = std::get_if<jobs::invalid_row>(&v)) BOOST_FAIL("refused: " << bad->row.errors.at(0).message);
  return std::get<jobs::resource_task>(v);
}

model::api_error refusal_of(const std::variant<jobs::resource_task, jobs::invalid_row>& v) {
  BOOST_TEST_REQUIRE(std::holds_alternative<jobs::invalid_row>(v));
  const auto& row = std::get<jobs::invalid_row>(v).row;
  BOOST_TEST((row.outcome == model::outcome::invalid));
  return row.errors.at(0);
}

// The API's answer for an account: what was written plus the read-only members.
const char* const api_account = R"({"name":"contoso","correlationId":"crm-7",
  "serviceDetails":{"teamsTenantId":"7a1b2c3d-0000-4000-8000-000000000001",
    "teamsOperatorConnect":{"syncEnabled":true,"enabled":true,"numberCount":4},
    "teamsDirectRouting":{"syncEnabled":false,"enabled":true,"numberCount":0,"subdomainStatus":"provisioned",
      "configuration":{"callScreening":false,"subdomain":"contoso","subdomainTokens":{"region1Token":"a=","region2Token":"b"}}},
    "azureOperatorCallProtection":{"enabled":true,"numberCount":1}},
  "serviceProvisioningStatus":"synced","serviceProvisioningErrors":[]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(account_rows)

BOOST_AUTO_TEST_CASE(csv_row_builds_the_account_resource) {
  auto v = jobs::to_account_task(account_csv({{"name", "contoso"},
                                              {"correlationId", "crm-7"},
                                              {"teamsTenantId", "7a1b2c3d-0000-4000-8000-000000000001"},
                                              {"teamsOperatorConnect.enabled", "TRUE"},
                                              {"teamsOperatorConnect.syncEnabled", "true"},
                                              {"teamsDirectRouting.enabled", "true"},
                                              {"teamsDirectRouting.syncEnabled", "false"},
                                              {"teamsDirectRouting.callScreening", "false"},
                                              {"teamsDirectRouting.subdomain", "contoso"},
                                              {"teamsDirectRouting.region1Token", "a="},
                                              {"teamsDirectRouting.region2Token", " b "},
                                              {"teamsPhoneMobile.enabled", ""},
                                              {"azureOperatorCallProtection.enabled", "true"},
                                              {"etag", "\"abc\""}}));
  const auto t = resource_task_of(v);
  BOOST_TEST(t.key == "contoso");
  BOOST_TEST(t.if_match == "\"abc\"");
  BOOST_TEST(t.line == 3u);
  // The same settings as the API's answer once its read-only members are dropped.
  BOOST_TEST(t.body == jobs::account_settings(json::parse(api_account).as_object()));
  BOOST_TEST(!t.body.at("serviceDetails").as_object().contains("teamsPhoneMobile"));
}

BOOST_AUTO_TEST_CASE(csv_refusals_name_the_field) {
  auto target = [](std::vector<std::pair<std::string, std::string>> fields) {
    fields.insert(fields.begin(), {"name", "acct"});
    return refusal_of(jobs::to_account_task(account_csv(std::move(fields)))).target;
  };
  BOOST_TEST(target({{"teamsOperatorConnect.enabled", "yes"}}) == "teamsOperatorConnect.enabled");
  BOOST_TEST(target({{"teamsOperatorConnect.enabled", "true"}}) == "teamsOperatorConnect.syncEnabled");
  BOOST_TEST(target({{"zoomPhoneCloudPeering.syncEnabled", "true"}}) == "zoomPhoneCloudPeering.syncEnabled");
  BOOST_TEST(target({{"teamsDirectRouting.subdomain", "x"}}) == "teamsDirectRouting.region1Token");
  BOOST_TEST(target({{"teamsDirectRouting.enabled", "true"},
                     {"teamsDirectRouting.syncEnabled", "true"},
                     {"teamsDirectRouting.subdomain", "a.b"}}) == "teamsDirectRouting.subdomain");
  BOOST_TEST(target({{"teamsDirectRouting.subdomain", "sub"},
                     {"teamsDirectRouting.region1Token", "t1"},
                     {"teamsDirectRouting.region2Token", "t2"}}) == "teamsDirectRouting.enabled");
  const auto bad_name = refusal_of(jobs::to_account_task(account_csv({{"name", "a b"}})));
  BOOST_TEST(bad_name.target == "name");
  BOOST_TEST(refusal_of(jobs::to_account_task(account_csv({{"name", ""}}))).message == "name is required");
}

BOOST_AUTO_TEST_CASE(json_row_drops_read_only_members_and_takes_an_etag) {
  auto text = std::string(api_account);
  text.insert(1, R"("etag":"\"e1\"",)");
  const auto t = resource_task_of(jobs::to_account_task(json_record(text)));
  BOOST_TEST(t.if_match == "\"e1\"");
  BOOST_TEST(!t.body.contains("serviceProvisioningStatus"));
  BOOST_TEST(!t.body.contains("etag"));
  BOOST_TEST(t.body == jobs::account_settings(json::parse(api_account).as_object()));
}

BOOST_AUTO_TEST_CASE(json_refusals_name_the_member) {
  auto target = [](const std::string& text) { return refusal_of(jobs::to_account_task(json_record(text))).target; };
  BOOST_TEST(target(R"({"name":"a","serviceDetails":{"zoom":{"enabled":true,"syncEnabled":true}}})") ==
             "serviceDetails.zoom");
  BOOST_TEST(target(R"({"name":"a","serviceDetails":{"teamsOperatorConnect":{"enabled":true}}})") ==
             "serviceDetails.teamsOperatorConnect.syncEnabled");
  BOOST_TEST(
      target(R"({"name":"a","serviceDetails":{"azureOperatorCallProtection":{"enabled":true,"syncEnabled":true}}})") ==
      "serviceDetails.azureOperatorCallProtection.syncEnabled");
  BOOST_TEST(target(R"({"name":"a","correlationId":7})") == "correlationId");
  BOOST_TEST(target(R"({"name":"a","colour":"red"})") == "colour");
  BOOST_TEST(target(R"({"correlationId":"x"})") == "name");
}

BOOST_AUTO_TEST_CASE(export_forms_read_back_to_the_same_account) {
  const auto api = json::parse(api_account).as_object();
  // JSON export: the settings, identity first.
  const auto exported = jobs::exportable_account(api);
  BOOST_TEST(exported.begin()->key() == "name");
  BOOST_TEST(exported == jobs::account_settings(api));
  // CSV export, read back as a CSV record: the same account.
  const auto cells = jobs::account_csv_cells(api);
  BOOST_TEST_REQUIRE(cells.size() == jobs::account_export_columns.size());
  std::vector<std::pair<std::string, std::string>> fields;
  for (std::size_t i = 0; i < cells.size(); ++i) fields.emplace_back(jobs::account_export_columns[i], cells[i]);
  const auto t = resource_task_of(jobs::to_account_task(account_csv(fields)));
  BOOST_TEST(t.body == jobs::account_settings(api));
  BOOST_TEST(jobs::subdomain_status_of(api) == "provisioned");
}

BOOST_AUTO_TEST_CASE(the_csv_reader_takes_the_account_columns) {
  io_test::temp_dir d;
  const auto p =
      d.write("a.csv", "Name,teamsOperatorConnect.Enabled,teamsOperatorConnect.syncEnabled\ncontoso,true,false\n");
  auto reader = io::open_reader(p, io::input_format::csv, jobs::account_csv);
  auto rows = io_test::read_all(*reader);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(io_test::field(rows[0], "teamsOperatorConnect.enabled") == "true");
  const auto bad = d.write("b.csv", "name,accountName\nx,y\n");
  BOOST_CHECK_EXCEPTION(
      io::open_reader(bad, io::input_format::csv, jobs::account_csv), std::runtime_error,
      [](const std::runtime_error& e) { return std::string(e.what()).find("\"accountName\"") != std::string::npos; });
  const auto none = d.write("c.csv", "");
  BOOST_CHECK_EXCEPTION(
      io::open_reader(none, io::input_format::csv, jobs::account_csv), std::runtime_error,
      [](const std::runtime_error& e) { return std::string(e.what()).find("at least name") != std::string::npos; });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rfi_rows)

BOOST_AUTO_TEST_CASE(csv_rows_become_merge_patches) {
  io::input_record r;
  r.file = "rfi.csv";
  r.line = 2;
  r.fields = {{"tenantId", "0B8E4C8A-5E2D-4D7F-9A8C-1E2F3A4B5C6D"}, {"status", "Contacted"}, {"comment", ""}};
  const auto t = resource_task_of(jobs::to_rfi_task(r));
  BOOST_TEST(t.key == "0B8E4C8A-5E2D-4D7F-9A8C-1E2F3A4B5C6D");
  BOOST_TEST(json::serialize(t.body) == R"({"customerRelationship":{"status":"Contacted"}})");

  r.fields = {{"tenantId", "not-a-guid"}, {"status", "x"}};
  BOOST_TEST(refusal_of(jobs::to_rfi_task(r)).target == "tenantId");
  r.fields = {{"tenantId", "0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d"}, {"status", ""}, {"comment", ""}};
  BOOST_TEST(refusal_of(jobs::to_rfi_task(r)).target == "customerRelationship");
}

BOOST_AUTO_TEST_CASE(json_rows_keep_nulls_and_ignore_listed_members) {
  io::input_record r;
  r.file = "rfi.json";
  r.line = 1;
  r.object = json::parse(R"({"tenantId":"0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d","status":"active","contacts":[],
    "customerRelationship":{"status":"Acknowledged","comment":null,"lastModifiedOn":"2024-01-01T00:00:00Z"}})")
                 .as_object();
  const auto t = resource_task_of(jobs::to_rfi_task(r));
  BOOST_TEST(json::serialize(t.body) == R"({"customerRelationship":{"status":"Acknowledged","comment":null}})");

  r.object = json::parse(R"({"tenantId":"0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d","customerRelationship":{"mood":"x"}})")
                 .as_object();
  BOOST_TEST(refusal_of(jobs::to_rfi_task(r)).target == "customerRelationship.mood");
  r.object = json::parse(R"({"tenantId":"0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d","note":"x"})").as_object();
  BOOST_TEST(refusal_of(jobs::to_rfi_task(r)).target == "note");
}

BOOST_AUTO_TEST_CASE(list_csv_cells) {
  auto rfi = json::parse(R"({"tenantId":"t","id":"i","accountName":"contoso","productContext":"teams","operatorId":"o",
    "status":"active","consentedOn":"c","lastModifiedOn":"m","consentedCountries":["US","UK"],
    "contacts":[{"fullName":"Ann","email":"ann@x"},{"fullName":"Bob","email":"bob@x","companyName":"Co","companySize":"S"}],
    "customerRelationship":{"status":"Ack","comment":"hi","lastModifiedOn":"r"},"serviceProvisioningStatus":"synced"})")
                 .as_object();
  const auto cells = jobs::rfi_csv_cells(rfi);
  BOOST_TEST_REQUIRE(cells.size() == jobs::rfi_list_columns.size());
  const std::vector<std::string> expected{
      "t",  "i", "contoso", "teams", "o", "active", "c", "m", "US; UK", "Ann <ann@x>; Bob <bob@x>",
      "Co", "S", "Ack",     "hi",    "r", "synced"};
  BOOST_TEST(cells == expected, boost::test_tools::per_element());
  BOOST_TEST(jobs::is_guid("0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6d"));
  BOOST_TEST(!jobs::is_guid("0b8e4c8a-5e2d-4d7f-9a8c-1e2f3a4b5c6"));
  BOOST_TEST(!jobs::is_guid("0b8e4c8a+5e2d-4d7f-9a8c-1e2f3a4b5c6d"));
}

BOOST_AUTO_TEST_CASE(civic_csv_rows_one_per_location) {
  auto address = json::parse(R"({"id":"ca","country":"US","locations":[
    {"id":"l1","description":"Floor 1","isDefault":true,"elin":"42"},{"id":"l2"}]})")
                     .as_object();
  auto rows = jobs::civic_csv_rows(address);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  for (const auto& r : rows) BOOST_TEST(r.size() == jobs::civic_csv_columns.size());
  BOOST_TEST(rows[0][0] == "ca");
  BOOST_TEST(rows[0][1] == "US");
  BOOST_TEST(rows[0][22] == "l1");
  BOOST_TEST(rows[0][25] == "true");
  BOOST_TEST(rows[0][26] == "42");
  BOOST_TEST(rows[1][22] == "l2");
  address.erase("locations");
  rows = jobs::civic_csv_rows(address);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0][22].empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(onboarding_samples)

// samples/onboarding: every row valid, and the accounts CSV and JSON say the same.
BOOST_AUTO_TEST_CASE(every_row_is_valid_and_both_account_files_agree) {
  const std::string dir = std::string(ACGPROV_SOURCE_DIR) + "/samples/onboarding/";
  auto tasks = [&](const std::string& name, const io::csv_columns& csv, jobs::resource_converter convert) {
    auto reader = io::open_reader(dir + name, *io::format_from_path(name), csv);
    std::vector<jobs::resource_task> out;
    while (auto rec = reader->next()) out.push_back(resource_task_of(convert(*rec)));
    return out;
  };
  const auto from_csv = tasks("accounts.csv", jobs::account_csv, jobs::to_account_task);
  const auto from_json = tasks("accounts.json", jobs::account_csv, jobs::to_account_task);
  BOOST_TEST_REQUIRE(from_csv.size() == 2u);
  BOOST_TEST_REQUIRE(from_json.size() == from_csv.size());
  for (std::size_t i = 0; i < from_csv.size(); ++i) BOOST_TEST(from_csv[i].body == from_json[i].body, i);
  BOOST_TEST(tasks("rfi-update.csv", jobs::rfi_csv, jobs::to_rfi_task).size() == 2u);
  auto numbers = io::open_reader(dir + "numbers.csv", io::input_format::csv);
  std::size_t n = 0;
  while (auto rec = numbers->next()) {
    BOOST_TEST(std::holds_alternative<engine::number_task>(jobs::to_number_task(*rec)), rec->line);
    ++n;
  }
  BOOST_TEST(n == 7u);
}

BOOST_AUTO_TEST_SUITE_END()
