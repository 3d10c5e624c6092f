// The emulator's pure logic, without sockets: token bucket arithmetic on a fake clock, filter
// grammar, patterns, conditions, dates, URL decoding, paging, fault determinism, base64url,
// the repeatability cache and the router.
#include "sim/api/conditions.hpp"
#include "sim/api/filter.hpp"
#include "sim/api/paging.hpp"
#include "sim/api/router.hpp"
#include "sim/api/validation.hpp"
#include "sim/chaos/faults.hpp"
#include "sim/chaos/token_bucket.hpp"
#include "sim/identity/base64url.hpp"
#include "sim/state/repeatability.hpp"
#include "sim/transport/time_format.hpp"
#include "sim/transport/url.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <map>

using namespace acgprov::sim;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(logic)

BOOST_AUTO_TEST_CASE(token_bucket_refills_at_rate_per_minute) {
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  token_bucket b(60, 3, t0);  // one token per second, three at most
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(b.try_take(t0));
  BOOST_TEST(!b.try_take(t0));
  BOOST_TEST(b.retry_after_seconds(t0) == 1);
  BOOST_TEST(!b.try_take(t0 + 999ms));
  BOOST_TEST(b.try_take(t0 + 1001ms));
  BOOST_TEST(!b.try_take(t0 + 1001ms));
  // A long pause refills only up to the burst.
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(b.try_take(t0 + 1h));
  BOOST_TEST(!b.try_take(t0 + 1h));
  token_bucket slow(6, 1, t0);  // one per 10 s
  BOOST_TEST(slow.try_take(t0));
  BOOST_TEST(slow.retry_after_seconds(t0) == 10);
  BOOST_TEST(slow.retry_after_seconds(t0 + 2500ms) == 8);  // 7.5 s rounded up
  token_bucket off(0, 1, t0);
  for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE(off.try_take(t0));
}

