// watched_rows: a row comes back as it was added (from the temporary file, past the write
// buffer, or from memory when no temporary file can be made), a number held for two accounts
// keeps both rows, an ended row is gone, and a table shared with the duplicate check gets its
// first sightings back.
#include "engine/watch/watched_rows.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <optional>
#include <string>

using namespace acgprov;

namespace {
model::report_row watched_row(std::string account, std::string number, std::uint64_t line) {
  model::report_row r;
  r.file = "numbers.csv";
  r.line = line;
  r.action = line % 2 ? "delete" : "upsert";
  r.account_name = std::move(account);
  r.telephone_number = std::move(number);
  r.http_status = 202;
  r.attempts = 2;
  r.request_id = "req-" + std::to_string(line / 100);
  r.record = 1;
  r.record_digest = line * 7919;
  return r;
}

// Sets an environment variable for one scope.
class scoped_env {
public:
  scoped_env(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~scoped_env() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

private:
  const char* name_;
  std::optional<std::string> old_;
};

// Limits the size of files this process writes, for one scope (SIGXFSZ ignored meanwhile).
struct small_file_limit {
  explicit small_file_limit(rlim_t bytes) {
    if (::getrlimit(RLIMIT_FSIZE, &old) != 0) return;
    old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = bytes;
    set = ::setrlimit(RLIMIT_FSIZE, &small) == 0;
  }
  ~small_file_limit() {
    if (set) ::setrlimit(RLIMIT_FSIZE, &old);
    if (old_handler != SIG_ERR) std::signal(SIGXFSZ, old_handler);
  }
  small_file_limit(const small_file_limit&) = delete;
  small_file_limit& operator=(const small_file_limit&) = delete;
  rlimit old{};
  void (*old_handler)(int) = SIG_ERR;
  bool set = false;
};

void check_rows_come_back(engine::watched_rows& rows) {
  const auto now = engine::watched_rows::clock::now();
  constexpr std::uint64_t n = 5000;  // past the 1,024-record write buffer
  for (std::uint64_t i = 0; i < n; ++i)
    BOOST_TEST_REQUIRE(rows.add(watched_row("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i), i),
                                {}, nullptr, now, now));
  BOOST_TEST(rows.size() == n);
  for (std::uint64_t i = 0; i < n; i += 7) {
    const auto r = rows.find("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i));
    BOOST_TEST_REQUIRE(r.has_value());
    engine::watched_rows::clock::time_point started;
    const auto back = rows.report_row_of(*r, &started);
    const auto want = watched_row("acct" + std::to_string(i % 3), "+1425" + std::to_string(5000000 + i), i);
    BOOST_TEST(back.file == want.file);
    BOOST_TEST(back.line == want.line);
    BOOST_TEST(back.action == want.action);
    BOOST_TEST(back.account_name == want.account_name);
    BOOST_TEST(back.telephone_number == want.telephone_number);
    BOOST_TEST(back.http_status == want.http_status);
    BOOST_TEST(back.attempts == want.attempts);
    BOOST_TEST(back.request_id == want.request_id);
    BOOST_TEST(back.record_digest == want.record_digest);
    BOOST_TEST((started == now));
  }
  // Not held for another account.
  BOOST_TEST(!rows.find("acct1", "+14255000000").has_value());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(watched_rows_tests)

BOOST_AUTO_TEST_CASE(rows_come_back_as_added) {
  engine::watched_rows rows;
  check_rows_come_back(rows);
  BOOST_TEST(rows.spills());  // /tmp or $TMPDIR took the records here
}

BOOST_AUTO_TEST_CASE(without_a_temporary_file_the_rows_stay_in_memory) {
  scoped_env tmpdir("TMPDIR", "/nonexistent/acgprov-watch-test");
  engine::watched_rows rows;
  BOOST_TEST(!rows.spills());
  check_rows_come_back(rows);
}

BOOST_AUTO_TEST_CASE(when_the_temporary_file_cannot_grow_the_records_stay_in_memory) {
  // A file size limit of 200 KB stands in for a full disk: writes past it fail (EFBIG; the
  // signal that would end the process is ignored meanwhile). 5,000 records are 520 KB.
  small_file_limit limit(200 * 1024);
  BOOST_TEST_REQUIRE(limit.set);
  engine::watched_rows rows;
  BOOST_TEST(rows.spills());
  check_rows_come_back(rows);
  BOOST_TEST(!rows.spills());  // it stopped writing, and kept the rest in memory
}

BOOST_AUTO_TEST_CASE(a_number_in_two_accounts_keeps_both_rows_and_an_ended_row_is_gone) {
  engine::watched_rows rows;
  const auto now = engine::watched_rows::clock::now();
  BOOST_TEST(rows.add(watched_row("a", "+14255550100", 2), {}, nullptr, now, now));
  BOOST_TEST(rows.add(watched_row("b", "+14255550100", 3), {}, nullptr, now, now));
  BOOST_TEST(rows.add(watched_row("a", "not-e164", 4), {}, nullptr, now, now));
  BOOST_TEST(!rows.add(watched_row("a", "+14255550100", 5), {}, nullptr, now, now));  // replaced
  BOOST_TEST(rows.size() == 3u);
  BOOST_TEST(rows.report_row_of(*rows.find("a", "+14255550100"), nullptr).line == 5u);
  BOOST_TEST(rows.report_row_of(*rows.find("b", "+14255550100"), nullptr).line == 3u);
  BOOST_TEST(rows.report_row_of(*rows.find("a", "not-e164"), nullptr).telephone_number == "not-e164");
  auto st = rows.find("b", "+14255550100")->st;
  st.status = engine::watched_rows::sync_word::pending;
  st.unseen = true;
  rows.set_state(*rows.find("b", "+14255550100"), st);
  BOOST_TEST(rows.report_row_of(*rows.find("b", "+14255550100"), nullptr).service_provisioning_status == "pending");
  BOOST_TEST(rows.find("b", "+14255550100")->st.unseen);
  rows.erase(*rows.find("b", "+14255550100"));
  BOOST_TEST(!rows.find("b", "+14255550100").has_value());
  BOOST_TEST(rows.find("a", "+14255550100").has_value());
  BOOST_TEST(rows.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_shared_table_gets_the_first_sightings_back_when_rows_end) {
  engine::run_numbers numbers;
  const auto key_of = [](const char* n) { return *engine::number_index::key_of(n); };
  // The duplicate check saw two numbers (file 3, lines 10 and 11) before they were written.
  numbers.index.insert(key_of("+14255550100"), 3, 10);
  numbers.index.insert(key_of("+14255550101"), 3, 11);
  const auto now = engine::watched_rows::clock::now();
  {
    engine::watched_rows rows(&numbers);
    BOOST_TEST(rows.add(watched_row("a", "+14255550100", 10), {}, nullptr, now, now));
    BOOST_TEST(rows.add(watched_row("a", "+14255550101", 11), {}, nullptr, now, now));
    BOOST_TEST(rows.add(watched_row("a", "+14255550102", 12), {}, nullptr, now, now));  // not seen first
    BOOST_TEST(numbers.index.size() == 3u);  // one entry a number, not one each
    BOOST_TEST(rows.size() == 3u);
    // The entries are the watch's now; the first sightings wait with its rows.
    BOOST_TEST(numbers.index.find(key_of("+14255550100"))->tag >= engine::run_numbers::watched_tag);
    BOOST_TEST_REQUIRE(static_cast<bool>(numbers.watched_sighting));
    const auto id = numbers.index.find(key_of("+14255550100"))->value;
    const auto kept = numbers.watched_sighting(id, {5, 99});
    BOOST_TEST_REQUIRE(kept.has_value());
    BOOST_TEST(kept->file == 3u);
    BOOST_TEST(kept->line == 10u);
    // A row the watch took first: the input's sighting is kept with it.
    const auto later = numbers.index.find(key_of("+14255550102"))->value;
    BOOST_TEST(!numbers.watched_sighting(later, {4, 20}).has_value());
    BOOST_TEST(numbers.watched_sighting(later, {5, 99})->line == 20u);
    // A round sees only the watch's rows, and its state changes stay the watch's.
    std::size_t seen = 0;
    rows.for_each([&](engine::watched_rows::row& r) {
      ++seen;
      r.st.listed = true;
    });
    BOOST_TEST(seen == 3u);
    BOOST_TEST(rows.find("a", "+14255550101")->st.listed);

    rows.erase(*rows.find("a", "+14255550100"));
    const auto back = numbers.index.find(key_of("+14255550100"));
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->tag == 3u);
    BOOST_TEST(back->value == 10u);
    BOOST_TEST(!rows.find("a", "+14255550100").has_value());
    BOOST_TEST(rows.size() == 2u);
  }
  // The watch is gone: the rows it still held gave their entries back.
  BOOST_TEST(!static_cast<bool>(numbers.watched_sighting));
  BOOST_TEST(numbers.index.size() == 3u);
  BOOST_TEST(numbers.index.find(key_of("+14255550101"))->tag == 3u);
  BOOST_TEST(numbers.index.find(key_of("+14255550101"))->value == 11u);
  BOOST_TEST(numbers.index.find(key_of("+14255550102"))->tag == 4u);
  BOOST_TEST(numbers.index.find(key_of("+14255550102"))->value == 20u);
}

BOOST_AUTO_TEST_SUITE_END()
