// Validation and conversion of input records into number tasks or `invalid` rows.
#include "jobs/input/number_row.hpp"
#include "jobs/input/number_rules.hpp"
#include "tests/support/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov;
using acgprov::test::contains;
namespace json = boost::json;

namespace {

// A CSV record from column/cell pairs.
io::input_record csv(std::vector<std::pair<std::string, std::string>> fields) {
  io::input_record r;
  r.file = "in.csv";
  r.line = 7;
  r.fields = std::move(fields);
  return r;
}

// A CSV record of the common columns, with the Teams and SIP cells optional.
io::input_record csv_row(std::string action, std::string account, std::string number, std::string services,
                         std::string usage = "", std::string caps = "", std::string civic = "",
                         std::string location = "", std::string allow = "", std::string sip = "") {
  return csv({{"action", action},
              {"accountName", account},
              {"telephoneNumber", number},
              {"services", services},
              {"usage", usage},
              {"choosableCapabilities", caps},
              {"civicAddressId", civic},
              {"locationId", location},
              {"allowTenantAddressUpdate", allow},
              {"customSipHeader", sip}});
}

io::input_record json_row(const std::string& text) {
  io::input_record r;
  r.file = "in.json";
  r.line = 3;
  r.object = json::parse(text).as_object();
  return r;
}

engine::number_task task_of(const io::input_record& r) {
  auto v = jobs::to_number_task(r);
  if (auto* bad = std::get_if<jobs::invalid_row>(&v))
    BOOST_FAIL("unexpected invalid row: " << bad->row.errors.at(0).message);
  return std::get<engine::number_task>(v);
}

model::report_row invalid_of(const io::input_record& r) {
  auto v = jobs::to_number_task(r);
  if (std::holds_alternative<engine::number_task>(v)) BOOST_FAIL("expected an invalid row");
  return std::get<jobs::invalid_row>(v).row;
}

std::string message_of(const io::input_record& r) { return invalid_of(r).errors.at(0).message; }

}  // namespace

BOOST_AUTO_TEST_SUITE(number_row_csv_tests)

BOOST_AUTO_TEST_CASE(operator_connect_row_with_every_teams_setting) {
  const auto t = task_of(csv_row("upsert", "contoso", "+14255550100", "teamsOperatorConnect", "CallingUserAssignment",
                                 "InboundCalling; OutboundCalling;", "civic-1", "loc-1", "TRUE", "contoso-commsgw"));
  BOOST_TEST(t.file == "in.csv");
  BOOST_TEST(t.line == 7u);
  BOOST_TEST((t.action == engine::number_action::upsert));
  BOOST_TEST(t.account == "contoso");
  BOOST_TEST(t.number == "+14255550100");
  // Exact text: member order is part of the contract (stable bodies, readable logs).
  BOOST_TEST(json::serialize(t.resource) ==
             R"({"telephoneNumber":"+14255550100","accountName":"contoso","serviceDetails":)"
             R"({"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment",)"
             R"("choosableCapabilities":["InboundCalling","OutboundCalling"],"civicAddressId":"civic-1",)"
             R"("locationId":"loc-1","allowTenantAddressUpdate":true}}},)"
             R"("configuration":{"customSipHeader":"contoso-commsgw"}})");
}

BOOST_AUTO_TEST_CASE(teams_settings_go_to_every_teams_service_only) {
  const auto t =
      task_of(csv_row("", "contoso", " +14255550101 ", "teamsPhoneMobile;teamsDirectRouting;TEAMSOPERATORCONNECT",
                      "CallingUserAssignment", "", "", "", "false"));
  BOOST_TEST((t.action == engine::number_action::upsert));
  BOOST_TEST(t.number == "+14255550101");
  const auto expected = json::parse(R"({"telephoneNumber":"+14255550101","accountName":"contoso",
    "serviceDetails":{
      "teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment","allowTenantAddressUpdate":false}},
      "teamsDirectRouting":{"enabled":true},
      "teamsPhoneMobile":{"enabled":true,"configuration":{"usage":"CallingUserAssignment","allowTenantAddressUpdate":false}}}})");
  BOOST_TEST(json::value(t.resource) == expected);
}

