// The numbers preflight's checks, and the numbers export's formats read back by apply.
#include "jobs/input/number_row.hpp"
#include "jobs/preflight/preflight_rules.hpp"
#include "jobs/resources/number_export.hpp"
#include "jobs/resources/output_file.hpp"
#include "tests/support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

using namespace acgprov;
namespace json = boost::json;

namespace {

jobs::account_facts contoso_facts() {
  auto f = jobs::facts_from_account(json::parse(R"({"name":"contoso","serviceDetails":{
    "teamsTenantId":"t","teamsOperatorConnect":{"enabled":true,"syncEnabled":true},
    "teamsPhoneMobile":{"enabled":false,"syncEnabled":true},"teamsDirectRouting":{"enabled":true,"syncEnabled":true}}})")
                                        .as_object());
  jobs::civic_facts civic;
  jobs::add_civic_address(civic, json::parse(R"({"id":"ca-hq","locations":[{"id":"l1"},{"id":"l2"}]})").as_object());
  jobs::add_civic_address(civic, json::parse(R"({"id":"ca-lab","locations":[{"id":"l3"}]})").as_object());
  f.civic = civic;
  f.plans = jobs::plans_from(json::parse(R"({"capabilityPlans":[
    {"name":"p1","usage":"CallingUserAssignment","mandatoryCapabilities":["UserAssignment"],
     "choosableCapabilities":["InboundCalling","OutboundCalling"]},
    {"name":"p2","usage":"ConferenceAssignment","choosableCapabilities":["TollFreeInboundCalling"]}]})")
                                 .as_object());
  return f;
}

json::object oc_number(const std::string& config) {
  return json::parse(R"({"telephoneNumber":"+14255550100","accountName":"contoso","serviceDetails":{
    "teamsOperatorConnect":{"enabled":true,"configuration":)" +
                     config + "}}}")
      .as_object();
}

std::string code(const std::optional<model::api_error>& e) { return e ? e->code : "ok"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(preflight_rules)

BOOST_AUTO_TEST_CASE(facts_from_the_account) {
  const auto f = contoso_facts();
  BOOST_TEST(f.exists);
  BOOST_TEST(f.has_tenant);
  BOOST_TEST(f.teams_ready());
  auto dr_only = jobs::facts_from_account(
      json::parse(R"({"name":"f","serviceDetails":{"teamsDirectRouting":{"enabled":true,"syncEnabled":true}}})")
          .as_object());
  BOOST_TEST(!dr_only.teams_ready());
}

BOOST_AUTO_TEST_CASE(each_check_and_its_code) {
  const auto f = contoso_facts();
  auto check = [&](const json::object& n) { return code(jobs::check_number(f, "contoso", n)); };
  BOOST_TEST(check(oc_number(R"({"usage":"CallingUserAssignment","choosableCapabilities":["InboundCalling"],
                                  "civicAddressId":"ca-hq","locationId":"l2"})")) == "ok");
  BOOST_TEST(check(oc_number(R"({"usage":"CallingUserAssignment","choosableCapabilities":["UserAssignment"]})")) ==
             "ok");
  BOOST_TEST(check(oc_number(R"({})")) == "ok");  // no usage: the backend says so, not the preflight
  BOOST_TEST(check(oc_number(R"({"civicAddressId":"ca-x"})")) == "UnknownCivicAddress");
  BOOST_TEST(check(oc_number(R"({"locationId":"l9"})")) == "UnknownLocation");
  BOOST_TEST(check(oc_number(R"({"civicAddressId":"ca-lab","locationId":"l1"})")) == "UnknownLocation");
  BOOST_TEST(check(oc_number(R"({"locationId":"l3"})")) == "ok");
  BOOST_TEST(check(oc_number(R"({"usage":"Nope"})")) == "UsageNotOffered");
  BOOST_TEST(check(oc_number(R"({"usage":"ConferenceAssignment","choosableCapabilities":["InboundCalling"]})")) ==
             "CapabilityNotOffered");
  BOOST_TEST(check(oc_number(R"({"choosableCapabilities":["Teleport"]})")) == "CapabilityNotOffered");

  auto tpm = json::parse(R"({"serviceDetails":{"teamsPhoneMobile":{"enabled":true}}})").as_object();
  const auto e = jobs::check_number(f, "contoso", tpm);
  BOOST_TEST(code(e) == "ServiceNotEnabled");
  BOOST_TEST(e->target == "serviceDetails.teamsPhoneMobile");
  BOOST_TEST(e->message.find("teamsOperatorConnect, teamsDirectRouting") != std::string::npos, e->message);
  // A disabled entry enables nothing: not refused.
  auto off = json::parse(R"({"serviceDetails":{"teamsPhoneMobile":{"enabled":false}}})").as_object();
  BOOST_TEST(check(off) == "ok");

  BOOST_TEST(code(jobs::check_number(jobs::account_facts{}, "nobody", off)) == "AccountNotFound");
}

BOOST_AUTO_TEST_CASE(unread_facts_are_not_checked_and_needs_say_what_to_read) {
  auto f = contoso_facts();
  f.civic.reset();
  f.plans.reset();
  BOOST_TEST(code(jobs::check_number(f, "contoso", oc_number(R"({"usage":"Nope","civicAddressId":"x"})"))) == "ok");
  BOOST_TEST(jobs::needs_civic(oc_number(R"({"locationId":"l1"})")));
  BOOST_TEST(!jobs::needs_civic(oc_number(R"({"usage":"u"})")));
  BOOST_TEST(jobs::needs_plans(oc_number(R"({"usage":"u"})")));
  BOOST_TEST(jobs::needs_plans(oc_number(R"({"choosableCapabilities":["x"]})")));
  BOOST_TEST(!jobs::needs_plans(oc_number(R"({"choosableCapabilities":[]})")));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(number_export)

BOOST_AUTO_TEST_CASE(json_and_csv_forms_read_back_as_apply_rows) {
  const auto api = json::parse(R"({"telephoneNumber":"+14255550100","accountName":"contoso",
    "serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment",
        "choosableCapabilities":["InboundCalling","OutboundCalling"],"civicAddressId":"ca","locationId":"l",
        "allowTenantAddressUpdate":false,"acquiredCapabilities":["X"],"availableCapabilities":["Y"]}},
      "teamsDirectRouting":{"enabled":true}},
    "configuration":{"customSipHeader":"sip-1"},
    "serviceProvisioningStatus":"synced","serviceProvisioningErrors":[]})")
                       .as_object();
  const auto exported = jobs::exportable_number(api);
  BOOST_TEST(!exported.contains("serviceProvisioningStatus"));
  BOOST_TEST(json::serialize(exported).find("acquiredCapabilities") == std::string::npos);

  io::input_record json_rec;
  json_rec.file = "x.json";
  json_rec.line = 1;
  json_rec.object = exported;
  auto from_json = jobs::to_number_task(json_rec);
  BOOST_TEST_REQUIRE(std::holds_alternative<engine::number_task>(from_json));

  const auto row = jobs::number_csv(api);
  BOOST_TEST(!row.lossy);
  io::input_record csv_rec;
  csv_rec.file = "x.csv";
  csv_rec.line = 2;
  for (std::size_t i = 0; i < row.cells.size(); ++i)
    csv_rec.fields.emplace_back(jobs::number_export_columns[i], row.cells[i]);
  auto from_csv = jobs::to_number_task(csv_rec);
  BOOST_TEST_REQUIRE(std::holds_alternative<engine::number_task>(from_csv));
  // Both read back as the same resource to PUT.
  BOOST_TEST(std::get<engine::number_task>(from_csv).resource == std::get<engine::number_task>(from_json).resource);
  BOOST_TEST(row.cells[2] == "teamsOperatorConnect;teamsDirectRouting");
  BOOST_TEST(row.cells[4] == "InboundCalling;OutboundCalling");
  BOOST_TEST(row.cells[7] == "false");
}

