// The command line's interface, pinned from README.md (issue 13): every flag the README names
// is accepted by its command and shown in its --help; usage errors exit 2 on stderr naming the
// flag; flags > environment > job file; the exit codes and the report's columns. Then the
// behaviour issue 13 adds: negatable booleans that win over a job file, `key = false`, `--`,
// --version on every command, the man page and the completions.
#include "tests/e2e/e2e_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

process_result cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv{ACGPROV_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env, std::chrono::seconds(120));
}

std::string source_file(const std::string& relative) {
  return read_file(std::string(ACGPROV_SOURCE_DIR) + "/" + relative);
}

// The `--flags` inside code spans of the README's sections whose heading matches `heading`
// (up to the next heading of the same level).
std::set<std::string> readme_flags(const std::string& level, const std::regex& heading) {
  std::istringstream in(source_file("README.md"));
  std::set<std::string> out;
  bool on = false;
  static const std::regex span("`([^`]*)`");
  static const std::regex flag(R"((^|[\s(\[])(--[a-z][a-z-]*[a-z])(?![a-z.-]))");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(level + " ", 0) == 0) on = std::regex_search(line, heading);
    if (!on) continue;
    for (std::sregex_iterator s(line.begin(), line.end(), span), end; s != end; ++s) {
      const std::string code = (*s)[1];
      for (std::sregex_iterator f(code.begin(), code.end(), flag); f != end; ++f) out.insert((*f)[2]);
    }
  }
  // Not acgprov's own flags (cmake's, a placeholder), or refused by design (tested below).
  for (const char* other :
       {"--install", "--build", "--target", "--key", "--flag", "--client-secret", "--help", "--version"})
    out.erase(other);
  return out;
}

// A valid value for each flag that takes one; a flag not named here is given alone.
std::vector<std::string> flag_with_value(const std::string& flag, const temp_dir& dir) {
  static const std::map<std::string, std::string> values{{"--endpoint", "https://127.0.0.1:9"},
                                                         {"--tenant", "t"},
                                                         {"--client-id", "c"},
                                                         {"--credential", "auto"},
                                                         {"--authority", "https://127.0.0.1:9"},
                                                         {"--scope", "s"},
                                                         {"--ca-file", "ca.pem"},
                                                         {"--report", "r.jsonl"},
                                                         {"--rate", "2"},
                                                         {"--burst", "2"},
                                                         {"--max-in-flight", "4"},
                                                         {"--max-pending", "1000"},
                                                         {"--poll-interval", "1"},
                                                         {"--poll-timeout", "5"},
                                                         {"--write-mode", "single"},
                                                         {"--grace", "1"},
                                                         {"--deadline", "90m"},
                                                         {"--log-format", "text"},
                                                         {"--client-secret-file", "s.txt"},
                                                         {"--client-certificate-file", "c.pem"},
                                                         {"--client-key-file", "k.pem"},
                                                         {"--managed-identity-client-id", "m"},
                                                         {"--format", "csv"},
                                                         {"--summary", "s.json"},
                                                         {"--metrics", "m.prom"},
                                                         {"--max-deletes", "5"},
                                                         {"--connect-timeout", "1"},
                                                         {"--request-timeout", "1"},
                                                         {"--proxy", ""},
                                                         {"--no-proxy", "localhost"},
                                                         {"--output", "o.csv"},
                                                         {"--account", "contoso"},
                                                         {"--status", "active"},
                                                         {"--on-conflict", "report"},
                                                         {"--api-version", "2024-02-29-preview"}};
  if (flag == "--job") {
    write_file(dir.file("empty.toml"), "# nothing\n");
    return {flag, dir.file("empty.toml")};
  }
  // Files a run writes on every exit, even with --help: in the test's folder.
  if (flag == "--report" || flag == "--summary" || flag == "--metrics" || flag == "--output")
    return {flag, dir.file(values.at(flag))};
  if (auto v = values.find(flag); v != values.end()) return {flag, v->second};
  return {flag};
}