BOOST_AUTO_TEST_CASE(non_teams_services_and_empty_services) {
  const auto t =
      task_of(csv_row("Upsert", "fabrikam", "+14255550200",
                      "zoomPhoneCloudPeering;azureOperatorCallProtection;teamsDirectRouting;zoomPhoneCloudPeering"));
  BOOST_TEST(json::value(t.resource) == json::parse(R"({"telephoneNumber":"+14255550200","accountName":"fabrikam",
    "serviceDetails":{"teamsDirectRouting":{"enabled":true},"zoomPhoneCloudPeering":{"enabled":true},
                      "azureOperatorCallProtection":{"enabled":true}}})"));
  // No services: serviceDetails is {} (the API requires the member; it decides the rest).
  const auto e = task_of(csv({{"accountName", "fabrikam"}, {"telephoneNumber", "+14255550201"}}));
  BOOST_TEST(json::serialize(e.resource) ==
             R"({"telephoneNumber":"+14255550201","accountName":"fabrikam","serviceDetails":{}})");
}

BOOST_AUTO_TEST_CASE(delete_rows_need_only_the_identity) {
  const auto t = task_of(csv_row("DELETE", "contoso", "+14255550199", "bogusService", "x"));
  BOOST_TEST((t.action == engine::number_action::remove));
  BOOST_TEST(t.resource.empty());
  BOOST_TEST(t.account == "contoso");
  const auto bad = invalid_of(csv_row("delete", "contoso", "12345", ""));
  BOOST_TEST(bad.action == "delete");
  BOOST_TEST(bad.errors.at(0).message == R"(telephoneNumber "12345" is not E.164 (+ then 2-15 digits))");
}

BOOST_AUTO_TEST_CASE(invalid_row_carries_file_line_identity_and_field) {
  const auto r = invalid_of(csv_row("upsert", "contoso", "12345", ""));
  BOOST_TEST(r.file == "in.csv");
  BOOST_TEST(r.line == 7u);
  BOOST_TEST(r.action == "upsert");
  BOOST_TEST(r.account_name == "contoso");
  BOOST_TEST(r.telephone_number == "12345");
  BOOST_TEST((r.outcome == model::outcome::invalid));
  BOOST_TEST(r.http_status == 0);
  BOOST_TEST(r.attempts == 0u);
  BOOST_TEST_REQUIRE(r.errors.size() == 1u);
  BOOST_TEST(r.errors[0].code == "InvalidField");
  BOOST_TEST(r.errors[0].target == "telephoneNumber");
  BOOST_TEST(r.errors[0].message == R"(telephoneNumber "12345" is not E.164 (+ then 2-15 digits))");
}

BOOST_AUTO_TEST_CASE(telephone_number_rules) {
  auto msg = [](std::string n) { return message_of(csv_row("", "contoso", n, "")); };
  BOOST_TEST(msg("") == "telephoneNumber is required");
  BOOST_TEST(msg("   ") == "telephoneNumber is required");
  BOOST_TEST(contains(msg("+0123456"), "is not E.164"));
  BOOST_TEST(contains(msg("+1"), "is not E.164"));
  BOOST_TEST(contains(msg("+1 425 555 0100"), "is not E.164"));
  BOOST_TEST(contains(msg("+1425555010a"), "is not E.164"));
  BOOST_TEST(contains(msg("+1234567890123456"), "is not E.164"));  // 16 digits
  BOOST_TEST(contains(msg("++14255550100"), "is not E.164"));
  task_of(csv_row("", "contoso", "+123456789012345", ""));  // 15 digits: the maximum
  task_of(csv_row("", "contoso", "+12", ""));               // 2 digits: the minimum
  BOOST_TEST(jobs::is_e164("+14255550100"));
  BOOST_TEST(!jobs::is_e164("14255550100"));
}

BOOST_AUTO_TEST_CASE(account_name_and_sip_header_rules) {
  BOOST_TEST(message_of(csv_row("", "", "+14255550100", "")) == "accountName is required");
  BOOST_TEST(message_of(csv_row("", "con toso", "+14255550100", "")) ==
             R"(accountName "con toso" is not valid (1-100 characters: letters, digits, '_' and '-'))");
  BOOST_TEST(contains(message_of(csv_row("", std::string(101, 'a'), "+14255550100", "")), "accountName"));
  task_of(csv_row("", std::string(100, 'a'), "+14255550100", ""));
  task_of(csv_row("", "A-z_09", "+14255550100", ""));
  BOOST_TEST(contains(message_of(csv_row("", "contoso\xC3\xA9", "+14255550100", "")), "accountName"));
  const auto r =
      invalid_of(csv_row("", "contoso", "+14255550100", "teamsDirectRouting", "", "", "", "", "", "bad header!"));
  BOOST_TEST(r.errors[0].target == "customSipHeader");
  BOOST_TEST(r.errors[0].message ==
             R"(customSipHeader "bad header!" is not valid (1-100 characters: letters, digits, '_' and '-'))");
  BOOST_TEST(contains(message_of(csv_row("", "c", "+14255550100", "", "", "", "", "", "", std::string(101, 'h'))),
                      "customSipHeader"));
}

