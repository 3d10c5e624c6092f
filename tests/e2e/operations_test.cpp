// What a scheduler reads of a run (issue 16): --summary on every exit 0 to 4, written
// atomically, with abortKind; --metrics in the Prometheus text format (parsed by a parser of
// the format, tests/support/prometheus_text.hpp); stderr pure JSON Lines on every command's
// failure paths; exports to stdout; customer files mode 0600 whatever the umask.
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/local_port.hpp"
#include "tests/support/prometheus_text.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace acgprov::test;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string operations_csv(int n) {
  std::string csv = "accountName,telephoneNumber,services\n";
  for (int i = 0; i < n; ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "+1425700%04d", i);
    csv += i % 2 ? std::string("fabrikam,") + number + ",zoomPhoneCloudPeering\n"
                 : std::string("contoso,") + number + ",teamsDirectRouting\n";
  }
  return csv;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0, path);
  return st.st_mode & 07777;
}

// The summary at `path`: it exists, parses, keeps every field it always had, and says `code`.
json::object check_summary(const std::string& path, int code, const std::string& where) {
  BOOST_TEST_REQUIRE(fs::exists(path), where << ": no summary");
  json::object s;
  BOOST_REQUIRE_NO_THROW(s = json::parse(read_file(path)).as_object());
  for (const char* key : {"exitCode",        "exitMeaning",    "report",        "rows",
                          "outcomes",        "resumedRows",    "rowsThisRun",   "reportTornLineCut",
                          "requests",        "retries",        "throttled",     "serverErrors",
                          "transportErrors", "tokenRefreshes", "tokensFetched", "connectionsOpened",
                          "wallMs",          "startedAt",      "finishedAt",    "firstError",
                          "lastError",       "abortReason",    "abortKind"})
    BOOST_TEST(s.contains(key), where << ": the summary lacks " << key);
  BOOST_TEST(s.at("exitCode").as_int64() == code, where << ": " << json::serialize(s));
  BOOST_TEST(!s.at("exitMeaning").as_string().empty(), where);
  // Atomic: written beside and renamed, so no temporary file is left.
  for (const auto& e : fs::directory_iterator(fs::path(path).parent_path()))
    BOOST_TEST(e.path().filename().string().find(".tmp.") == std::string::npos, where << ": left " << e.path());
  return s;
}

std::string kind_of(const json::object& s) {
  const auto& k = s.at("abortKind");
  return k.is_null() ? "null" : std::string(k.as_string());
}

// Every line of `err` is a JSON object with the log's keys.
void check_json_lines(const std::string& err, const std::string& where) {
  std::istringstream in(err);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    boost::system::error_code ec;
    auto v = json::parse(line, ec);
    BOOST_TEST_REQUIRE(!ec, where << ": stderr line " << n << " is not JSON: " << line << "\n---\n" << err);
    BOOST_TEST_REQUIRE(v.is_object(), where << ": " << line);
    for (const char* key : {"time", "level", "event", "message"})
      BOOST_TEST(v.as_object().contains(key), where << ": no " << key << " in " << line);
  }
  BOOST_TEST(n > 0u, where << ": nothing on stderr");
}

