#include "jobs/cli/apply_options.hpp"
#include "engine/request/api_body.hpp"
#include "io/utf8.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace acgprov;

namespace {
std::map<std::string, std::string> apply_env_vars;
const char* apply_env(const char* name) {
  auto it = apply_env_vars.find(name);
  return it == apply_env_vars.end() ? nullptr : it->second.c_str();
}
jobs::apply_options parse_apply(std::vector<std::string> args) { return jobs::parse_apply_options(args, &apply_env); }
}  // namespace

BOOST_AUTO_TEST_SUITE(apply_options_tests)

BOOST_AUTO_TEST_CASE(full_command_line) {
  apply_env_vars = {{"ACGPROV_CLIENT_SECRET", "s3cret"}};
  auto o = parse_apply({"a.csv",
                        "b.jsonl",
                        "--endpoint",
                        "https://h",
                        "--report=r.jsonl",
                        "--tenant",
                        "t",
                        "--client-id",
                        "c",
                        "--rate",
                        "0.5",
                        "--burst",
                        "3",
                        "--max-in-flight",
                        "8",
                        "--poll-interval",
                        "1.5",
                        "--poll-timeout",
                        "60",
                        "--if-absent",
                        "--ca-file",
                        "ca.pem"});
  BOOST_TEST(o.inputs.size() == 2u);
  BOOST_TEST(o.report == "r.jsonl");
  BOOST_TEST(o.connection.rate.rate == 0.5);
  BOOST_TEST(o.connection.rate.burst == 3);
  BOOST_TEST(o.connection.max_in_flight == 8u);
  BOOST_TEST(o.engine.poll_interval.count() == 1500);
  BOOST_TEST(o.engine.poll_timeout.count() == 60000);
  BOOST_TEST(o.engine.if_absent);
  BOOST_TEST(o.connection.credentials.client_secret == "s3cret");
  BOOST_TEST(o.connection.ca_file == "ca.pem");
}

BOOST_AUTO_TEST_CASE(environment_supplies_endpoint_and_ids) {
  apply_env_vars = {{"ACGPROV_ENDPOINT", "https://e"},
                    {"ACGPROV_TENANT", "t"},
                    {"ACGPROV_CLIENT_ID", "c"},
                    {"ACGPROV_CLIENT_SECRET", "s"}};
  auto o = parse_apply({"a.csv", "--report", "r.csv"});
  BOOST_TEST(o.connection.endpoint == "https://e");
  BOOST_TEST(o.connection.credentials.tenant == "t");
  // The default rate is the live API's 100 requests per minute.
  BOOST_TEST(o.connection.rate.rate * 60 == 100.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(secret_on_the_command_line_is_refused_without_echo) {
  apply_env_vars = {};
  const auto message = test::usage_message([] {
    parse_apply({"a.csv", "--report", "r.csv", "--client-secret", "hunter2"});
  });
  BOOST_TEST(message.find("hunter2") == std::string::npos);
  BOOST_TEST(message.find("ACGPROV_CLIENT_SECRET") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  apply_env_vars = {{"ACGPROV_CLIENT_SECRET", "s"}};
  BOOST_CHECK_THROW(parse_apply({"--report", "r.csv"}), jobs::usage_error);                    // no input
  BOOST_CHECK_THROW(parse_apply({"a.txt", "--report", "r.csv"}), jobs::usage_error);           // unknown format
  BOOST_CHECK_THROW(parse_apply({"-", "--report", "r.csv", "--dry-run"}), jobs::usage_error);  // stdin needs --format
  BOOST_CHECK_THROW(parse_apply({"a.csv"}), jobs::usage_error);                                // no report
  BOOST_CHECK_THROW(parse_apply({"a.csv", "--report", "r.csv"}), jobs::usage_error);           // no endpoint
  BOOST_CHECK_THROW(parse_apply({"a.csv", "--report", "r.csv", "--rate", "0", "--dry-run"}), jobs::usage_error);
  BOOST_CHECK_THROW(parse_apply({"a.csv", "--report", "r.csv", "--bogus"}), jobs::usage_error);
  BOOST_CHECK_THROW(parse_apply({"a.csv", "--report", "r.csv", "--max-in-flight", "2.5", "--dry-run"}),
                    jobs::usage_error);
  // Dry run needs neither endpoint nor credentials.
  apply_env_vars = {};
  BOOST_CHECK_NO_THROW(parse_apply({"-", "--format", "csv", "--report", "r.csv", "--dry-run"}));
}

BOOST_AUTO_TEST_CASE(max_pending_is_a_whole_number_from_1_to_100000000) {
  apply_env_vars = {};
  const auto pending_of = [](const char* value) {
    return parse_apply({"a.csv", "--report", "r.csv", "--dry-run", "--max-pending", value}).engine.max_pending;
  };
  BOOST_TEST(parse_apply({"a.csv", "--report", "r.csv", "--dry-run"}).engine.max_pending == 1000000u);
  BOOST_TEST(pending_of("1") == 1u);
  BOOST_TEST(pending_of("250000") == 250000u);
  BOOST_TEST(pending_of("100000000") == 100000000u);
  for (const char* bad : {"0", "-5", "2.5", "100000001", "many", ""}) {
    BOOST_TEST_CONTEXT("--max-pending " << bad) {
      const auto message = test::usage_message([&] { pending_of(bad); });
      BOOST_TEST(message.find("--max-pending") != std::string::npos, message);
    }
  }
}

BOOST_AUTO_TEST_CASE(api_error_bodies) {
  auto errs = engine::parse_error_body(
      409,
      R"({"error":{"code":"ServiceNotEnabled","message":"m","target":"serviceDetails","details":[{"code":"d","message":"dm"}]}})");
  BOOST_TEST_REQUIRE(errs.size() == 2u);
  BOOST_TEST(errs[0].code == "ServiceNotEnabled");
  BOOST_TEST(errs[0].target == "serviceDetails");
  BOOST_TEST(errs[1].code == "d");
  auto junk = engine::parse_error_body(502, "<html>bad gateway</html>");
  BOOST_TEST_REQUIRE(junk.size() == 1u);
  BOOST_TEST(junk[0].code == "HttpStatus502");

  // A page longer than the excerpt is cut between characters: a euro sign across byte 200
  // stays out whole rather than leaving two bytes of it (the report must stay UTF-8).
  auto euro = engine::parse_error_body(502, std::string(199, 'a') + "\xE2\x82\xAC tail");
  BOOST_TEST(io::is_valid_utf8(euro.at(0).message));
  BOOST_TEST(euro.at(0).message == std::string(199, 'a'));
  auto latin1 = engine::parse_error_body(502, "<p>Erreur \xE9\xE9</p>");
  BOOST_TEST(io::is_valid_utf8(latin1.at(0).message));

  auto st = engine::parse_provisioning_state(
      R"({"serviceProvisioningStatus":"failed","serviceProvisioningErrors":[{"code":"InvalidRequest","message":"Usage","target":"oc"}]})");
  BOOST_TEST_REQUIRE(st.has_value());
  BOOST_TEST(st->status == "failed");
  BOOST_TEST(st->errors.at(0).target == "oc");
  auto null_errors =
      engine::parse_provisioning_state(R"({"serviceProvisioningStatus":"synced","serviceProvisioningErrors":null})");
  BOOST_TEST(null_errors->errors.empty());
}

BOOST_AUTO_TEST_SUITE_END()