BOOST_AUTO_TEST_CASE(csv_says_when_it_cannot_carry_a_setting) {
  auto lossy = [](const char* text) { return jobs::number_csv(json::parse(text).as_object()).lossy; };
  BOOST_TEST(lossy(R"({"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"assignmentStatus":"assigned"}}})"));
  BOOST_TEST(lossy(R"({"serviceDetails":{"teamsDirectRouting":{"enabled":false}}})"));
  BOOST_TEST(lossy(R"({"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"a"}},
                                        "teamsPhoneMobile":{"enabled":true,"configuration":{"usage":"b"}}}})"));
  BOOST_TEST(lossy(
      R"({"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"additionalUsages":["x"]}}}})"));
  BOOST_TEST(!lossy(R"({"serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"a"}},
                                         "teamsPhoneMobile":{"enabled":true,"configuration":{"usage":"a"}}}})"));
}

BOOST_AUTO_TEST_CASE(output_file_formats_and_commit) {
  io_test::temp_dir d;
  constexpr std::array<std::string_view, 2> columns{"a", "b"};
  {
    jobs::output_file out(d.path("x.json"), columns);
    out.write_json(json::object{{"a", 1}});
    out.write_json(json::object{{"a", 2}});
    BOOST_TEST(!std::filesystem::exists(d.path("x.json")));  // only PATH.partial until commit
    out.commit();
  }
  BOOST_TEST(io_test::temp_dir::read(d.path("x.json")) == "[\n{\"a\":1},\n{\"a\":2}\n]\n");
  {
    jobs::output_file out(d.path("empty.json"), columns);
    out.commit();
  }
  BOOST_TEST(json::parse(io_test::temp_dir::read(d.path("empty.json"))).as_array().empty());
  {
    jobs::output_file out(d.path("x.csv"), columns);
    out.write_csv({"1", "two, \"2\""});
    out.commit();
  }
  BOOST_TEST(io_test::temp_dir::read(d.path("x.csv")) == "a,b\n1,\"two, \"\"2\"\"\"\n");
  {
    jobs::output_file out(d.path("x.ndjson"), columns);
    out.write_json(json::object{{"a", 1}});
    // Not committed: nothing is left behind.
  }
  BOOST_TEST(!std::filesystem::exists(d.path("x.ndjson")));
  BOOST_TEST(!std::filesystem::exists(d.path("x.ndjson.partial")));
  BOOST_CHECK_THROW(jobs::output_file(d.path("x.txt"), columns), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
