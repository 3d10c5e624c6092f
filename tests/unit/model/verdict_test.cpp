// The verdict rules (model/verdict.hpp): a row's final outcome only from evidence about it.
#include "model/verdict.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov::model;

namespace {

write_evidence answered(int status, std::vector<api_error> errors = {}) {
  write_evidence e;
  e.http_status = status;
  e.attempts = 1;
  e.errors = std::move(errors);
  return e;
}

std::string first_code(const verdict& v) { return v.errors.empty() ? std::string() : v.errors.front().code; }

}  // namespace

BOOST_AUTO_TEST_SUITE(model_verdict_tests)

BOOST_AUTO_TEST_CASE(a_refused_write_ends_by_its_status) {
  BOOST_TEST((refused(answered(412, {{"PreconditionFailed", "etag", ""}})).outcome == outcome::conflict));
  BOOST_TEST((refused(answered(409, {{"NumberInUse", "in use", ""}})).outcome == outcome::rejected));
  BOOST_TEST(first_code(refused(answered(409, {{"NumberInUse", "in use", ""}}))) == "NumberInUse");
  BOOST_TEST((refused(answered(429)).outcome == outcome::error));  // throttling exhausted
  BOOST_TEST((refused(answered(408)).outcome == outcome::error));
  BOOST_TEST((refused(answered(503)).outcome == outcome::error));
}

BOOST_AUTO_TEST_CASE(no_answer_is_an_error_or_not_attempted) {
  write_evidence e;
  e.attempts = 2;
  e.timed_out = true;
  e.failure = "timed out";
  BOOST_TEST((refused(e).outcome == outcome::error));
  BOOST_TEST(first_code(refused(e)) == codes::timeout);
  e.timed_out = false;
  BOOST_TEST(first_code(refused(e)) == codes::transport_error);
  write_evidence never;
  never.aborted = true;
  BOOST_TEST((refused(never).outcome == outcome::skipped));
  BOOST_TEST(first_code(refused(never)) == codes::not_attempted);
}

BOOST_AUTO_TEST_CASE(a_refusal_of_the_run_never_ends_the_row_rejected) {
  auto e = answered(403, {{"Forbidden", "no role", ""}});
  e.run_level = true;
  BOOST_TEST((refused(e).outcome == outcome::error));
  BOOST_TEST(first_code(refused(e)) == codes::run_stopped);
  e.attempts = 0;
  BOOST_TEST((refused(e).outcome == outcome::skipped));
}

BOOST_AUTO_TEST_CASE(synced_only_when_an_answer_shows_it) {
  BOOST_TEST((sync_seen("synced", {}).outcome == outcome::synced));
  auto failed = sync_seen("failed", {{"InvalidRequest", "Usage", "oc"}});
  BOOST_TEST((failed.outcome == outcome::failed));
  BOOST_TEST(failed.errors.size() == 1u);
  BOOST_TEST(!sync_seen("pending", {}).final());
  // Statuses the contract does not have, or none at all: watched, never synced.
  for (const char* s : {"Synced", "provisioning", ""}) {
    auto v = sync_seen(s, {});
    BOOST_TEST(!v.final(), s);
    BOOST_TEST(first_code(v) == codes::unknown_status, s);
  }
}

BOOST_AUTO_TEST_CASE(an_accepted_write_whose_answer_cannot_be_read_is_watched) {
  auto v = accepted_unread();
  BOOST_TEST(!v.final());
  BOOST_TEST(v.sync_status == "pending");
}

BOOST_AUTO_TEST_CASE(a_watch_that_times_out_says_what_it_saw_last) {
  auto v = poll_expired("pending");
  BOOST_TEST((v.outcome == outcome::timeout));
  BOOST_TEST(v.errors.size() == 1u);
  auto odd = poll_expired("provisioning");
  BOOST_TEST((odd.outcome == outcome::timeout));
  BOOST_TEST_REQUIRE(odd.errors.size() == 2u);
  BOOST_TEST(odd.errors[1].code == codes::unknown_status);
}