// Every flag in `flags` is accepted by `command` (with --help: nothing runs) and named in its --help.
void check_command_flags(const std::vector<std::string>& command, const std::set<std::string>& flags) {
  temp_dir dir;
  auto args = command;
  args.push_back("--help");
  const auto help = cli(args);
  BOOST_TEST_REQUIRE(help.exit_code == 0, help.err);
  for (const auto& flag : flags) {
    BOOST_TEST_CONTEXT(command.front() << " " << flag) {
      auto with = command;
      for (auto& a : flag_with_value(flag, dir)) with.push_back(a);
      with.push_back("--help");
      const auto r = cli(with);
      BOOST_TEST(r.exit_code == 0, r.err);
      BOOST_TEST(r.err.find("unknown option") == std::string::npos, r.err);
      BOOST_TEST(std::regex_search(help.out, std::regex("(^|[^a-z-])" + flag + "([^a-z-]|$)")),
                 "--help misses " << flag);
    }
  }
}

void check_usage_error(const std::vector<std::string>& args, const std::string& named,
                       const std::map<std::string, std::string>& env = {}) {
  BOOST_TEST_CONTEXT(args.front() << " ... naming " << named) {
    const auto r = cli(args, env);
    BOOST_TEST(r.exit_code == 2, r.out << r.err);
    BOOST_TEST(r.err.find(named) != std::string::npos, r.err);
    BOOST_TEST(r.out.empty(), r.out);
  }
}

const char* const numbers_header = "accountName,telephoneNumber,services,action\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_interface_e2e)

BOOST_AUTO_TEST_CASE(every_apply_flag_in_the_readme_is_accepted_and_in_its_help) {
  auto flags = readme_flags("##", std::regex("Running a job|Credentials|Scheduled runs|How a run spends|Proxies"));
  BOOST_TEST_REQUIRE(flags.size() > 30u);
  check_command_flags({"apply"}, flags);
}

BOOST_AUTO_TEST_CASE(every_flag_of_the_other_commands_in_the_readme_is_accepted_and_in_its_help) {
  // "Options as `acgprov apply` (connection, `--rate`, ...), plus `--if-absent` and `--on-conflict`"
  auto accounts = readme_flags("###", std::regex("acgprov accounts apply"));
  BOOST_TEST_REQUIRE(accounts.count("--on-conflict") == 1u);
  check_command_flags({"accounts", "apply"}, accounts);
  accounts.erase("--if-absent");
  accounts.erase("--on-conflict");
  check_command_flags({"rfi", "update"}, accounts);
  const auto exports = readme_flags("###", std::regex("Exports"));
  const std::set<std::string> connection{"--endpoint", "--tenant",        "--client-id",
                                         "--rate",     "--max-in-flight", "--ca-file"};
  auto with = [&](std::set<std::string> own) {
    own.insert(connection.begin(), connection.end());
    return own;
  };
  check_command_flags({"accounts", "export"}, with({"--output", "--format"}));
  check_command_flags({"numbers", "export"}, with({"--output", "--format", "--account"}));
  check_command_flags({"civic-addresses", "export"}, with({"--output", "--format", "--account"}));
  auto rfi = exports;
  rfi.erase("--account");
  check_command_flags({"rfi", "list"}, with(rfi));
  check_command_flags({"config", "check"}, connection);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_on_stderr_naming_the_flag) {
  temp_dir dir;
  const std::string in = dir.file("n.csv");
  write_file(in, numbers_header);
  const std::string report = dir.file("r.jsonl");
  check_usage_error({"apply", in}, "--report");
  check_usage_error({"apply", in, "--report", report, "--write-mode", "fast"}, "--write-mode");
  check_usage_error({"apply", in, "--report", report, "--rate", "0"}, "--rate");
  check_usage_error({"apply", in, "--report", report, "--max-in-flight", "0"}, "--max-in-flight");
  check_usage_error({"apply", in, "--report", report, "--deadline", "tomorrow"}, "--deadline");
  check_usage_error({"apply", in, "--report", report, "--client-secret", "hunter2"}, "--client-secret");
  check_usage_error({"apply", in, "--report", report, "--log-format", "xml"}, "--log-format");
  check_usage_error({"apply", in, "--report", report, "--max-deletes", "5"}, "--max-deletes");
  check_usage_error({"apply", in, "--report", report, "--prune", "--no-plan"}, "--prune");
  check_usage_error({"apply", "-", "--report", report}, "--format");
  check_usage_error({"apply", in, "--report", report, "--frobnicate"}, "--frobnicate");
  check_usage_error({"apply", in, "--report"}, "--report");
  check_usage_error({"apply", in, "--report", report, "--dry-run=yes"}, "--dry-run");
  check_usage_error({"apply", in, "--report", report, "--endpoint", "https://127.0.0.1:9"}, "--tenant",
                    {{"ACGPROV_CLIENT_SECRET", "s"}});
  check_usage_error({"accounts", "apply", in, "--report", report, "--on-conflict", "x"}, "--on-conflict");
  check_usage_error({"numbers", "export"}, "--output");
  check_usage_error({"rfi", "list", "--output", "-"}, "--format");
}