BOOST_AUTO_TEST_CASE(action_rules) {
  const auto r = invalid_of(csv_row("remove", "contoso", "+14255550100", ""));
  BOOST_TEST(r.errors[0].target == "action");
  BOOST_TEST(r.errors[0].message == R"(action "remove" is not upsert or delete)");
  BOOST_TEST(r.action == "remove");
}

BOOST_AUTO_TEST_CASE(unknown_service_is_invalid_and_named) {
  const auto r = invalid_of(csv_row("", "contoso", "+14255550100", "teamsDirectRouting;teamsOC"));
  BOOST_TEST(r.errors[0].target == "services");
  BOOST_TEST(contains(r.errors[0].message, R"(unknown service "teamsOC")"));
  BOOST_TEST(contains(r.errors[0].message, "known: teamsOperatorConnect, teamsDirectRouting"));
}

BOOST_AUTO_TEST_CASE(teams_settings_need_a_teams_service) {
  const auto r = invalid_of(csv_row("", "contoso", "+14255550100", "teamsDirectRouting", "", "", "civic-1"));
  BOOST_TEST(r.errors[0].target == "civicAddressId");
  BOOST_TEST(r.errors[0].message ==
             "civicAddressId is a Teams number setting, but services enables neither "
             "teamsOperatorConnect nor teamsPhoneMobile");
  BOOST_TEST(invalid_of(csv_row("", "c", "+14255550100", "", "CallingUserAssignment")).errors[0].target == "usage");
  BOOST_TEST(
      invalid_of(csv_row("", "c", "+14255550100", "zoomPhoneCloudPeering", "", "", "", "", "true")).errors[0].target ==
      "allowTenantAddressUpdate");
  BOOST_TEST(invalid_of(csv_row("", "c", "+14255550100", "", "", "Mobile")).errors[0].target ==
             "choosableCapabilities");
}

BOOST_AUTO_TEST_CASE(allow_tenant_address_update_is_a_boolean) {
  const auto r = invalid_of(csv_row("", "c", "+14255550100", "teamsOperatorConnect", "", "", "", "", "yes"));
  BOOST_TEST(r.errors[0].message == R"(allowTenantAddressUpdate "yes" is not true or false)");
}

BOOST_AUTO_TEST_CASE(free_text_must_be_utf8) {
  const auto r = invalid_of(csv_row("", "c", "+14255550100", "teamsOperatorConnect", "bad\xFFusage"));
  BOOST_TEST(r.errors[0].message == "usage is not valid UTF-8");
  // Report columns stay valid UTF-8 whatever the input held.
  const auto n = invalid_of(csv_row("", "c", "+1\xFF", ""));
  BOOST_TEST(n.telephone_number == "+1\xEF\xBF\xBD");
  BOOST_TEST(contains(n.errors[0].message, R"("+1\xFF")"));
}

