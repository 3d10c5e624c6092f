// :createOrUpdateNumbers and :deleteNumbers: at most 100 items, atomic by default (one detail
// per bad item, target numbers[i]), optionally per item.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

std::string batch_of(const std::vector<std::string>& items) {
  std::string s = R"({"numbers":[)";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "," : "") + items[i];
  return s + "]}";
}

std::string delete_batch(const std::vector<std::string>& numbers) {
  std::string s = R"({"numbers":[)";
  for (std::size_t i = 0; i < numbers.size(); ++i)
    s += std::string(i ? "," : "") + R"({"telephoneNumber":")" + numbers[i] + R"("})";
  return s + "]}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(batches)

BOOST_AUTO_TEST_CASE(create_or_update_returns_the_stored_numbers) {
  sim_env env;
  env.put_account("contoso", all_services_account("contoso"));
  std::vector<std::string> items;
  for (int i = 0; i < 100; ++i)
    items.push_back(i % 2 ? oc_number("contoso", number_at(i)) : dr_number("contoso", number_at(i)));
  auto r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers", batch_of(items));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto numbers = body_of(r).at("numbers").as_array();
  BOOST_TEST_REQUIRE(numbers.size() == 100u);
  BOOST_TEST(numbers[1].as_object().at("telephoneNumber").as_string() == number_at(1));
  BOOST_TEST(numbers[1].as_object().at("serviceProvisioningStatus").as_string() == "pending");
  BOOST_TEST(numbers[1].as_object().at("serviceProvisioningErrors").as_array().empty());
  BOOST_TEST(!r.has_header("ETag"));  // batch answers carry no ETag (swagger)
  auto a = body_of(env.api("GET", "/accounts/contoso"));
  BOOST_TEST(a.at("serviceDetails").as_object().at("teamsOperatorConnect").as_object().at("numberCount").as_int64() ==
             50);
  BOOST_TEST(a.at("serviceDetails").as_object().at("teamsDirectRouting").as_object().at("numberCount").as_int64() ==
             50);
  // Updating the same numbers in a second batch replaces them.
  r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers", batch_of({dr_number("contoso", number_at(1))}));
  BOOST_TEST(r.status == 200);
  a = body_of(env.api("GET", "/accounts/contoso"));
  BOOST_TEST(a.at("serviceDetails").as_object().at("teamsOperatorConnect").as_object().at("numberCount").as_int64() ==
             49);
  // An empty batch is accepted and does nothing.
  r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers", R"({"numbers":[]})");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(body_of(r).at("numbers").as_array().empty());
}

BOOST_AUTO_TEST_CASE(more_than_100_items_are_refused) {
  sim_env env;
  env.put_account("contoso", all_services_account("contoso"));
  std::vector<std::string> items;
  for (int i = 0; i < 101; ++i) items.push_back(dr_number("contoso", number_at(i)));
  auto r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers", batch_of(items));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(body_of(r).at("error").as_object().at("target").as_string() == "numbers");
  std::vector<std::string> numbers;
  for (int i = 0; i < 101; ++i) numbers.push_back(number_at(i));
  BOOST_TEST(env.api("POST", "/accounts/contoso:deleteNumbers", delete_batch(numbers)).status == 400);
  BOOST_TEST(env.state().at("numbers").as_array().empty());
  BOOST_TEST(env.api("POST", "/accounts/contoso:createOrUpdateNumbers", R"({"items":[]})").status == 400);
  BOOST_TEST(env.api("POST", "/accounts/nobody:createOrUpdateNumbers", R"({"numbers":[]})").status == 404);
}

BOOST_AUTO_TEST_CASE(atomic_batch_with_bad_items_applies_nothing_and_names_each) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_account("fabrikam", oc_account("fabrikam"));
  env.put_number("fabrikam", "+15559999", oc_number("fabrikam", "+15559999"));
  auto r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers",
                   batch_of({oc_number("contoso", "+15550001"), oc_number("contoso", "+0555"),  // invalid E.164
                             oc_number("contoso", "+15559999"),                                 // held by fabrikam
                             dr_number("contoso", "+15550004"),           // DR not enabled on contoso
                             oc_number("contoso", "+15550001"),           // duplicate of item 0
                             oc_number("wrong-account", "+15550006")}));  // account mismatch
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.header("x-ms-error-code") == "InvalidRequest");
  auto e = body_of(r).at("error").as_object();
  auto details = e.at("details").as_array();
  BOOST_TEST_REQUIRE(details.size() == 5u);
  std::vector<std::pair<std::string, std::string>> expected{{"numbers[1]", "+0555"},
                                                            {"numbers[2]", "+15559999"},
                                                            {"numbers[3]", "+15550004"},
                                                            {"numbers[4]", "+15550001"},
                                                            {"numbers[5]", "+15550006"}};
  for (std::size_t i = 0; i < details.size(); ++i) {
    auto d = details[i].as_object();
    BOOST_TEST(d.at("target").as_string() == expected[i].first);
    BOOST_TEST(d.at("message").as_string().find(expected[i].second) != std::string::npos, d.at("message").as_string());
  }
  BOOST_TEST(details[1].as_object().at("code").as_string() == "NumberInUse");
  BOOST_TEST(details[2].as_object().at("code").as_string() == "ServiceNotEnabled");
  BOOST_TEST(env.state().at("numbers").as_array().size() == 1u);  // only fabrikam's

  // Only conflicts: 409 with their code.
  r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers",
              batch_of({oc_number("contoso", "+15550001"), oc_number("contoso", "+15559999")}));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "NumberInUse");
  // Mixed conflicts: 409 Conflict.
  r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers",
              batch_of({dr_number("contoso", "+15550004"), oc_number("contoso", "+15559999")}));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.header("x-ms-error-code") == "Conflict");
  BOOST_TEST(env.state().at("numbers").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(non_atomic_batches_apply_the_good_items) {
  sim_env env(fast_flags({"--batch-atomic", "false"}));
  env.put_account("contoso", oc_account("contoso"));
  auto r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers",
                   batch_of({oc_number("contoso", "+15550001"), dr_number("contoso", "+15550002"),
                             oc_number("contoso", "+15550003")}));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto numbers = body_of(r).at("numbers").as_array();
  BOOST_TEST_REQUIRE(numbers.size() == 3u);
  BOOST_TEST(numbers[0].as_object().at("serviceProvisioningStatus").as_string() == "pending");
  auto bad = numbers[1].as_object();
  BOOST_TEST(bad.at("telephoneNumber").as_string() == "+15550002");
  BOOST_TEST(bad.at("serviceProvisioningStatus").as_string() == "failed");
  auto err = bad.at("serviceProvisioningErrors").as_array()[0].as_object();
  BOOST_TEST(err.at("code").as_string() == "ServiceNotEnabled");
  BOOST_TEST(err.at("target").as_string() == "numbers[1]");
  auto state = env.state().at("numbers").as_array();
  BOOST_TEST(state.size() == 2u);
  // The mode can be switched at run time.
  BOOST_TEST(env.configure(R"({"batchAtomic":true})").status == 200);
  r = env.api("POST", "/accounts/contoso:createOrUpdateNumbers", batch_of({dr_number("contoso", "+15550002")}));
  BOOST_TEST(r.status == 409);
}