BOOST_AUTO_TEST_CASE(filter_grammar) {
  std::vector<std::string_view> fields{"telephoneNumber", "accountName", "serviceProvisioningStatus"};
  std::string error;
  auto f = parse_filter("telephoneNumber eq '+1555' AND startswith(accountName,'con') and serviceProvisioningStatus ne 'failed'",
                        fields, error);
  BOOST_TEST_REQUIRE(f.has_value(), error);
  BOOST_TEST(f->clauses.size() == 3u);
  std::map<std::string, std::string> item{{"telephoneNumber", "+1555"}, {"accountName", "contoso"},
                                          {"serviceProvisioningStatus", "pending"}};
  auto lookup = [&](std::string_view k) -> std::optional<std::string> {
    auto it = item.find(std::string(k));
    return it == item.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  BOOST_TEST(f->matches(lookup));
  item["serviceProvisioningStatus"] = "failed";
  BOOST_TEST(!f->matches(lookup));
  auto quoted = parse_filter("accountName eq 'o''brien'", fields, error);
  BOOST_TEST_REQUIRE(quoted.has_value());
  BOOST_TEST(quoted->clauses[0].value == "o'brien");
  for (const char* bad : {"", "colour eq 'red'", "accountName gt 'a'", "accountName eq a", "accountName eq 'a' or accountName eq 'b'",
                          "accountName eq 'unterminated", "startswith(accountName 'a')"})
    BOOST_TEST(!parse_filter(bad, fields, error).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(patterns) {
  BOOST_TEST(is_e164("+15551234567"));
  BOOST_TEST(is_e164("+123456789012345"));    // 16 characters
  BOOST_TEST(!is_e164("+1234567890123456"));  // 17
  BOOST_TEST(!is_e164("+0123"));
  BOOST_TEST(!is_e164("+1"));
  BOOST_TEST(!is_e164("15551234567"));
  BOOST_TEST(!is_e164("+1555 123"));
  BOOST_TEST(is_account_name("Contoso_01-x"));
  BOOST_TEST(!is_account_name("con.toso"));
  BOOST_TEST(!is_account_name(std::string(101, 'a')));
  BOOST_TEST(is_subdomain("abcdefghij"));
  BOOST_TEST(!is_subdomain("abcdefghijk"));
  BOOST_TEST(is_subdomain_token("dG9rZW4="));
  BOOST_TEST(!is_subdomain_token("a b"));
  BOOST_TEST(is_custom_sip_header("contoso-commsgw"));
  BOOST_TEST(!is_custom_sip_header(""));
  BOOST_TEST(is_guid("a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a"));
  BOOST_TEST(is_guid("A7F4BD5C-CC01-40F4-8BAA-2B6BDB272B8A"));
  BOOST_TEST(!is_guid("contosoTenantId"));
}

BOOST_AUTO_TEST_CASE(preconditions) {
  std::string etag = "\"abc\"";
  BOOST_TEST((check_preconditions("", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("\"abc\"", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("abc", "", &etag, false) == precondition::proceed));  // bare
  BOOST_TEST((check_preconditions("\"x\", \"abc\"", "", &etag, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("\"x\"", "", &etag, false) == precondition::failed));
  BOOST_TEST((check_preconditions("W/\"abc\"", "", &etag, false) == precondition::failed));  // strong compare
  BOOST_TEST((check_preconditions("*", "", nullptr, false) == precondition::failed));
  BOOST_TEST((check_preconditions("", "*", nullptr, false) == precondition::proceed));
  BOOST_TEST((check_preconditions("", "*", &etag, false) == precondition::failed));
  BOOST_TEST((check_preconditions("", "W/\"abc\"", &etag, true) == precondition::not_modified));
  BOOST_TEST((check_preconditions("", "\"old\"", &etag, true) == precondition::proceed));
}

BOOST_AUTO_TEST_CASE(dates) {
  auto imf = parse_timestamp("Tue, 15 Nov 1994 08:12:31 GMT");
  BOOST_TEST_REQUIRE(imf.has_value());
  BOOST_TEST(std::chrono::system_clock::to_time_t(*imf) == 784887151);
  auto rfc = parse_timestamp("1994-11-15T10:12:31.5+02:00");
  BOOST_TEST_REQUIRE(rfc.has_value());
  BOOST_TEST((*rfc - *imf == 500ms));
  BOOST_TEST(!parse_timestamp("yesterday").has_value());
  BOOST_TEST(!parse_timestamp("Tue, 15 Nov 1994 08:12:31").has_value());
  BOOST_TEST(format_http_date(*imf) == "Tue, 15 Nov 1994 08:12:31 GMT");
  BOOST_TEST(format_iso8601(*rfc) == "1994-11-15T08:12:31.500Z");
  BOOST_TEST(format_aad_timestamp(*imf) == "1994-11-15 08:12:31Z");
}

BOOST_AUTO_TEST_CASE(paths_and_queries_decode_plus_differently) {
  auto segs = decode_path_segments("/accounts/con%74oso/numbers/+1555%2B");
  BOOST_TEST_REQUIRE(segs.has_value());
  BOOST_TEST((*segs == std::vector<std::string>{"accounts", "contoso", "numbers", "+1555+"}));
  BOOST_TEST(!decode_path_segments("/a%2").has_value());
  auto q = parse_query("filter=a+eq+%27%2B1%27&top=5&flag");
  BOOST_TEST_REQUIRE(q.has_value());
  BOOST_TEST(*query_value(*q, "filter") == "a eq '+1'");
  BOOST_TEST(*query_value(*q, "TOP") == "5");
  BOOST_TEST(query_value(*q, "flag")->empty());
  BOOST_TEST(!query_value(*q, "skip").has_value());
  BOOST_TEST(percent_encode("a eq '+1'") == "a%20eq%20%27%2B1%27");
  auto t = split_request_target("/x?y=1");
  BOOST_TEST(t.path == "/x");
  BOOST_TEST(t.query == "y=1");
}

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
  BOOST_TEST(resp.body.find(R"("nextLink":"https://h:1/numbers?api-version=v1&skip=8&maxpagesize=8&countRecords=true")") !=
             std::string::npos, resp.body);
  p.skip = 16;
  r = build_page(p, items, render);
  BOOST_TEST(r.value.size() == 4u);
  BOOST_TEST(!r.more);
  p.skip = 0;
  p.top = 8;
  r = build_page(p, items, render);
  BOOST_TEST(!r.more);  // top reached
}

BOOST_AUTO_TEST_CASE(faults_repeat_with_the_seed) {
  fault_settings f;
  f.p_5xx = 0.3;
  f.p_reset = 0.1;
  f.p_stall = 0.1;
  fault_injector a(42), b(42);
  int none = 0;
  for (int i = 0; i < 200; ++i) {
    auto x = a.draw(f);
    BOOST_TEST_REQUIRE((x == b.draw(f)));
    none += x == fault_kind::none;
  }
  BOOST_TEST(none > 60);
  BOOST_TEST(none < 140);
  fault_settings off;
  for (int i = 0; i < 100; ++i) BOOST_TEST_REQUIRE((a.draw(off) == fault_kind::none));
}

BOOST_AUTO_TEST_CASE(base64url_round_trip) {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00\x01", 4)})
    BOOST_TEST(*base64url_decode(base64url_encode(s)) == s);
  BOOST_TEST(base64url_encode("\xfb\xff") == "-_8");
  BOOST_TEST(!base64url_decode("a+b/").has_value());
}

BOOST_AUTO_TEST_CASE(repeatability_cache_remembers_for_the_window) {
  repeatability_cache cache;
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  http_request req;
  req.method = "PUT";
  req.target = "/x";
  auto fp = request_fingerprint("client", req);
  http_response replayed;
  BOOST_TEST((cache.lookup("id", fp, t0, 60s, replayed) == repeatability_cache::verdict::first_time));
  http_response first;
  first.status = 201;
  first.set("ETag", "\"e\"");
  first.set("x-ms-client-request-id", "attempt-1");
  cache.remember("id", fp, first, t0);
  BOOST_TEST((cache.lookup("id", fp, t0 + 59s, 60s, replayed) == repeatability_cache::verdict::replay));
  BOOST_TEST(replayed.status == 201u);
  BOOST_TEST(replayed.header("ETag") == "\"e\"");
  BOOST_TEST(replayed.header("x-ms-client-request-id").empty());
  req.body = "other";
  BOOST_TEST((cache.lookup("id", request_fingerprint("client", req), t0 + 1s, 60s, replayed) ==
              repeatability_cache::verdict::different_request));
  BOOST_TEST((cache.lookup("id", fp, t0 + 61s, 60s, replayed) == repeatability_cache::verdict::first_time));
  http_response failure;
  failure.status = 503;
  cache.remember("id2", fp, failure, t0);
  BOOST_TEST((cache.lookup("id2", fp, t0, 60s, replayed) == repeatability_cache::verdict::first_time));
}

BOOST_AUTO_TEST_CASE(router_maps_the_18_operations) {
  struct c {
    const char* method;
    std::vector<std::string> path;
    operation op;
  };
  std::vector<c> cases{
      {"GET", {"accounts"}, operation::accounts_list},
      {"GET", {"accounts", "a"}, operation::accounts_get},
      {"PUT", {"accounts", "a"}, operation::accounts_put},
      {"DELETE", {"accounts", "a"}, operation::accounts_delete},
      {"POST", {"accounts", "a:createOrUpdateNumbers"}, operation::create_or_update_numbers},
      {"POST", {"accounts", "a:deletenumbers"}, operation::delete_numbers},
      {"POST", {"accounts", "a:getTeamsCapabilityPlans"}, operation::get_capability_plans},
      {"POST", {"accounts", "a:getTeamsAvailableCapabilities"}, operation::get_available_capabilities},
      {"GET", {"accounts", "a", "numbers"}, operation::account_numbers_list},
      {"GET", {"accounts", "a", "numbers", "+1"}, operation::number_get},
      {"PUT", {"accounts", "a", "numbers", "+1"}, operation::number_put},
      {"DELETE", {"accounts", "a", "numbers", "+1"}, operation::number_delete},
      {"GET", {"accounts", "a", "teamsCivicAddresses"}, operation::civic_addresses_list},
      {"GET", {"accounts", "a", "teamsCivicAddresses", "c"}, operation::civic_address_get},
      {"GET", {"numbers"}, operation::numbers_list},
      {"GET", {"teamsRequestsForInformation"}, operation::rfi_list},
      {"GET", {"teamsRequestsForInformation", "t"}, operation::rfi_get},
      {"PATCH", {"teamsRequestsForInformation", "t"}, operation::rfi_patch},
  };
  for (const auto& x : cases) {
    auto m = match_route(x.method, x.path);
    BOOST_TEST((m.op == x.op), x.method << " " << x.path.back());
  }
  auto m = match_route("POST", {"accounts", "contoso:deleteNumbers"});
  BOOST_TEST(m.account == "contoso");
  BOOST_TEST((required_access(m.op) == access::remove));
  BOOST_TEST((required_access(operation::get_capability_plans) == access::write));
  m = match_route("PATCH", {"accounts", "a"});
  BOOST_TEST((m.op == operation::none));
  BOOST_TEST(m.path_known);
  BOOST_TEST(!match_route("GET", {"accounts", "a", "x"}).path_known);
}

BOOST_AUTO_TEST_SUITE_END()
