// The pure pieces of the request layer's run-level and repeatability rules: which answers
// refuse the whole run, the server's clock from Date headers, and when a retry gets a new
// Repeatability-Request-ID.
#include "engine/request/run_refusal.hpp"
#include "engine/write/repeatable_write.hpp"
#include "engine/write/server_clock.hpp"
#include "io/http_date.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov;
using namespace acgprov::engine;
using namespace std::chrono_literals;

namespace {

io::http_response answer(int status, std::string body, io::header_list headers = {}) {
  io::http_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

const std::string api_404 = R"({"error":{"code":"NotFound","message":"The account nobody does not exist."}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(run_refusal_tests)

BOOST_AUTO_TEST_CASE(a_missing_role_refuses_the_run) {
  auto cause =
      run_refusal(answer(403, R"({"error":{"code":"Forbidden","message":"no Write"}})"), "POST", "/accounts/a");
  BOOST_TEST_REQUIRE(cause.has_value());
  BOOST_TEST(cause->find("403 Forbidden: no Write") != std::string::npos, *cause);
  BOOST_TEST(cause->find("role") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_404_that_is_not_the_apis_refuses_the_run) {
  auto html = answer(404, "<html>404</html>", {{"Content-Type", "text/html; charset=utf-8"}});
  auto cause = run_refusal(html, "GET", "/wrong/accounts/a");
  BOOST_TEST_REQUIRE(cause.has_value());
  BOOST_TEST(cause->find("HTTP 404 text/html") != std::string::npos, *cause);
  BOOST_TEST(cause->find("GET /wrong/accounts/a") != std::string::npos, *cause);
  BOOST_TEST(run_refusal(answer(404, ""), "DELETE", "/x").has_value());
  BOOST_TEST(run_refusal(answer(405, R"({"message":"no"})"), "PUT", "/x").has_value());
  // The API's own 404 is about the row.
  BOOST_TEST(!run_refusal(answer(404, api_404), "GET", "/accounts/nobody"));
  BOOST_TEST(!run_refusal(answer(404, "", {{"x-ms-error-code", "NotFound"}}), "DELETE", "/accounts/nobody"));
}

BOOST_AUTO_TEST_CASE(a_refused_api_version_or_repeatability_header_refuses_the_run) {
  auto version = answer(
      400, R"({"error":{"code":"UnsupportedApiVersion","message":"use 2024-02-29-preview","target":"api-version"}})");
  auto cause = run_refusal(version, "GET", "/accounts");
  BOOST_TEST_REQUIRE(cause.has_value());
  BOOST_TEST(cause->find("api-version") != std::string::npos);
  auto repeat = answer(400, R"({"error":{"code":"InvalidRequest","message":"bad First-Sent"}})",
                       {{"Repeatability-Result", "rejected"}});
  BOOST_TEST(run_refusal(repeat, "POST", "/accounts/a:createOrUpdateNumbers").has_value());
  // A 400 about the body is the row's; so are 409, 412 and 2xx.
  BOOST_TEST(!run_refusal(answer(400, R"({"error":{"code":"InvalidRequest","target":"numbers[3]"}})"), "POST", "/a"));
  BOOST_TEST(!run_refusal(answer(409, R"({"error":{"code":"NumberInUse"}})"), "PUT", "/a"));
  BOOST_TEST(!run_refusal(answer(412, R"({"error":{"code":"PreconditionFailed"}})"), "PUT", "/a"));
  BOOST_TEST(!run_refusal(answer(200, "{}"), "GET", "/a"));
}

BOOST_AUTO_TEST_CASE(imf_fixdate_round_trips_and_other_forms_are_refused) {
  auto t = std::chrono::sys_days{std::chrono::year{1994} / 11 / 6} + 8h + 49min + 37s;
  BOOST_TEST((io::parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT") == t));
  BOOST_TEST((io::parse_imf_fixdate(io::imf_fixdate(t)) == t));
  BOOST_TEST(!io::parse_imf_fixdate("Sunday, 06-Nov-94 08:49:37 GMT"));  // RFC 850
  BOOST_TEST(!io::parse_imf_fixdate("Sun Nov  6 08:49:37 1994"));        // asctime
  BOOST_TEST(!io::parse_imf_fixdate("Sun, 31 Feb 1994 08:49:37 GMT"));
  BOOST_TEST(!io::parse_imf_fixdate("Sun, 06 Nox 1994 08:49:37 GMT"));
  BOOST_TEST(!io::parse_imf_fixdate(""));
}

BOOST_AUTO_TEST_CASE(the_server_clock_follows_date_headers_and_warns_once) {
  server_clock clock;
  const auto local = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 12h;
  BOOST_TEST(!clock.observe(io::imf_fixdate(local + 1s), local));  // within agreement: no offset
  BOOST_TEST(clock.offset().count() == 0);
  BOOST_TEST(clock.observe(io::imf_fixdate(local + 900s), local));  // 15 minutes ahead: warn
  BOOST_TEST((clock.offset() > 899s && clock.offset() < 901s));
  BOOST_TEST((clock.now(local) - local > 899s));
  BOOST_TEST(!clock.observe(io::imf_fixdate(local - 900s), local));  // warned once per run
  BOOST_TEST((clock.offset() < -899s));
  BOOST_TEST(!clock.observe("not a date", local));
  BOOST_TEST((clock.offset() < -899s));  // unchanged by a Date it cannot read
}

BOOST_AUTO_TEST_CASE(a_retry_keeps_its_id_only_while_an_earlier_attempt_may_have_been_applied) {
  repeatable_write w;
  const auto t0 = std::chrono::steady_clock::now();
  const auto wall = std::chrono::system_clock::now();
  BOOST_TEST(w.needs_new_stamp(t0));
  w.restamp("id-1", t0, wall);
  BOOST_TEST(w.first_sent() == io::rfc3339_utc(wall));
  w.attempt_ended(false);  // 429: nothing applied
  BOOST_TEST(w.needs_new_stamp(t0 + 1s));
  w.restamp("id-2", t0 + 1s, wall + 1s);
  w.attempt_ended(true);  // a timeout: it may have been applied, the server's record must answer
  BOOST_TEST(!w.needs_new_stamp(t0 + 2s));
  w.attempt_ended(false);  // a 429 later does not undo that
  BOOST_TEST(!w.needs_new_stamp(t0 + 200s));
  BOOST_TEST(w.needs_new_stamp(t0 + 1s + repeatable_write::reuse_limit));  // too old to reuse
  w.server_rejected();  // 412 rejected: the server holds no record it would honour
  BOOST_TEST(w.needs_new_stamp(t0 + 3s));
  BOOST_TEST(w.id() == "id-2");
}

BOOST_AUTO_TEST_SUITE_END()
