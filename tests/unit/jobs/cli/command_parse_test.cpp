// The command line against the option table (issue 13): a job file's keys fill in what the
// command line left out, `key = false` is the switch's opposite, the command line wins, a
// repeated option, an unknown one or a key no option has is a usage error naming it.
#include "jobs/cli/command_parse.hpp"
#include "jobs/cli/apply_options.hpp"
#include "tests/unit/jobs/cli/no_env.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

using namespace acgprov;
using acgprov::test::no_env;
using strings = std::vector<std::string>;

namespace {

jobs::parsed_command parse(const strings& args, const std::string& job_text = "") {
  const auto* apply = jobs::find_command("apply");
  BOOST_TEST_REQUIRE(apply != nullptr);
  if (job_text.empty()) return jobs::parse_command(*apply, args, nullptr, &no_env);
  const auto job = jobs::parse_job_file(job_text, "job.toml");
  return jobs::parse_command(*apply, args, &job, &no_env);
}

strings flags(const jobs::parsed_command& p) {
  strings out;
  for (const auto& o : p.options) out.push_back(o.value.empty() ? o.flag : o.flag + "=" + o.value);
  return out;
}

std::string failure(const strings& args, const std::string& job_text = "") {
  return test::usage_message([&] { parse(args, job_text); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs_command_parse)

BOOST_AUTO_TEST_CASE(options_in_order_and_positionals) {
  auto p = parse({"a.csv", "--report", "r.jsonl", "--rate=2", "--no-plan", "b.csv"});
  BOOST_TEST((flags(p) == strings{"--report=r.jsonl", "--rate=2", "--no-plan"}));
  BOOST_TEST((p.positional == strings{"a.csv", "b.csv"}));
  auto dashed = parse({"--report", "r.jsonl", "--", "-weird.csv", "--rate"});
  BOOST_TEST((dashed.positional == strings{"-weird.csv", "--rate"}));
  BOOST_TEST((parse({"-", "--format", "csv"}).positional == strings{"-"}));
}

BOOST_AUTO_TEST_CASE(usage_errors_name_the_flag) {
  BOOST_TEST((flags(parse({"--report", "a", "--report=b", "--resume", "--no-resume"})) ==
              strings{"--report=a", "--report=b", "--resume", "--no-resume"}));  // the last wins
  BOOST_TEST(failure({"--frobnicate"}) == "unknown option --frobnicate");
  BOOST_TEST(failure({"--frobnicate=1"}) == "unknown option --frobnicate");
  BOOST_TEST(failure({"--report"}).find("--report") != std::string::npos);
  BOOST_TEST(failure({"--dry-run=yes"}).find("--dry-run") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_job_file_fills_in_and_the_command_line_wins) {
  const std::string job = "inputs = [\"j.csv\"]\nreport = \"j.jsonl\"\nresume = true\npreflight = false\nrate = 2\n";
  auto p = parse({"--no-resume", "--rate", "5"}, job);
  BOOST_TEST((flags(p) == strings{"--report=j.jsonl", "--no-preflight", "--no-resume", "--rate=5"}));
  BOOST_TEST((p.positional == strings{"j.csv"}));
  BOOST_TEST((parse({"c.csv"}, job).positional == strings{"c.csv"}));  // inputs named here replace the file's

  // The options the parsed command line stands for.
  auto o = jobs::apply_options_from(parse({"--dry-run"}, job), &no_env);
  BOOST_TEST(o.schedule.resume);
  BOOST_TEST(!o.preflight);
  auto over = jobs::apply_options_from(parse({"--dry-run", "--no-resume", "--preflight"}, job), &no_env);
  BOOST_TEST(!over.schedule.resume);
  BOOST_TEST(over.preflight);
  // `no-plan = false` is --plan; `plan = false` is --no-plan.
  BOOST_TEST((flags(parse({}, "no-plan = false\n")) == strings{"--plan"}));
  BOOST_TEST((flags(parse({}, "plan = false\n")) == strings{"--no-plan"}));
}

BOOST_AUTO_TEST_CASE(refused_keys_name_the_file_and_line) {
  BOOST_TEST(failure({}, "rate = 2\nfrobnicate = 1\n") == "job.toml:2: frobnicate is not an option of acgprov apply");
  BOOST_TEST(failure({}, "resume = 1\n").rfind("job.toml:1: resume is a switch", 0) == 0u);
  BOOST_TEST(failure({}, "report = true\n").rfind("job.toml:1: report wants a value", 0) == 0u);
  BOOST_TEST(failure({}, "report = [\"a\", \"b\"]\n").rfind("job.toml:1: report takes one value", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