BOOST_AUTO_TEST_CASE(a_command_line_without_a_command_is_a_usage_error_on_stderr) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {}, {"frobnicate"}, {"accounts"}, {"accounts", "frobnicate"}, {"config"}}) {
    BOOST_TEST_CONTEXT(args.size()) {
      const auto r = cli(args);
      BOOST_TEST(r.exit_code == 2);
      BOOST_TEST(!r.err.empty());
      BOOST_TEST(r.out.empty(), r.out);
    }
  }
  const auto help = cli({"--help"});
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(help.out.find("exit codes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_dry_run_writes_the_report_columns_and_exits_0) {
  temp_dir dir;
  const std::string in = dir.file("n.csv");
  write_file(in, std::string(numbers_header) + "contoso,+14255550100,teamsDirectRouting,\n");
  const auto r = cli({"apply", in, "--report", dir.file("r.jsonl"), "--dry-run"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  const auto rows = read_report(dir.file("r.jsonl"));
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  for (const char* column :
       {"file", "line", "action", "accountName", "telephoneNumber", "outcome", "httpStatus",
        "serviceProvisioningStatus", "errors", "attempts", "elapsedMs", "requestId", "record", "recordDigest"})
    BOOST_TEST(rows[0].contains(column), column);
  BOOST_TEST(str(rows[0], "outcome") == "planned");
}

// config check prints the endpoint it chose before it talks to anyone; every address here is
// a closed port on 127.0.0.1, so the check then fails (exit 3) without leaving the machine.
BOOST_AUTO_TEST_CASE(flags_win_over_the_environment_which_wins_over_the_job_file) {
  temp_dir dir;
  const std::string job = dir.file("job.toml");
  write_file(job,
             "endpoint = \"https://127.0.0.1:1\"\ntenant = \"job-tenant\"\nclient-id = \"c\"\n"
             "authority = \"https://127.0.0.1:4\"\nconnect-timeout = 1\nrequest-timeout = 1\n");
  const std::map<std::string, std::string> env{{"ACGPROV_CLIENT_SECRET", "s"},
                                               {"ACGPROV_ENDPOINT", "https://127.0.0.1:2"}};
  const auto job_only = cli({"config", "check", "--job", job}, {{"ACGPROV_CLIENT_SECRET", "s"}});
  BOOST_TEST(job_only.out.find("endpoint https://127.0.0.1:1,") != std::string::npos, job_only.out << job_only.err);
  BOOST_TEST(job_only.out.find("tenant job-tenant") != std::string::npos, job_only.out);
  const auto env_over_job = cli({"config", "check", "--job", job}, env);
  BOOST_TEST(env_over_job.out.find("endpoint https://127.0.0.1:2,") != std::string::npos,
             env_over_job.out << env_over_job.err);
  const auto flag_over_env =
      cli({"config", "check", "--job", job, "--endpoint", "https://127.0.0.1:3", "--tenant", "t2"}, env);
  BOOST_TEST(flag_over_env.out.find("endpoint https://127.0.0.1:3, tenant t2,") != std::string::npos,
             flag_over_env.out << flag_over_env.err);
  BOOST_TEST(flag_over_env.exit_code == 3, flag_over_env.err);
}

// ---- what issue 13 adds --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_resume_on_the_command_line_wins_over_resume_true_in_the_job_file) {
  temp_dir dir;
  const std::string in = dir.file("n.csv");
  write_file(in, numbers_header);
  const std::string job = dir.file("job.toml");
  write_file(job, "inputs = [\"" + in + "\"]\nreport = \"" + dir.file("r.jsonl") +
                      "\"\nresume = true\n"
                      "endpoint = \"https://127.0.0.1:1\"\ntenant = \"t\"\nclient-id = \"c\"\n"
                      "authority = \"https://127.0.0.1:4\"\nconnect-timeout = 1\nrequest-timeout = 1\n");
  const std::map<std::string, std::string> env{{"ACGPROV_CLIENT_SECRET", "s"}};
  const auto resumed = cli({"config", "check", "--job", job}, env);
  BOOST_TEST(resumed.out.find("ok: --resume") != std::string::npos, resumed.out << resumed.err);
  const auto fresh = cli({"config", "check", "--job", job, "--no-resume"}, env);
  BOOST_TEST(fresh.err.find("unknown option") == std::string::npos, fresh.err);
  BOOST_TEST(fresh.out.find("ok: report") != std::string::npos, fresh.out << fresh.err);
  BOOST_TEST(fresh.out.find("ok: --resume") == std::string::npos, fresh.out);
}

BOOST_AUTO_TEST_CASE(key_false_in_a_job_file_turns_the_flag_off) {
  e2e_fixture f;
  // No account "nobody": the preflight refuses the row (`invalid`), unsent; without it the row is sent.
  const std::string in = f.write("n.csv", std::string(numbers_header) + "nobody,+14255570001,teamsDirectRouting,\n");
  auto run = [&](const std::vector<std::string>& job, const std::string& report) {
    std::vector<std::string> cmd{"apply"};
    cmd.insert(cmd.end(), job.begin(), job.end());
    cmd.push_back(in);
    cmd.push_back("--report");
    cmd.push_back(f.dir.file(report));
    for (const auto& a : f.connection_args()) cmd.push_back(a);
    const auto r = f.run(cmd);
    BOOST_TEST(r.exit_code != 2, r.err);
    const auto rows = read_report(f.dir.file(report));
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    return str(rows[0], "outcome");
  };
  BOOST_TEST(run({}, "default.jsonl") == "invalid");
  BOOST_TEST(run({"--job", f.write("job.toml", "preflight = false\n")}, "off.jsonl") != "invalid",
             "preflight = false left the preflight on");
  BOOST_TEST(f.api_writes() >= 1u);
}

BOOST_AUTO_TEST_CASE(double_dash_ends_the_options) {
  temp_dir dir;
  const std::string weird = "-weird-file.csv";
  write_file(dir.file(weird), std::string(numbers_header) + "contoso,+14255550100,teamsDirectRouting,\n");
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", "--report", "r.jsonl", "--dry-run", "--", weird};
  // Relative names: run in the folder, through env -C (no shell).
  argv.insert(argv.begin(), {"/usr/bin/env", "-C", dir.path()});
  const auto r = run_process(argv, {}, std::chrono::seconds(120));
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  const auto rows = read_report(dir.file("r.jsonl"));
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(str(rows[0], "file") == weird);
}

BOOST_AUTO_TEST_CASE(version_on_every_command) {
  const auto top = cli({"--version"});
  BOOST_TEST_REQUIRE(top.exit_code == 0);
  BOOST_TEST_REQUIRE(top.out.rfind("acgprov ", 0) == 0u);
  for (const std::vector<std::string>& words : std::vector<std::vector<std::string>>{{"apply"},
                                                                                     {"accounts"},
                                                                                     {"accounts", "apply"},
                                                                                     {"accounts", "export"},
                                                                                     {"numbers", "export"},
                                                                                     {"civic-addresses", "export"},
                                                                                     {"rfi", "list"},
                                                                                     {"rfi", "update"},
                                                                                     {"config", "check"}}) {
    BOOST_TEST_CONTEXT(words.back()) {
      auto args = words;
      args.push_back("--version");
      const auto r = cli(args);
      BOOST_TEST(r.exit_code == 0, r.err);
      BOOST_TEST(r.out == top.out);
    }
  }
}

BOOST_AUTO_TEST_CASE(negatable_booleans_are_accepted) {
  temp_dir dir;
  const std::string in = dir.file("n.csv");
  write_file(in, std::string(numbers_header) + "contoso,+14255550100,teamsDirectRouting,\n");
  for (const char* flag : {"--resume", "--no-resume", "--plan", "--no-plan", "--preflight", "--no-preflight", "--prune",
                           "--no-prune", "--progress", "--no-progress", "--dry-run", "--if-absent", "--no-if-absent",
                           "--adaptive", "--no-adaptive", "--verbose", "--no-verbose"}) {
    BOOST_TEST_CONTEXT(flag) {
      const auto r = cli({"apply", in, "--report", dir.file("r.jsonl"), flag, "--help"});
      BOOST_TEST(r.exit_code == 0, r.err);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_man_page_documents_every_command_and_apply_option) {
  const std::string man = source_file("docs/man/acgprov.1");
  auto roff = [](const std::string& text) {  // roff writes '-' as '\-'
    std::string escaped;
    for (char c : text) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
    return escaped;
  };
  for (const char* command : {"apply", "accounts apply", "accounts export", "numbers export", "civic-addresses export",
                              "rfi list", "rfi update", "config check"})
    BOOST_TEST(man.find("acgprov " + roff(command)) != std::string::npos, command);
  auto flags = readme_flags("##", std::regex("Running a job|Credentials|Scheduled runs|How a run spends|Proxies"));
  for (const auto& flag : flags) BOOST_TEST(man.find(roff(flag)) != std::string::npos, flag);
  BOOST_TEST(man.find("ACGPROV_CLIENT_SECRET") != std::string::npos);
  BOOST_TEST(man.find("EXIT STATUS") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bash_completion_completes_commands_and_options) {
  const std::string script = std::string(ACGPROV_SOURCE_DIR) + "/completions/acgprov.bash";
  auto complete = [&](const std::string& words, int cword) {
    const std::string code = "source '" + script + "'; COMP_WORDS=(" + words +
                             "); COMP_CWORD=" + std::to_string(cword) +
                             "; COMP_LINE=\"${COMP_WORDS[*]}\"; _acgprov; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return run_process({"/bin/bash", "--norc", "-c", code});
  };
  const auto commands = complete("acgprov ''", 1);
  BOOST_TEST_REQUIRE(commands.exit_code == 0, commands.err);
  for (const char* c : {"apply\n", "accounts\n", "numbers\n", "civic-addresses\n", "rfi\n", "config\n"})
    BOOST_TEST(commands.out.find(c) != std::string::npos, c);
  const auto sub = complete("acgprov accounts ''", 2);
  BOOST_TEST(sub.out == "apply\nexport\n");
  const auto options = complete("acgprov apply --max", 2);
  BOOST_TEST(options.out.find("--max-in-flight\n") != std::string::npos, options.out);
  BOOST_TEST(options.out.find("--max-deletes\n") != std::string::npos, options.out);
  const auto negated = complete("acgprov apply --no-pr", 2);
  BOOST_TEST(negated.out.find("--no-preflight\n") != std::string::npos, negated.out);
  BOOST_TEST(negated.out.find("--no-prune\n") != std::string::npos, negated.out);
  const auto choice = complete("acgprov apply --write-mode ''", 3);
  BOOST_TEST(choice.out == "batch\nsingle\n");
}

// A value option given twice: the last value wins (README), with one warning per option on stderr
// naming it, the value kept and the value dropped; values that may be secret never shown; stdout
// and the exit code as without the repeat. A job file's key given again on the command line is no
// repeat (the command line wins, silently).
BOOST_AUTO_TEST_CASE(a_repeated_flag_warns_on_stderr_and_the_last_value_wins) {
  temp_dir dir;
  const std::string in = dir.file("n.csv");
  write_file(in, std::string(numbers_header) + "contoso,+14255550100,teamsDirectRouting,\n");
  const std::string first = dir.file("first.jsonl"), last = dir.file("last.jsonl");
  const auto r = cli({"apply",
                      in,
                      "--log-format",
                      "text",
                      "--dry-run",
                      "--report",
                      first,
                      "--report",
                      last,
                      "--rate",
                      "100",
                      "--rate=8",
                      "--endpoint",
                      "https://u:hunter2@127.0.0.1:1",
                      "--endpoint",
                      "https://127.0.0.1:2",
                      "--proxy",
                      "http://127.0.0.1:3128",
                      "--proxy",
                      "",
                      "--client-secret-file",
                      dir.file("secret-a"),
                      "--client-secret-file",
                      dir.file("secret-b")});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("--report given twice; using " + last + " (not " + first + ")") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("--rate given twice; using 8 (not 100)") != std::string::npos, r.err);
  const std::string endpoint = "--endpoint given twice; using https://127.0.0.1:2 (not https://***@127.0.0.1:1)";
  BOOST_TEST(r.err.find(endpoint) != std::string::npos, r.err);
  BOOST_TEST(r.err.find("--proxy given twice; using '' (not http://127.0.0.1:3128)") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("--client-secret-file given twice") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("hunter2") == std::string::npos, r.err);
  BOOST_TEST(r.err.find("secret-a") == std::string::npos, r.err);
  BOOST_TEST(r.err.find("secret-b") == std::string::npos, r.err);
  BOOST_TEST(r.out.find("given twice") == std::string::npos, r.out);
  BOOST_TEST(r.out.find("plan: 1 rows to send") != std::string::npos, r.out);
  BOOST_TEST(read_report(last).size() == 1u);
  BOOST_TEST(!std::filesystem::exists(first));

  // A usage error still exits 2, after the warning (every value is checked: a proxy URL with a
  // password is refused even when given first), and the password shows nowhere.
  const auto proxy = cli({"apply", in, "--log-format", "text", "--dry-run", "--report", last, "--proxy",
                          "http://u:hunter2@127.0.0.1:3128", "--proxy", ""});
  BOOST_TEST(proxy.exit_code == 2, proxy.err);
  const std::string proxy_warning = "--proxy given twice; using '' (not http://***@127.0.0.1:3128)";
  BOOST_TEST(proxy.err.find(proxy_warning) != std::string::npos, proxy.err);
  BOOST_TEST(proxy.err.find("hunter2") == std::string::npos, proxy.err);

  // Nor does a usage error change the exit code.
  const auto refused = cli({"apply", in, "--log-format", "text", "--rate", "1", "--rate", "2", "--dry-run"});
  BOOST_TEST(refused.exit_code == 2, refused.err);
  BOOST_TEST(refused.err.find("--rate given twice; using 2 (not 1)") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("--report PATH is required") != std::string::npos, refused.err);

  const std::string job = dir.file("job.toml");
  write_file(job, "rate = 100\nreport = \"" + first + "\"\n");
  const auto from_job = cli({"apply", "--job", job, in, "--dry-run", "--rate", "8", "--report", last});
  BOOST_TEST(from_job.exit_code == 0, from_job.err);
  BOOST_TEST(from_job.err.find("given twice") == std::string::npos, from_job.err);
  BOOST_TEST(!std::filesystem::exists(first));

  // --log-format is taken before the command parses its options: given twice, the last wins
  // too, and the warning comes in that format (JSON here: one object on its line).
  const auto logs = cli({"apply", in, "--log-format", "text", "--dry-run", "--report", last, "--log-format", "json"});
  BOOST_TEST(logs.exit_code == 0, logs.err);
  const auto at = logs.err.find("--log-format given twice; using json (not text)");
  BOOST_TEST_REQUIRE(at != std::string::npos, logs.err);
  const auto line_start = logs.err.rfind('\n', at) == std::string::npos ? 0 : logs.err.rfind('\n', at) + 1;
  BOOST_TEST(logs.err.compare(line_start, 1, "{") == 0, logs.err);
  BOOST_TEST(logs.err.find("\"event\":\"repeated_option\"") != std::string::npos, logs.err);
  BOOST_TEST(logs.out.find("given twice") == std::string::npos, logs.out);

  // A switch after its opposite wins, named in a warning too: the command's (--preflight) and
  // main()'s (--verbose).
  const auto switches = cli({"apply", in, "--log-format", "text", "--dry-run", "--report", last, "--no-preflight",
                             "--verbose", "--preflight", "--no-verbose"});
  BOOST_TEST(switches.exit_code == 0, switches.err);
  BOOST_TEST(
      switches.err.find("--no-preflight and --preflight both given; using --preflight (the last)") != std::string::npos,
      switches.err);
  BOOST_TEST(
      switches.err.find("--verbose and --no-verbose both given; using --no-verbose (the last)") != std::string::npos,
      switches.err);
}

BOOST_AUTO_TEST_SUITE_END()