BOOST_AUTO_TEST_CASE(unreadable_record_becomes_invalid_with_its_message) {
  io::input_record rec;
  rec.file = "in.csv";
  rec.line = 12;
  rec.error = "unterminated quoted field: the quote opened on line 12 never closes";
  const auto r = invalid_of(rec);
  BOOST_TEST(r.line == 12u);
  BOOST_TEST(r.errors[0].code == "UnreadableRecord");
  BOOST_TEST(r.errors[0].message == rec.error);
  BOOST_TEST(r.errors[0].target == "");
  BOOST_TEST(r.action == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(number_row_json_tests)

BOOST_AUTO_TEST_CASE(api_resource_passes_through) {
  const std::string text = R"({"telephoneNumber":"+15105850321","accountName":"contoso",
    "serviceDetails":{"teamsOperatorConnect":{"enabled":true,"assignmentStatus":"assigned",
      "configuration":{"usage":"CallingUserAssignment","choosableCapabilities":["InboundCalling"],
        "additionalUsages":["x"],"displayedCountryCode":"US","civicAddressId":"c","locationId":"l",
        "allowTenantAddressUpdate":true}}},
    "configuration":{"customSipHeader":"contoso-commsgw"}})";
  const auto t = task_of(json_row(text));
  BOOST_TEST(t.file == "in.json");
  BOOST_TEST(t.line == 3u);
  BOOST_TEST(t.number == "+15105850321");
  BOOST_TEST(t.account == "contoso");
  BOOST_TEST((t.action == engine::number_action::upsert));
  BOOST_TEST(json::value(t.resource) == json::parse(text));
  BOOST_TEST(json::serialize(t.resource).rfind(R"({"telephoneNumber":"+15105850321","accountName":"contoso",)", 0) ==
             0u);
}

BOOST_AUTO_TEST_CASE(export_read_only_members_are_dropped) {
  const auto t = task_of(json_row(R"({"accountName":"contoso","telephoneNumber":"+14255550100",
    "action":"upsert",
    "serviceProvisioningStatus":"synced","serviceProvisioningErrors":null,
    "serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"usage":"u",
      "choosableCapabilities":["Mobile"],"acquiredCapabilities":["Mobile"],"availableCapabilities":[]}},
      "teamsDirectRouting":{"enabled":false},"zoomPhoneCloudPeering":null},
    "configuration":null})"));
  BOOST_TEST(json::value(t.resource) == json::parse(R"({"telephoneNumber":"+14255550100","accountName":"contoso",
    "serviceDetails":{"teamsDirectRouting":{"enabled":false},
      "teamsPhoneMobile":{"enabled":true,"configuration":{"usage":"u","choosableCapabilities":["Mobile"]}}}})"));
}

BOOST_AUTO_TEST_CASE(missing_service_details_becomes_empty) {
  const auto t = task_of(json_row(R"({"accountName":"a","telephoneNumber":"+14255550100"})"));
  BOOST_TEST(json::serialize(t.resource) ==
             R"({"telephoneNumber":"+14255550100","accountName":"a","serviceDetails":{}})");
}

BOOST_AUTO_TEST_CASE(delete_action) {
  const auto t = task_of(json_row(R"({"action":"Delete","accountName":"a","telephoneNumber":"+14255550100",
                                      "serviceDetails":{"nonsense":1}})"));
  BOOST_TEST((t.action == engine::number_action::remove));
  BOOST_TEST(t.resource.empty());
  BOOST_TEST(t.number == "+14255550100");
  BOOST_TEST(message_of(json_row(R"({"action":"delete","accountName":"a"})")) == "telephoneNumber is required");
  BOOST_TEST(message_of(json_row(R"({"action":"delete","accountName":"a","telephoneNumber":14255550100})")) ==
             "telephoneNumber must be a string");
}