// Holds REPORT.lock as another run would (flock), for the exit 4 path.
struct held_lock {
  explicit held_lock(const std::string& report) {
    fd = ::open((report + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST_REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const std::string who = "pid 4242, started 2025-01-31T02:00:00Z\n";
    BOOST_TEST_REQUIRE(::write(fd, who.data(), who.size()) == static_cast<ssize_t>(who.size()));
  }
  ~held_lock() { ::close(fd); }
  int fd = -1;
};

const prom_family& family(const prom_exposition& e, const std::string& name) {
  auto it = e.families.find(name);
  BOOST_TEST_REQUIRE((it != e.families.end()), "no family " << name);
  return it->second;
}

double sample(const prom_family& f, const std::map<std::string, std::string>& extra = {}) {
  for (const auto& s : f.samples) {
    bool match = true;
    for (const auto& [k, v] : extra) match = match && s.labels.count(k) && s.labels.at(k) == v;
    if (match) return s.value;
  }
  BOOST_FAIL("no sample of " << f.name);
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(operations_e2e)

BOOST_AUTO_TEST_CASE(the_summary_is_written_on_every_exit_with_its_abort_kind) {
  e2e_fixture f;
  auto good = f.write("good.csv", operations_csv(4));
  auto mixed = f.write("mixed.csv", operations_csv(2) + "contoso,not-a-number,teamsDirectRouting\n");
  auto many = f.write("many.csv", operations_csv(400));
  auto summary = [&](const std::string& name) { return f.dir.file(name + ".json"); };

  auto r0 = f.apply({good}, f.dir.file("r0.jsonl"), {"--summary", summary("s0")});
  BOOST_TEST(r0.exit_code == 0, r0.err);
  auto s0 = check_summary(summary("s0"), 0, "exit 0");
  BOOST_TEST(kind_of(s0) == "null");
  BOOST_TEST(s0.at("rows").as_int64() == 4);

  auto r1 = f.apply({mixed}, f.dir.file("r1.jsonl"), {"--summary", summary("s1")});
  BOOST_TEST(r1.exit_code == 1, r1.err);
  BOOST_TEST(kind_of(check_summary(summary("s1"), 1, "exit 1")) == "null");

  // Exit 2: an unknown option after --summary; an input that cannot be read.
  auto r2 = f.apply({good}, f.dir.file("r2.jsonl"), {"--summary", summary("s2"), "--no-such-option"});
  BOOST_TEST(r2.exit_code == 2, r2.err);
  auto s2 = check_summary(summary("s2"), 2, "exit 2 (usage)");
  BOOST_TEST(kind_of(s2) == "null");
  BOOST_TEST(std::string(s2.at("abortReason").as_string()).find("--no-such-option") != std::string::npos);
  auto r2b = f.apply({f.dir.file("missing.csv")}, f.dir.file("r2b.jsonl"), {"--summary", summary("s2b")});
  BOOST_TEST(r2b.exit_code == 2, r2b.err);
  check_summary(summary("s2b"), 2, "exit 2 (unreadable input)");
  auto r2c = f.command({"accounts", "apply", good}, {"--summary", summary("s2c")});  // no --report
  BOOST_TEST(r2c.exit_code == 2, r2c.err);
  check_summary(summary("s2c"), 2, "exit 2 (accounts apply usage)");

  // Exit 3, each kind the engine can tell.
  {
    auto env = f.env;
    f.env["ACGPROV_CLIENT_SECRET"] = "a-wrong-secret";
    auto r = f.apply({good}, f.dir.file("r3c.jsonl"), {"--summary", summary("s3c")});
    f.env = env;
    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(kind_of(check_summary(summary("s3c"), 3, "exit 3 credentials")) == "credentials");
  }
  {
    auto r = f.apply({many}, f.dir.file("r3d.jsonl"), {"--summary", summary("s3d"), "--deadline", "0", "--grace", "0"});
    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(kind_of(check_summary(summary("s3d"), 3, "exit 3 deadline")) == "deadline");
  }
  {
    const std::string nowhere = "https://127.0.0.1:" + std::to_string(free_local_port());
    auto r = f.apply({good}, f.dir.file("r3e.jsonl"),
                     {"--summary", summary("s3e"), "--endpoint", nowhere, "--authority", nowhere});
    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(kind_of(check_summary(summary("s3e"), 3, "exit 3 endpoint")) == "endpoint");
  }
  {
    // A run under way gets SIGTERM: its first batch write is held by the emulator (so the run
    // cannot end first), the signal comes, and once the run says it is stopping the answer goes.
    const auto report = f.dir.file("r3s.jsonl");
    std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", many};
    for (const auto& a : f.connection_args()) argv.push_back(a);
    for (const char* a : {"--grace", "0", "--poll-interval", "0.1", "--log-format", "json", "--report"})
      argv.push_back(a);
    argv.push_back(report);
    argv.push_back("--summary");
    argv.push_back(summary("s3s"));
    f.sim_post("/_sim/hold", json::object{{"operation", "Accounts_CreateOrUpdateNumbers"}});
    child_process run(argv, f.env);
    BOOST_TEST_REQUIRE(wait_until([&] { return f.sim_get("/_sim/hold").at("held").to_number<int>() >= 1; }));
    run.signal(SIGTERM);
    BOOST_TEST_REQUIRE(
        wait_until([&] { return run.stderr_so_far().find("\"event\":\"stopping\"") != std::string::npos; }));
    f.sim_post("/_sim/release", json::object{});
    auto r = run.wait(60s);
    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(kind_of(check_summary(summary("s3s"), 3, "exit 3 signal")) == "signal");
  }

  // Exit 4: another run holds the report's lock.
  {
    const auto report = f.dir.file("r4.jsonl");
    held_lock lock(report);
    auto r = f.apply({good}, report, {"--summary", summary("s4")});
    BOOST_TEST(r.exit_code == 4, r.err);
    auto s4 = check_summary(summary("s4"), 4, "exit 4");
    BOOST_TEST(kind_of(s4) == "null");
    BOOST_TEST(std::string(s4.at("abortReason").as_string()).find("pid 4242") != std::string::npos);
    auto rr = f.command({"rfi", "update", good}, {"--report", report, "--summary", summary("s4r")});
    BOOST_TEST(rr.exit_code == 4, rr.err);
    check_summary(summary("s4r"), 4, "exit 4 rfi update");
  }
}

BOOST_AUTO_TEST_CASE(metrics_parse_as_the_text_format_and_carry_the_last_success) {
  e2e_fixture f;
  auto good = f.write("good.csv", operations_csv(4));
  const auto metrics = f.dir.file("acgprov.prom");
  const auto report = f.dir.file("report.jsonl");

  auto r0 = f.apply({good}, report, {"--metrics", metrics});
  BOOST_TEST_REQUIRE(r0.exit_code == 0, r0.err);
  prom_exposition first;
  BOOST_REQUIRE_NO_THROW(first = parse_prometheus_text(read_file(metrics)));
  const std::set<std::string> families{"acgprov_rows",
                                       "acgprov_requests",
                                       "acgprov_throttled",
                                       "acgprov_retries",
                                       "acgprov_run_duration_seconds",
                                       "acgprov_exit_code",
                                       "acgprov_aborted",
                                       "acgprov_run_start_time_seconds",
                                       "acgprov_run_end_time_seconds",
                                       "acgprov_last_success_time_seconds"};
  BOOST_TEST(first.families.size() == families.size());
  for (const auto& name : families) {
    const auto& fam = family(first, name);
    BOOST_TEST(fam.type == "gauge", name);
    BOOST_TEST(!fam.help.empty(), name);
    BOOST_TEST(!fam.samples.empty(), name);
    for (const auto& s : fam.samples) {
      BOOST_TEST(s.labels.at("command") == "apply");
      BOOST_TEST(s.labels.at("report") == report);
    }
  }
  BOOST_TEST(sample(family(first, "acgprov_rows"), {{"outcome", "synced"}}) == 4.0);
  BOOST_TEST(sample(family(first, "acgprov_rows"), {{"outcome", "error"}}) == 0.0);
  BOOST_TEST(sample(family(first, "acgprov_requests"), {{"kind", "write"}}) >= 1.0);
  BOOST_TEST(sample(family(first, "acgprov_exit_code")) == 0.0);
  const double start = sample(family(first, "acgprov_run_start_time_seconds"));
  const double end = sample(family(first, "acgprov_run_end_time_seconds"));
  const double success = sample(family(first, "acgprov_last_success_time_seconds"));
  BOOST_TEST(start > 1.7e9);
  BOOST_TEST(end >= start);
  BOOST_TEST(success == end);
  BOOST_TEST(sample(family(first, "acgprov_run_duration_seconds")) <= end - start + 0.01);
  BOOST_TEST(mode_of(metrics) == 0600u);

  // A run refused (credentials): exit 3, its kind, and the last success carried over.
  f.env["ACGPROV_CLIENT_SECRET"] = "a-wrong-secret";
  auto r3 = f.apply({good}, report, {"--metrics", metrics, "--resume"});
  BOOST_TEST_REQUIRE(r3.exit_code == 3, r3.err);
  prom_exposition second;
  BOOST_REQUIRE_NO_THROW(second = parse_prometheus_text(read_file(metrics)));
  BOOST_TEST(sample(family(second, "acgprov_exit_code")) == 3.0);
  BOOST_TEST(sample(family(second, "acgprov_aborted"), {{"kind", "credentials"}}) == 1.0);
  BOOST_TEST(sample(family(second, "acgprov_aborted"), {{"kind", "deadline"}}) == 0.0);
  BOOST_TEST(sample(family(second, "acgprov_last_success_time_seconds")) == success);
  BOOST_TEST(sample(family(second, "acgprov_run_end_time_seconds")) >= end);

  // Exit 4 writes them too.
  held_lock lock(report);
  auto r4 = f.apply({good}, report, {"--metrics", metrics});
  BOOST_TEST(r4.exit_code == 4, r4.err);
  prom_exposition third;
  BOOST_REQUIRE_NO_THROW(third = parse_prometheus_text(read_file(metrics)));
  BOOST_TEST(sample(family(third, "acgprov_exit_code")) == 4.0);
  BOOST_TEST(sample(family(third, "acgprov_last_success_time_seconds")) == success);
}

BOOST_AUTO_TEST_CASE(every_failure_path_logs_json_lines_only) {
  e2e_fixture f;
  auto good = f.write("good.csv", operations_csv(2));
  auto accounts = f.write("accounts.csv", "name,azureOperatorCallProtection.enabled\nops-account,true\n");
  auto rfis = f.write("rfis.csv", "tenantId,status,comment\n7a1b2c3d-0000-4000-8000-000000000009,active,x\n");
  auto wide = f.write("wide-secret", "sim-secret\n");
  ::chmod(wide.c_str(), 0644);
  auto bad_job = f.write("bad.toml", "[table]\n");
  const auto locked = f.dir.file("locked.jsonl");
  held_lock lock(locked);
  const std::string nowhere = "https://127.0.0.1:" + std::to_string(free_local_port());
  const std::vector<std::string> j{"--log-format", "json"};
  auto cat = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  auto conn = f.connection_args();
  const std::vector<std::string> fast{"--rate", "1000", "--burst", "50", "--poll-interval", "0.1"};
  struct failure {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
  };
  const std::map<std::string, std::string> wrong{{"ACGPROV_CLIENT_SECRET", "a-wrong-secret"}};
  const std::vector<failure> failures{
      {{"no-such-command"}, f.env},
      {{"apply", good, "--report", f.dir.file("a.jsonl"), "--no-such-option"}, f.env},
      {{"apply", good, "--job", bad_job, "--report", f.dir.file("a.jsonl")}, f.env},
      {cat({"apply", f.dir.file("missing.csv"), "--report", f.dir.file("a.jsonl")}, conn), f.env},
      {cat(cat({"apply", good, "--report", locked}, conn), fast), f.env},
      {cat(cat({"apply", good, "--report", f.dir.file("b.jsonl")}, conn), fast), wrong},
      {cat(cat({"apply", good, "--report", f.dir.file("c.jsonl"), "--client-secret-file", wide}, conn), fast), {}},
      {cat(cat({"apply", good, "--report", f.dir.file("d.jsonl"), "--dry-run", "--resume"}, conn), fast), f.env},
      {cat({"apply", good, "--report", f.dir.file("e.jsonl"), "--endpoint", nowhere, "--authority", nowhere, "--tenant",
            "sim-tenant", "--client-id", "sim-client", "--ca-file", f.sim->ready().ca_file},
           fast),
       f.env},
      {cat({"accounts", "apply", accounts, "--report", locked}, conn), f.env},
      {cat({"accounts", "apply", accounts, "--report", f.dir.file("f.csv")}, conn), wrong},
      {{"accounts", "frobnicate"}, f.env},
      {cat({"accounts", "export", "--output", "-"}, conn), f.env},
      {cat({"accounts", "export", "--output", f.dir.file("x.txt")}, conn), f.env},
      {cat({"accounts", "export", "--output", f.dir.file("x.json")}, conn), wrong},
      {cat({"numbers", "export", "--account", "no-such-account", "--output", f.dir.file("n.csv")}, conn), f.env},
      {cat({"civic-addresses", "export", "--output", f.dir.file("c.csv")}, conn), f.env},
      {cat({"rfi", "list", "--status", "x", "--output", f.dir.file("r.json")}, conn), wrong},
      {cat({"rfi", "update", rfis, "--report", locked}, conn), f.env},
      {cat({"rfi", "update", rfis}, conn), f.env},
      {{"config", "check", "--no-such-option"}, f.env},
      {cat({"config", "check"}, conn), wrong},
      {{"config", "frobnicate"}, f.env},
  };
  for (const auto& fail : failures) {
    std::vector<std::string> argv{ACGPROV_CLI_PATH};
    argv.insert(argv.end(), fail.args.begin(), fail.args.end());
    argv.insert(argv.end(), j.begin(), j.end());
    std::string label = "acgprov";
    for (std::size_t i = 1; i < argv.size(); ++i) label += " " + argv[i];
    auto r = run_process(argv, fail.env, 2min);
    BOOST_TEST(r.exit_code >= 0, label);
    check_json_lines(r.err, label + " (exit " + std::to_string(r.exit_code) + ")");
  }
}

BOOST_AUTO_TEST_CASE(exports_go_to_stdout_with_output_dash) {
  e2e_fixture f;
  auto good = f.write("good.csv", operations_csv(6));
  auto r0 = f.apply({good}, f.dir.file("r.jsonl"));
  BOOST_TEST_REQUIRE(r0.exit_code == 0, r0.err);

  auto r = f.command({"numbers", "export", "--account", "contoso", "--output", "-", "--format", "jsonl"},
                     {"--log-format", "json"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  std::istringstream in(r.out);
  std::string line;
  std::set<std::string> numbers;
  while (std::getline(in, line)) {
    json::value v;
    BOOST_REQUIRE_NO_THROW(v = json::parse(line));
    numbers.insert(std::string(v.at("telephoneNumber").as_string()));
  }
  for (const char* n : {"+14257000000", "+14257000002", "+14257000004"}) BOOST_TEST(numbers.count(n) == 1u, n);
  check_json_lines(r.err, "numbers export --output -");
  BOOST_TEST(r.err.find("export_summary") != std::string::npos, r.err);

  auto csv = f.command({"accounts", "export", "-o", "-", "--format", "csv"});
  BOOST_TEST_REQUIRE(csv.exit_code == 0, csv.err);
  BOOST_TEST(csv.out.rfind("name,", 0) == 0u, csv.out);
  BOOST_TEST(csv.out.find("contoso") != std::string::npos, csv.out);
  auto refused = f.command({"accounts", "export", "--output", "-"});
  BOOST_TEST(refused.exit_code == 2, refused.err);
  BOOST_TEST(refused.out.empty(), refused.out);
}

BOOST_AUTO_TEST_CASE(customer_files_are_created_mode_0600_whatever_the_umask) {
  e2e_fixture f;
  auto good = f.write("good.csv", operations_csv(2));
  const auto report = f.dir.file("report.jsonl");
  const auto csv_report = f.dir.file("report.csv");
  const mode_t old = ::umask(0);  // the children inherit it: the widest there is
  auto r = f.apply({good}, report, {"--summary", f.dir.file("summary.json"), "--metrics", f.dir.file("m.prom")});
  auto a = f.command(
      {"accounts", "apply", f.write("accounts.csv", "name,azureOperatorCallProtection.enabled\nmode-account,true\n")},
      {"--report", csv_report});
  auto e = f.command({"numbers", "export", "--output", f.dir.file("export.json")});
  ::umask(old);
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  BOOST_TEST_REQUIRE(a.exit_code == 0, a.err);
  BOOST_TEST_REQUIRE(e.exit_code == 0, e.err);
  for (const auto& path : {report, report + ".lock", f.dir.file("summary.json"), f.dir.file("m.prom"), csv_report,
                           csv_report + ".lock", f.dir.file("export.json")})
    BOOST_TEST(mode_of(path) == 0600u, path << " has mode " << std::oct << mode_of(path));
}

// The shipped job file (samples/nightly.toml), pointed at the emulator and a temporary folder by
// flags (which win over it), passes `config check`: every key it holds is a flag that exists.
BOOST_AUTO_TEST_CASE(the_sample_job_file_passes_config_check) {
  e2e_fixture f;
  const std::string samples = std::string(ACGPROV_SOURCE_DIR) + "/samples/";
  std::vector<std::string> args{"config",
                                "check",
                                "--job",
                                samples + "nightly.toml",
                                samples + "numbers.csv",
                                "--report",
                                f.dir.file("nightly.jsonl"),
                                "--summary",
                                f.dir.file("summary.json"),
                                "--metrics",
                                f.dir.file("acgprov.prom")};
  for (const auto& a : f.connection_args()) args.push_back(a);
  auto r = f.run(args);
  BOOST_TEST(r.exit_code == 0, r.out << r.err);
  BOOST_TEST(r.out.find("config check: ok") != std::string::npos, r.out);
  BOOST_TEST(!fs::exists(f.dir.file("nightly.jsonl")));  // config check writes nothing
}

BOOST_AUTO_TEST_SUITE_END()
