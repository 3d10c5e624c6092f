// Paging of list operations: maxpagesize, nextLink, top, skip, countRecords, filter, order.
#include "sim/api/paging.hpp"
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

// 25 numbers in account "a" (sent in reverse order) and 5 in "b", all synced.
void seed_numbers(sim_env& env) {
  env.put_account("a", all_services_account("a", false));
  env.put_account("b", all_services_account("b", false));
  std::string batch = R"({"numbers":[)";
  for (int i = 24; i >= 0; --i) batch += dr_number("a", number_at(i)) + (i ? "," : "");
  batch += "]}";
  BOOST_TEST_REQUIRE(env.api("POST", "/accounts/a:createOrUpdateNumbers", batch).status == 200);
  for (int i = 100; i < 105; ++i) env.put_number("b", number_at(i), dr_number("b", number_at(i)));
}

// Follows nextLink from `first`, collecting telephone numbers; bounded by `max_pages`.
std::vector<std::string> follow(sim_env& env, const std::string& first, std::vector<std::size_t>& page_sizes,
                                int max_pages = 20) {
  std::vector<std::string> numbers;
  std::string target = first;
  std::string prefix = env.sim.ready().endpoint;
  for (int page = 0; page < max_pages && !target.empty(); ++page) {
    auto r = env.raw("GET", target, {{"Authorization", "Bearer " + env.token}});
    BOOST_TEST_REQUIRE(r.status == 200, target << ": " << r.body);
    auto o = body_of(r);
    auto v = o.at("value").as_array();
    page_sizes.push_back(v.size());
    for (const auto& n : v) numbers.emplace_back(n.as_object().at("telephoneNumber").as_string());
    target.clear();
    if (auto* next = o.if_contains("nextLink")) {
      std::string link(next->as_string());
      BOOST_TEST_REQUIRE(link.rfind(prefix, 0) == 0, "nextLink is absolute: " << link);
      BOOST_TEST(link.find("api-version=2024-02-29-preview") != std::string::npos);
      target = link.substr(prefix.size());
    }
  }
  return numbers;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(paging)

BOOST_AUTO_TEST_CASE(next_links_walk_all_pages_in_number_order) {
  sim_env env;
  seed_numbers(env);
  std::vector<std::size_t> sizes;
  auto numbers = follow(env, versioned("/accounts/a/numbers?maxpagesize=10"), sizes);
  BOOST_TEST(sizes == (std::vector<std::size_t>{10, 10, 5}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(numbers.size() == 25u);
  for (int i = 0; i < 25; ++i) BOOST_TEST(numbers[i] == number_at(i));  // by number, not insertion
}

BOOST_AUTO_TEST_CASE(count_records_top_and_skip) {
  sim_env env;
  seed_numbers(env);
  auto r = env.api("GET", "/accounts/a/numbers?countRecords=true&maxpagesize=10");
  BOOST_TEST(r.header("x-ms-record-count") == "25");
  BOOST_TEST(body_of(r).at("nextLink").as_string().find("countRecords=true") != std::string::npos);
  BOOST_TEST(!env.api("GET", "/accounts/a/numbers").has_header("x-ms-record-count"));

  std::vector<std::size_t> sizes;
  auto numbers = follow(env, versioned("/accounts/a/numbers?top=15&maxpagesize=10"), sizes);
  BOOST_TEST(sizes == (std::vector<std::size_t>{10, 5}), boost::test_tools::per_element());
  BOOST_TEST(numbers.back() == number_at(14));

  sizes.clear();
  numbers = follow(env, versioned("/accounts/a/numbers?skip=20"), sizes);
  BOOST_TEST(numbers.size() == 5u);
  BOOST_TEST(numbers.front() == number_at(20));

  r = env.api("GET", "/numbers?countRecords=true&top=3");
  BOOST_TEST(r.header("x-ms-record-count") == "30");  // all accounts
  BOOST_TEST(body_of(r).at("value").as_array().size() == 3u);
  BOOST_TEST(!body_of(r).contains("nextLink"));  // top reached
  // The default page is 200; above 500 the page size is clamped, not refused.
  r = env.api("GET", "/numbers?maxpagesize=100000");
  BOOST_TEST(r.status == 200);
}

BOOST_AUTO_TEST_CASE(bad_paging_parameters_are_400) {
  sim_env env;
  for (const char* q : {"maxpagesize=0", "maxpagesize=abc", "top=-1", "skip=-5", "skip=1.5", "countRecords=yes"}) {
    auto r = env.api("GET", std::string("/numbers?") + q);
    BOOST_TEST(r.status == 400, q);
    BOOST_TEST(r.header("x-ms-error-code") == "InvalidRequest");
  }
}

BOOST_AUTO_TEST_CASE(filters) {
  sim_env env;
  seed_numbers(env);
  BOOST_TEST(env.configure(R"({"syncDelayMs":600000})").status == 200);
  env.put_account("pend", oc_account("pend"));
  env.put_number("pend", "+15559990001", oc_number("pend", "+15559990001"));
  env.put_number("pend", "+15559990002", oc_number("pend", "+15559990002"));
  auto values = [&](const std::string& path) {
    auto r = env.api("GET", path);
    BOOST_TEST_REQUIRE(r.status == 200, path << ": " << r.body);
    return body_of(r).at("value").as_array();
  };
  // Query values are form-decoded: '+' must travel as %2B, spaces as %20.
  auto v = values("/numbers?filter=telephoneNumber%20eq%20%27%2B15551000003%27");
  BOOST_TEST_REQUIRE(v.size() == 1u);
  BOOST_TEST(v[0].as_object().at("accountName").as_string() == "a");
  BOOST_TEST(values("/numbers?filter=serviceProvisioningStatus%20eq%20%27pending%27").size() == 2u);
  BOOST_TEST(values("/numbers?filter=serviceProvisioningStatus%20eq%20%27pending%27%20and%20telephoneNumber%20eq%20%27%"
                    "2B15559990002%27")
                 .size() == 1u);
  BOOST_TEST(values("/numbers?filter=accountName%20eq%20%27b%27").size() == 5u);
  BOOST_TEST(values("/numbers?filter=accountName%20ne%20%27a%27").size() == 7u);
  BOOST_TEST(values("/accounts/a/numbers?filter=startswith(telephoneNumber,%27%2B1555100000%27)").size() == 10u);
  BOOST_TEST(values("/accounts?filter=name%20eq%20%27pend%27").size() == 1u);
  BOOST_TEST(values("/accounts?filter=serviceProvisioningStatus%20eq%20%27pending%27").size() == 1u);
  // Filtered paging keeps the filter in nextLink.
  auto r = env.api("GET", "/numbers?filter=accountName%20eq%20%27a%27&maxpagesize=20&countRecords=true");
  BOOST_TEST(r.header("x-ms-record-count") == "25");
  std::string next(body_of(r).at("nextLink").as_string());
  BOOST_TEST(next.find("filter=accountName%20eq%20%27a%27") != std::string::npos, next);
  for (const char* bad :
       {"/numbers?filter=color%20eq%20%27red%27", "/numbers?filter=telephoneNumber%20gt%20%271%27",
        "/numbers?filter=telephoneNumber%20eq%20unquoted",
        "/numbers?filter=accountName%20eq%20%27a%27%20or%20accountName%20eq%20%27b%27", "/numbers?filter="}) {
    auto b = env.api("GET", bad);
    BOOST_TEST(b.status == 400, bad);
    BOOST_TEST(body_of(b).at("error").as_object().at("target").as_string() == "filter");
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(logic)
using namespace acgprov::sim;

BOOST_AUTO_TEST_CASE(paging_pages_and_next_links) {
  std::vector<int> items(25);
  for (int i = 0; i < 25; ++i) items[i] = i;
  auto render = [](int i) -> std::optional<boost::json::object> {
    if (i % 5 == 4) return std::nullopt;  // filtered out: 20 remain
    return boost::json::object{{"i", i}};
  };
  page_request p;
  p.page_size = 8;
  p.count_records = true;
  auto r = build_page(p, items, render);
  BOOST_TEST(r.value.size() == 8u);
  BOOST_TEST(r.more);
  BOOST_TEST(r.total == 20);
  auto resp = page_response(r, p, "https://h:1", "/numbers", "v1");
  BOOST_TEST(resp.header("x-ms-record-count") == "20");
  BOOST_TEST(
      resp.body.find(R"("nextLink":"https://h:1/numbers?api-version=v1&skip=8&maxpagesize=8&countRecords=true")") !=
          std::string::npos,
      resp.body);
  p.skip = 16;
  r = build_page(p, items, render);
  BOOST_TEST(r.value.size() == 4u);
  BOOST_TEST(!r.more);
  p.skip = 0;
  p.top = 8;
  r = build_page(p, items, render);
  BOOST_TEST(!r.more);  // top reached
}

BOOST_AUTO_TEST_SUITE_END()