BOOST_AUTO_TEST_CASE(json_field_errors_name_the_path) {
  struct tcase {
    std::string body;
    std::string target;
    std::string message;
  };
  const std::string id = R"("accountName":"a","telephoneNumber":"+14255550100")";
  const std::vector<tcase> cases{
      {R"({"accountName":"a"})", "telephoneNumber", "telephoneNumber is required"},
      {R"({"accountName":"a","telephoneNumber":14255550100})", "telephoneNumber",
       "telephoneNumber must be a string, not a number"},
      {R"({"accountName":"a","telephoneNumber":"555"})", "telephoneNumber",
       R"(telephoneNumber "555" is not E.164 (+ then 2-15 digits))"},
      {R"({"accountName":"a b","telephoneNumber":"+14255550100"})", "accountName",
       R"(accountName "a b" is not valid (1-100 characters: letters, digits, '_' and '-'))"},
      {"{" + id + R"(,"action":5})", "action", R"(action must be the string "upsert" or "delete")"},
      {"{" + id + R"(,"action":"put"})", "action", R"(action "put" is not upsert or delete)"},
      {"{" + id + R"(,"telephonenumber":"x"})", "telephonenumber",
       "telephonenumber is not a known member (known: action, telephoneNumber, accountName, "
       "serviceDetails, configuration)"},
      {"{" + id + R"(,"serviceDetails":[]})", "serviceDetails", "serviceDetails must be an object, not an array"},
      {"{" + id + R"(,"serviceDetails":{"zoom":{"enabled":true}}})", "serviceDetails.zoom",
       R"(serviceDetails names an unknown service "zoom" (known: teamsOperatorConnect, teamsDirectRouting, teamsPhoneMobile, zoomPhoneCloudPeering, azureOperatorCallProtection))"},
      {"{" + id + R"(,"serviceDetails":{"teamsDirectRouting":{}}})", "serviceDetails.teamsDirectRouting.enabled",
       "serviceDetails.teamsDirectRouting.enabled is required (true or false)"},
      {"{" + id + R"(,"serviceDetails":{"teamsDirectRouting":{"enabled":"yes"}}})",
       "serviceDetails.teamsDirectRouting.enabled",
       "serviceDetails.teamsDirectRouting.enabled must be true or false, not a string"},
      {"{" + id + R"(,"serviceDetails":{"teamsDirectRouting":{"enabled":true,"configuration":{}}}})",
       "serviceDetails.teamsDirectRouting.configuration",
       "serviceDetails.teamsDirectRouting.configuration is not a known member (known: enabled)"},
      {"{" + id + R"(,"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"assignmentStatus":"yes"}}})",
       "serviceDetails.teamsOperatorConnect.assignmentStatus",
       R"(serviceDetails.teamsOperatorConnect.assignmentStatus must be "assigned" or "unassigned")"},
      {"{" + id +
           R"(,"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"choosableCapabilities":"InboundCalling"}}}})",
       "serviceDetails.teamsOperatorConnect.configuration.choosableCapabilities",
       "serviceDetails.teamsOperatorConnect.configuration.choosableCapabilities must be an array of strings, not a "
       "string"},
      {"{" + id +
           R"(,"serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"choosableCapabilities":[1]}}}})",
       "serviceDetails.teamsPhoneMobile.configuration.choosableCapabilities",
       "serviceDetails.teamsPhoneMobile.configuration.choosableCapabilities must be an array of strings, but holds a "
       "number"},
      {"{" + id +
           R"(,"serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"allowTenantAddressUpdate":"true"}}}})",
       "serviceDetails.teamsPhoneMobile.configuration.allowTenantAddressUpdate",
       "serviceDetails.teamsPhoneMobile.configuration.allowTenantAddressUpdate must be true or false, not a string"},
      {"{" + id + R"(,"serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"usage":1}}}})",
       "serviceDetails.teamsPhoneMobile.configuration.usage",
       "serviceDetails.teamsPhoneMobile.configuration.usage must be a string, not a number"},
      {"{" + id + R"(,"serviceDetails":{"teamsPhoneMobile":{"enabled":true,"configuration":{"usages":"x"}}}})",
       "serviceDetails.teamsPhoneMobile.configuration.usages",
       "serviceDetails.teamsPhoneMobile.configuration.usages is not a known member (known: usage, "
       "choosableCapabilities, additionalUsages, civicAddressId, locationId, allowTenantAddressUpdate, "
       "displayedCountryCode)"},
      {"{" + id + R"(,"configuration":{"customSipHeader":"a b"}})", "configuration.customSipHeader",
       R"(configuration.customSipHeader "a b" is not valid (1-100 characters: letters, digits, '_' and '-'))"},
      {"{" + id + R"(,"configuration":{"customSipHeader":7}})", "configuration.customSipHeader",
       "configuration.customSipHeader must be a string, not a number"},
      {"{" + id + R"(,"configuration":{"sipHeader":"x"}})", "configuration.sipHeader",
       "configuration.sipHeader is not a known member (known: customSipHeader)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.body) {
      const auto r = invalid_of(json_row(c.body));
      BOOST_TEST(r.file == "in.json");
      BOOST_TEST(r.line == 3u);
      BOOST_TEST(r.errors.at(0).code == "InvalidField");
      BOOST_TEST(r.errors.at(0).target == c.target);
      BOOST_TEST(r.errors.at(0).message == c.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_invalid_row_shows_non_string_identity) {
  const auto r = invalid_of(json_row(R"({"accountName":"a","telephoneNumber":14255550100})"));
  BOOST_TEST(r.telephone_number == "14255550100");
  BOOST_TEST(r.account_name == "a");
  BOOST_TEST(r.action == "upsert");
}

BOOST_AUTO_TEST_SUITE_END()
