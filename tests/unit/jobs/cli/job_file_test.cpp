// Job files (a TOML subset) and the command line main() prepares: the job file read, the
// logging flags taken, the environment over the job file, secrets refused. How a job file's
// keys meet the command line is in jobs_command_parse_test.cpp.
#include "jobs/cli/job_file.hpp"
#include "jobs/cli/command_line.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace acgprov;
using strings = std::vector<std::string>;

namespace {

std::map<std::string, std::string> job_file_env_vars;
const char* job_file_env(const char* name) {
  auto it = job_file_env_vars.find(name);
  return it == job_file_env_vars.end() ? nullptr : it->second.c_str();
}

std::string job_file_failure(const std::string& text) {
  return test::usage_message([&] { jobs::parse_job_file(text, "job.toml"); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job_file_tests)

BOOST_AUTO_TEST_CASE(every_value_kind) {
  auto job = jobs::parse_job_file(R"(# nightly
inputs = ["a.csv", 'b.ndjson',]   # two files
report = "/var/lib/acgprov/r.jsonl"
rate = 1.6
max_in_flight = 8
resume = true
dry-run = false
deadline = "06:00"
scope = "https://x/.default"
quote = "a \"b\" \\ \u00e9"
multi = [
  "x",  # a comment inside
  "y"
]
)",
                                  "job.toml");
  BOOST_TEST_REQUIRE(job.entries.size() == 10u);
  BOOST_TEST(job.entries[0].key == "inputs");
  BOOST_TEST((job.entries[0].values == strings{"a.csv", "b.ndjson"}));
  BOOST_TEST(job.entries[3].key == "max-in-flight");  // '_' reads as '-'
  BOOST_TEST(job.entries[3].values[0] == "8");
  BOOST_TEST(job.entries[4].kind == jobs::job_entry::boolean);
  BOOST_TEST(job.entries[4].truth);
  BOOST_TEST(job.entries[8].values[0] == "a \"b\" \\ \xC3\xA9");
  BOOST_TEST(job.entries[3].line == 5u);

  job_file_env_vars.clear();
  auto args = jobs::to_args(job, &job_file_env);
  BOOST_TEST((args.inputs == strings{"a.csv", "b.ndjson"}));
  BOOST_TEST((args.flags == strings{"--report", "/var/lib/acgprov/r.jsonl", "--rate", "1.6", "--max-in-flight", "8",
                                    "--resume", "--deadline", "06:00", "--scope", "https://x/.default", "--quote",
                                    "a \"b\" \\ \xC3\xA9", "--multi", "x", "--multi", "y"}));
}

BOOST_AUTO_TEST_CASE(mistakes_name_the_line) {
  BOOST_TEST(job_file_failure("report = r.jsonl\n").find("job.toml:1: 'r.jsonl' is not a value") == 0u,
             job_file_failure("report = r.jsonl\n"));
  BOOST_TEST(job_file_failure("\n\n[apply]\n").find("job.toml:3: tables") == 0u);
  BOOST_TEST(job_file_failure("a.b = 1\n").find("dotted keys") != std::string::npos);
  BOOST_TEST(job_file_failure("rate = 1\nrate = 2\n").find("job.toml:2: rate is set twice") == 0u);
  BOOST_TEST(job_file_failure("report = \"r.jsonl\n").find("never closes") != std::string::npos);
  BOOST_TEST(job_file_failure("inputs = [\"a\"\n").find("never closes") != std::string::npos);
  BOOST_TEST(job_file_failure("rate 1\n").find("expected '='") != std::string::npos);
  BOOST_TEST(job_file_failure("rate = 1 2\n").find("unexpected text") != std::string::npos);
  BOOST_TEST(job_file_failure("deadline = 06:00\n").find("is not a value") != std::string::npos);
  BOOST_TEST(job_file_failure("x = \"\"\"a\"\"\"\n").find("multi-line") != std::string::npos);
  BOOST_TEST(job_file_failure("job = \"other.toml\"\n").find("cannot name another job file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(secrets_are_refused) {
  for (const char* key : {"client-secret", "client_secret", "password", "token", "secret"}) {
    auto why = job_file_failure(std::string(key) + " = \"hunter2\"\n");
    BOOST_TEST(why.find("a secret may not be in a job file") != std::string::npos, why);
    BOOST_TEST(why.find("ACGPROV_CLIENT_SECRET") != std::string::npos);
    BOOST_TEST(why.find("hunter2") == std::string::npos);
  }
  BOOST_TEST(job_file_failure("client-secret-file = \"/etc/acgprov/secret\"\n").empty());
}

BOOST_AUTO_TEST_CASE(the_environment_beats_the_job_file) {
  auto job = jobs::parse_job_file(
      "endpoint = \"https://job\"\ntenant = \"t-job\"\nclient-id = \"c-job\"\nclient-secret-file = \"s\"\nrate = 2\n",
      "job.toml");
  job_file_env_vars = {{"ACGPROV_ENDPOINT", "https://env"}, {"ACGPROV_CLIENT_SECRET", "x"}};
  auto args = jobs::to_args(job, &job_file_env);
  BOOST_TEST((args.flags == strings{"--tenant", "t-job", "--client-id", "c-job", "--rate", "2"}));
  BOOST_TEST((args.keys_overridden_by_env == strings{"endpoint", "client-secret-file"}));
  job_file_env_vars.clear();
}

BOOST_AUTO_TEST_CASE(main_takes_the_job_file_and_the_logging_flags) {
  io_test::temp_dir dir;
  auto job = dir.write("nightly.toml", "inputs = [\"a.csv\"]\nrate = 2\nresume = true\nlog-format = \"json\"\n");
  job_file_env_vars.clear();
  auto c = jobs::prepare_command_line({"--rate", "5", "--job", job, "--verbose"}, &job_file_env);
  BOOST_TEST((c.args == strings{"--rate", "5"}));
  BOOST_TEST_REQUIRE(c.job.has_value());
  BOOST_TEST(c.verbose);
  BOOST_TEST((c.log_format == io::log::format::json));
  BOOST_TEST((c.job_inputs == strings{"a.csv"}));
  // Where run_outputs_in looks for --report, --summary and --metrics: the job's flags, then ours.
  BOOST_TEST((c.outputs_view == strings{"--rate", "2", "--resume", "--log-format", "json", "--rate", "5"}));

  auto check =
      jobs::prepare_command_line({"check", "--job=" + job, "--log-format", "text", "--", "--verbose"}, &job_file_env);
  BOOST_TEST((check.args == strings{"check", "--", "--verbose"}));  // `--` ends what main() takes
  BOOST_TEST((check.log_format == io::log::format::text));          // the command line wins
  BOOST_TEST(!check.verbose);

  BOOST_CHECK_THROW(jobs::prepare_command_line({"--job"}, &job_file_env), jobs::usage_error);
  BOOST_CHECK_THROW(jobs::prepare_command_line({"--job", job, "--job", job}, &job_file_env), jobs::usage_error);
  BOOST_CHECK_THROW(jobs::prepare_command_line({"--log-format", "xml"}, &job_file_env), jobs::usage_error);
  BOOST_CHECK_THROW(jobs::prepare_command_line({"--job", dir.path("missing.toml")}, &job_file_env), jobs::usage_error);
}

BOOST_AUTO_TEST_SUITE_END()
