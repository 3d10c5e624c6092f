// Repeatability-Request-ID / Repeatability-First-Sent: accepted, replayed, rejected.
#include "sim/state/repeatability.hpp"
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <ctime>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

header_list repeat(const std::string& id, const std::string& first_sent) {
  return {{"Repeatability-Request-ID", id}, {"Repeatability-First-Sent", first_sent}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repeatability)

BOOST_AUTO_TEST_CASE(a_replay_returns_the_first_answer_without_applying_again) {
  sim_env env;
  env.put_account("contoso", oc_account("contoso"));
  auto headers = repeat("req-1", http_date());
  auto first = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"), headers);
  BOOST_TEST(first.status == 201);
  BOOST_TEST(first.header("Repeatability-Result") == "accepted");
  auto writes = env.stats().at("writesApplied").to_number<int>();

  headers.emplace_back("x-ms-client-request-id", "retry-attempt-2");
  auto replay = env.api("PUT", "/accounts/contoso/numbers/%2B15550001", oc_number("contoso", "+15550001"), headers);
  BOOST_TEST(replay.status == 201);  // the first answer, not 200
  BOOST_TEST(replay.body == first.body);
  BOOST_TEST(replay.header("ETag") == first.header("ETag"));
  BOOST_TEST(replay.header("Repeatability-Result") == "accepted");
  BOOST_TEST(replay.header("x-ms-client-request-id") == "retry-attempt-2");  // this attempt's id
  auto stats = env.stats();
  BOOST_TEST(stats.at("writesApplied").to_number<int>() == writes);
  BOOST_TEST(stats.at("replays").to_number<int>() == 1);
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/%2B15550001").header("ETag") == first.header("ETag"));

  // The same id for a different request is rejected.
  auto other = env.api("PUT", "/accounts/contoso/numbers/%2B15550002", oc_number("contoso", "+15550002"),
                       repeat("req-1", http_date()));
  BOOST_TEST(other.status == 400);
  BOOST_TEST(other.header("Repeatability-Result") == "rejected");
  BOOST_TEST(env.api("GET", "/accounts/contoso/numbers/%2B15550002").status == 404);

  // Batches and deletes replay too.
  auto del = env.api("DELETE", "/accounts/contoso/numbers/%2B15550001", {}, repeat("req-2", http_date()));
  BOOST_TEST(del.status == 204);
  BOOST_TEST(env.api("DELETE", "/accounts/contoso/numbers/%2B15550001", {}, repeat("req-2", http_date()))
                 .header("Repeatability-Result") == "accepted");
}

BOOST_AUTO_TEST_CASE(error_answers_replay_too) {
  sim_env env;
  auto r1 = env.api("PUT", "/accounts/nobody/numbers/%2B15550001", oc_number("nobody", "+15550001"),
                    repeat("r", http_date()));
  BOOST_TEST(r1.status == 404);
  BOOST_TEST(r1.header("Repeatability-Result") == "accepted");
  env.put_account("nobody", oc_account("nobody"));
  auto r2 = env.api("PUT", "/accounts/nobody/numbers/%2B15550001", oc_number("nobody", "+15550001"),
                    repeat("r", http_date()));
  BOOST_TEST(r2.status == 404);  // the remembered answer, although the account now exists
}

BOOST_AUTO_TEST_CASE(first_sent_must_be_valid_and_inside_the_window) {
  sim_env env(fast_flags({"--repeatability-window", "60"}));
  env.put_account("contoso", oc_account("contoso"));
  std::string path = "/accounts/contoso/numbers/%2B15550001";
  auto r = env.api("PUT", path, oc_number("contoso", "+15550001"), repeat("a", "yesterday"));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.header("Repeatability-Result") == "rejected");
  r = env.api("PUT", path, oc_number("contoso", "+15550001"), {{"Repeatability-Request-ID", "b"}});
  BOOST_TEST(r.status == 400);  // First-Sent is required with an id
  r = env.api("PUT", path, oc_number("contoso", "+15550001"), repeat("c", http_date(-120)));
  BOOST_TEST(r.status == 412);
  BOOST_TEST(r.header("Repeatability-Result") == "rejected");
  BOOST_TEST(env.api("GET", path).status == 404);  // nothing applied
  r = env.api("PUT", path, oc_number("contoso", "+15550001"), repeat("d", "2099-01-01T00:00:00Z"));
  BOOST_TEST(r.status == 412);
  // RFC 3339 is accepted as well as IMF-fixdate.
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char rfc3339[32];
  std::strftime(rfc3339, sizeof rfc3339, "%Y-%m-%dT%H:%M:%SZ", &tm);
  r = env.api("PUT", path, oc_number("contoso", "+15550001"), repeat("e", rfc3339));
  BOOST_TEST(r.status == 201);
  BOOST_TEST(env.stats().at("repeatabilityRejected").to_number<int>() == 4);
}

BOOST_AUTO_TEST_CASE(only_operations_that_declare_it_answer_repeatability) {
  sim_env env;
  auto r = env.api("GET", "/accounts", {}, repeat("x", http_date()));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(!r.has_header("Repeatability-Result"));
  r = env.api("PUT", "/accounts/contoso", oc_account("contoso"));
  BOOST_TEST(!r.has_header("Repeatability-Result"));  // no id, no result
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(logic)
using namespace acgprov::sim;
using namespace std::chrono_literals;

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

BOOST_AUTO_TEST_SUITE_END()
