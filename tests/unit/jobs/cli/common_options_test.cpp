// The options main() takes from every command's arguments (--job, --log-format, --verbose),
// as the option table declares them: what stays for the command, in order, and the refusals
// that name the flag. Through prepare_command_line, the interface main() uses.
#include "jobs/cli/command_line.hpp"
#include "tests/unit/jobs/cli/no_env.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov;
using acgprov::test::no_env;
using strings = std::vector<std::string>;

namespace {

std::string refusal(const strings& args) {
  return test::usage_message([&] { jobs::prepare_command_line(args, &no_env); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(common_options)

BOOST_AUTO_TEST_CASE(the_rest_stays_in_order_for_the_command) {
  auto c = jobs::prepare_command_line(
      {"apply", "--verbose", "-o", "x.csv", "--rate=5", "--log-format=json", "in.csv", "", "--", "--verbose"}, &no_env);
  BOOST_TEST((c.args == strings{"apply", "-o", "x.csv", "--rate=5", "in.csv", "", "--", "--verbose"}));
  BOOST_TEST(c.verbose);
  BOOST_TEST((c.log_format == io::log::format::json));
}

BOOST_AUTO_TEST_CASE(the_last_occurrence_wins) {
  BOOST_TEST(!jobs::prepare_command_line({"--verbose", "--no-verbose"}, &no_env).verbose);
  BOOST_TEST(jobs::prepare_command_line({"--no-verbose", "--verbose"}, &no_env).verbose);
  // Only the value kept is checked, as always.
  auto c = jobs::prepare_command_line({"--log-format", "xml", "--log-format", "text"}, &no_env);
  BOOST_TEST((c.log_format == io::log::format::text));
  BOOST_TEST((c.log_formats_given == strings{"xml", "text"}));  // main() warns of the repeat
}

BOOST_AUTO_TEST_CASE(refusals_name_the_flag) {
  BOOST_TEST(refusal({"--log-format", "xml"}) == "--log-format wants text or json, not 'xml'");
  BOOST_TEST(refusal({"--log-format"}).find("--log-format") != std::string::npos);
  BOOST_TEST(refusal({"--job"}).find("--job") != std::string::npos);
  BOOST_TEST(refusal({"--job=", "x.csv"}).find("--job") != std::string::npos);  // not x.csv as the job file
  BOOST_TEST(refusal({"--job", "a.toml", "--job", "b.toml"}) == "--job is given twice: give it once");
  BOOST_TEST(refusal({"--verbose=yes"}).find("--verbose") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