BOOST_AUTO_TEST_CASE(a_number_gone_is_an_error_not_synced) {
  auto v = number_gone();
  BOOST_TEST((v.outcome == outcome::error));
  BOOST_TEST(first_code(v) == codes::not_found);
}

BOOST_AUTO_TEST_CASE(delete_answers_agree_in_single_and_batch_mode) {
  const std::string number = "+14255550100";
  BOOST_TEST((delete_answered(204, {}, number).outcome == outcome::deleted));
  BOOST_TEST((delete_answered(200, {}, number).outcome == outcome::deleted));
  // The API says the number is absent: the goal state holds.
  BOOST_TEST((delete_answered(404, {{"NotFound", "Number '+14255550100' was not found.", ""}}, number).outcome ==
              outcome::deleted));
  // The account is not found (perhaps a wrong name): no evidence that anything was deleted.
  auto account = delete_answered(404, {{"NotFound", "Account 'contsoo' was not found.", ""}}, number);
  BOOST_TEST((account.outcome == outcome::rejected));
  BOOST_TEST(first_code(account) == "NotFound");
  // Another number that merely starts the same is not this one.
  BOOST_TEST((delete_answered(404, {{"NotFound", "Number '+142555501001' was not found.", ""}}, number).outcome ==
              outcome::rejected));
  BOOST_TEST((delete_answered(409, {{"Conflict", "x", ""}}, number).outcome == outcome::rejected));
}

BOOST_AUTO_TEST_CASE(a_batch_refusal_naming_no_row_ends_only_a_batch_of_one) {
  auto e = answered(409, {{"NumberInUse", "one of them is in use", "numbers"}});
  BOOST_TEST((unnamed_in_batch(e, 1, false).outcome == outcome::rejected));
  BOOST_TEST((unnamed_in_batch(e, 1, true).outcome == outcome::rejected));
  auto stopping = unnamed_in_batch(e, 100, true);
  BOOST_TEST((stopping.outcome == outcome::error));
  BOOST_TEST(first_code(stopping) == codes::run_stopped);
  BOOST_TEST(stopping.errors.size() == 2u);  // the reason, then the API's error
  auto whole = unnamed_in_batch(e, 50, false);
  BOOST_TEST((whole.outcome == outcome::error));
  BOOST_TEST(first_code(whole) == codes::batch_refused);
  BOOST_TEST((item_refused(409, {{"NumberInUse", "+1 in use", "numbers[3]"}}).outcome == outcome::rejected));
}

BOOST_AUTO_TEST_CASE(the_breaker_trips_on_the_same_refusal_three_times_in_a_row) {
  refusal_breaker b;
  BOOST_TEST(!b.note_refusal(400, "InvalidRequest"));
  BOOST_TEST(!b.note_refusal(400, "InvalidRequest"));
  b.note_answer();  // an accepted batch ends the streak
  BOOST_TEST(!b.note_refusal(400, "InvalidRequest"));
  BOOST_TEST(!b.note_refusal(409, "Conflict"));  // a different refusal starts a new one
  BOOST_TEST(!b.note_refusal(409, "Conflict"));
  BOOST_TEST(b.note_refusal(409, "Conflict"));
  BOOST_TEST(b.streak() == 3u);
}

BOOST_AUTO_TEST_CASE(apply_keeps_the_status_unless_the_verdict_names_one) {
  report_row row;
  row.service_provisioning_status = "pending";
  apply(row, poll_expired("pending"));
  BOOST_TEST((row.outcome == outcome::timeout));
  BOOST_TEST(row.service_provisioning_status == "pending");
  apply(row, sync_seen("synced", {}));
  BOOST_TEST((row.outcome == outcome::synced));
  BOOST_TEST(row.errors.empty());
}

BOOST_AUTO_TEST_SUITE_END()