BOOST_AUTO_TEST_CASE(delete_numbers_removes_what_the_account_holds) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  env.put_account("fabrikam", oc_account("fabrikam"));
  for (int i = 0; i < 5; ++i) env.put_number("contoso", number_at(i), oc_number("contoso", number_at(i)));
  env.put_number("fabrikam", "+15559999", oc_number("fabrikam", "+15559999"));
  // Absent numbers and another account's numbers are skipped.
  auto r = env.api("POST", "/accounts/contoso:deleteNumbers",
                   delete_batch({number_at(0), number_at(1), "+15550000042", "+15559999"}));
  BOOST_TEST(r.status == 204);
  BOOST_TEST(env.state().at("numbers").as_array().size() == 4u);
  BOOST_TEST(env.api("GET", "/accounts/fabrikam/numbers/%2B15559999").status == 200);
  auto a = body_of(env.api("GET", "/accounts/contoso"));
  BOOST_TEST(a.at("serviceDetails").as_object().at("teamsOperatorConnect").as_object().at("numberCount").as_int64() ==
             3);
  // An invalid item refuses the whole batch.
  r = env.api("POST", "/accounts/contoso:deleteNumbers", delete_batch({number_at(2), "12345"}));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(body_of(r).at("error").as_object().at("details").as_array()[0].as_object().at("target").as_string() ==
             "numbers[1]");
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/" + encode_number(number_at(2))).status == 200);
}

BOOST_AUTO_TEST_CASE(a_batch_counts_as_one_request_for_the_rate_limit) {
  sim_env env(fast_flags({"--rate-limit", "60", "--burst", "3"}));  // the token request is not counted
  env.put_account("contoso", all_services_account("contoso"));      // 1
  std::vector<std::string> items;
  for (int i = 0; i < 100; ++i) items.push_back(dr_number("contoso", number_at(i)));
  BOOST_TEST(env.api("POST", "/accounts/contoso:createOrUpdateNumbers", batch_of(items)).status == 200);  // 2
  BOOST_TEST(env.api("GET", "/accounts/contoso").status == 200);                                          // 3
  BOOST_TEST(env.api("GET", "/accounts/contoso").status == 429);
}

BOOST_AUTO_TEST_SUITE_END()
