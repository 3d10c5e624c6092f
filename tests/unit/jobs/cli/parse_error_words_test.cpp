// CLI11's parse errors in acgprov's words, from both parsers that use CLI11: a command's options
// (parse_apply_options) and the options every command takes (take_common_options).
#include "jobs/cli/parse_error_words.hpp"
#include "jobs/cli/apply_options.hpp"
#include "jobs/cli/common_options.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace acgprov;

namespace {
const char* no_environment(const char*) { return nullptr; }

}  // namespace

BOOST_AUTO_TEST_SUITE(parse_error_words_tests)

BOOST_AUTO_TEST_CASE(a_flag_without_its_value_and_a_switch_with_one) {
  const auto apply = [](std::vector<std::string> args) {
    return [args] { jobs::parse_apply_options(args, &no_environment); };
  };
  BOOST_TEST(test::usage_message(apply({"a.csv", "--dry-run", "--report"})) == "--report needs a value");
  BOOST_TEST(test::usage_message(apply({"a.csv", "--report", "r.jsonl", "--dry-run=yes"})) ==
             "--dry-run takes no value");
  const auto common = [](std::vector<std::string> args) { return [args] { jobs::take_common_options(args); }; };
  BOOST_TEST(test::usage_message(common({"apply", "--log-format"})) == "--log-format needs a value");
  BOOST_TEST(test::usage_message(common({"apply", "--verbose=yes"})) == "--verbose takes no value");
}

BOOST_AUTO_TEST_CASE(other_messages_pass_through) {
  BOOST_TEST(jobs::parse_error_words("The following arguments were not expected: --bogus") ==
             "The following arguments were not expected: --bogus");
  BOOST_TEST(jobs::parse_error_words("rate: was given a disallowed flag override") == "--rate takes no value");
}

BOOST_AUTO_TEST_SUITE_END()
