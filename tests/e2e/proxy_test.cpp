// HTTPS proxies (issue 15), against Debian's tinyproxy on 127.0.0.1: every connection, to the
// token endpoint and to the API, is a CONNECT tunnel with TLS end to end; Basic credentials
// come from HTTPS_PROXY's userinfo and appear in no output; NO_PROXY sends a host direct; a
// proxy that refuses the tunnel (407, 401, 403) stops the run with exit 3 and its status line, the
// rows resumable; --proxy with userinfo is refused (exit 2); --proxy / --no-proxy win over
// the environment. Without tinyproxy each case prints a SKIP line (CTest shows it skipped).
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/tinyproxy_process.hpp"

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <csignal>
#include <optional>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

const char* const rows_csv =
    "accountName,telephoneNumber,services\n"
    "fabrikam,+14255550910,azureOperatorCallProtection\n"
    "fabrikam,+14255550911,azureOperatorCallProtection\n";

const char* const proxy_user = "acg-user";
const char* const proxy_password = "Prx-s3cret";                 // HTTPS_PROXY spells it percent-encoded: Prx%2Ds3cret
const char* const proxy_basic = "YWNnLXVzZXI6UHJ4LXMzY3JldA==";  // base64("acg-user:Prx-s3cret")

bool skipped(const char* test) {
  if (auto why = tinyproxy_missing()) {
    report_skip(std::string("proxy_e2e: ") + test, *why);
    return true;
  }
  return false;
}

std::uint64_t total_connections(const e2e_fixture& f) {
  return static_cast<std::uint64_t>(f.sim_stats().at("totalConnections").as_int64());
}

// A proxy that lets CONNECT reach the emulator, with `user`/`password` required if given.
tinyproxy_process proxy_for(const e2e_fixture& f, const std::string& user = "", const std::string& password = "") {
  return tinyproxy_process({.connect_ports = {f.sim->ready().port}, .user = user, .password = password}, f.dir.path());
}

// A proxy that refuses every tunnel to the emulator (403: its port is not a ConnectPort).
tinyproxy_process refusing_proxy(const e2e_fixture& f) {
  return tinyproxy_process({.connect_ports = {9}}, f.dir.path());
}

std::string with_credentials(const tinyproxy_process& p, const std::string& encoded_password) {
  return "http://" + std::string(proxy_user) + ":" + encoded_password + "@127.0.0.1:" + std::to_string(p.port());
}

void expect_secret_nowhere(const std::string& where, const std::string& text) {
  for (const std::string& secret : {std::string(proxy_password), std::string("Prx%2Ds3cret"), std::string(proxy_basic),
                                    std::string("Wrong-pw"), std::string("hunter2")})
    BOOST_TEST(text.find(secret) == std::string::npos, where << " holds the proxy password:\n" << text);
}

void expect_all_synced(e2e_fixture& f, const std::string& report) {
  auto by = rows_by_number(read_report(report));
  BOOST_TEST(by.size() == 2u);
  for (auto& [n, row] : by) BOOST_TEST(str(row, "outcome") == "synced", n << ": " << json::serialize(row));
  BOOST_TEST(f.sim_numbers().size() == 2u);
}

// A "proxy" that takes connections and never answers: the test's own listening socket on
// 127.0.0.1, polled without blocking.
class silent_proxy {
public:
  silent_proxy() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("silent_proxy: cannot listen");
    port_ = ntohs(addr.sin_port);
  }
  ~silent_proxy() {
    for (int c : clients_) ::close(c);
    ::close(fd_);
  }
  silent_proxy(const silent_proxy&) = delete;
  silent_proxy& operator=(const silent_proxy&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Whether a whole CONNECT request head has arrived (taking what is there, never waiting).
  bool got_connect() {
    for (int c; (c = ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) clients_.push_back(c);
    char buf[4096];
    for (int c : clients_)
      for (ssize_t n; (n = ::recv(c, buf, sizeof buf, MSG_DONTWAIT)) > 0;)
        received_.append(buf, static_cast<std::size_t>(n));
    return received_.rfind("CONNECT ", 0) == 0 && received_.find("\r\n\r\n") != std::string::npos;
  }

private:
  int fd_ = -1;
  unsigned short port_ = 0;
  std::vector<int> clients_;
  std::string received_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_e2e)

BOOST_AUTO_TEST_CASE(a_proxy_that_never_answers_connect_meets_the_deadline_and_the_hard_stop) {
  e2e_fixture f;
  const auto in = f.write("numbers.csv", rows_csv);
  {
    // The CONNECT wait has the connect deadline: the token request's attempts time out, exit 3.
    silent_proxy silent;
    f.env["HTTPS_PROXY"] = silent.url();
    auto r = f.apply({in}, f.dir.file("a.jsonl"), {"--connect-timeout", "0.5"});
    BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << "\n" << r.err);
    BOOST_TEST(r.err.find("timeout") != std::string::npos, r.err);
    BOOST_TEST(silent.got_connect());
  }
  // With a deadline too long to matter, a second SIGTERM ends the wait at once.
  silent_proxy silent;
  f.env["HTTPS_PROXY"] = silent.url();
  std::vector<std::string> argv{ACGPROV_CLI_PATH, "apply", in};
  for (const auto& a : f.connection_args()) argv.push_back(a);
  argv.insert(argv.end(),
              {"--report", f.dir.file("b.jsonl"), "--connect-timeout", "600", "--grace", "600", "--no-progress"});
  child_process run(argv, f.env);
  BOOST_TEST_REQUIRE(wait_until([&] { return silent.got_connect(); }));
  run.signal(SIGTERM);
  BOOST_TEST_REQUIRE(
      wait_until([&] { return run.stderr_so_far().find("interrupted by SIGTERM") != std::string::npos; }));
  run.signal(SIGTERM);
  auto r = run.wait(std::chrono::seconds(2));
  BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(f.api_requests() == 0u);
}

BOOST_AUTO_TEST_CASE(tunnels_carry_the_token_request_and_the_api_requests) {
  if (skipped("tunnels_carry_the_token_request_and_the_api_requests")) return;
  e2e_fixture f;
  auto proxy = proxy_for(f);
  f.env["HTTPS_PROXY"] = proxy.url();
  const auto before = total_connections(f);
  const auto report = f.dir.file("report.jsonl");
  auto r = f.apply({f.write("numbers.csv", rows_csv)}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  // Every connection the emulator took from the run came through a tunnel: the token client's
  // and the API client's (two at least). The second stats request's own connection aside.
  const auto by_run = total_connections(f) - before - 1;
  BOOST_TEST(proxy.connects() >= 2u, proxy.log());
  BOOST_TEST(proxy.connects() == by_run, "tunnels " << proxy.connects() << ", connections " << by_run);
  expect_all_synced(f, report);
  BOOST_TEST(proxy.log().find("CONNECT 127.0.0.1:" + std::to_string(f.sim->ready().port)) != std::string::npos);
  BOOST_TEST(f.sim_stats().at("tokensIssued").as_int64() >= 1);
}

BOOST_AUTO_TEST_CASE(proxy_credentials_come_from_the_variable_and_appear_in_no_output) {
  if (skipped("proxy_credentials_come_from_the_variable_and_appear_in_no_output")) return;
  e2e_fixture f;
  auto proxy = proxy_for(f, proxy_user, proxy_password);
  f.env["HTTPS_PROXY"] = with_credentials(proxy, "Prx%2Ds3cret");  // percent-decoded before use
  const auto report = f.dir.file("report.jsonl"), summary = f.dir.file("summary.json");
  auto r = f.apply({f.write("numbers.csv", rows_csv)}, report, {"--summary", summary, "--verbose"});
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report);
  BOOST_TEST(proxy.connects() >= 2u);
  expect_secret_nowhere("stdout", r.out);
  expect_secret_nowhere("stderr", r.err);
  expect_secret_nowhere("the report", read_file(report));
  expect_secret_nowhere("the summary", read_file(summary));

  // config check names the proxy and where it came from, without its credentials.
  std::vector<std::string> check{"config", "check"};
  for (const auto& a : f.connection_args()) check.push_back(a);
  auto c = f.run(check);
  BOOST_TEST(c.exit_code == 0, c.out << c.err);
  BOOST_TEST(c.out.find("proxy " + proxy.url() + " from HTTPS_PROXY with Basic credentials") != std::string::npos,
             c.out);
  expect_secret_nowhere("config check's stdout", c.out);
  expect_secret_nowhere("config check's stderr", c.err);
}

BOOST_AUTO_TEST_CASE(a_proxy_refusing_the_credentials_stops_the_run_and_resume_finishes_it) {
  if (skipped("a_proxy_refusing_the_credentials_stops_the_run_and_resume_finishes_it")) return;
  e2e_fixture f;
  auto proxy = proxy_for(f, proxy_user, proxy_password);
  const auto in = f.write("numbers.csv", rows_csv);
  const auto report = f.dir.file("report.jsonl"), summary = f.dir.file("summary.json");

  // No credentials: tinyproxy answers 407; a wrong password: 401 (its choice). Either way the
  // run stops with exit 3 and the proxy's own status line, and nothing reaches the API.
  const std::pair<std::string, std::string> refusals[] = {
      {proxy.url(), "HTTP/1.0 407 Proxy Authentication Required"},
      {with_credentials(proxy, "Wrong-pw"), "HTTP/1.0 401 Unauthorized"}};
  for (const auto& [url, status_line] : refusals) {
    f.env["HTTPS_PROXY"] = url;
    auto r = f.apply({in}, report, {"--summary", summary});
    BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << "\n" << r.err);
    BOOST_TEST(r.err.find("refused the tunnel to 127.0.0.1:" + std::to_string(f.sim->ready().port) + ": " +
                          status_line) != std::string::npos,
               r.err);
    BOOST_TEST(r.err.find(proxy.url()) != std::string::npos, r.err);
    expect_secret_nowhere("stderr", r.err);
    expect_secret_nowhere("stdout", r.out);
    expect_secret_nowhere("the report", read_file(report));
    expect_secret_nowhere("the summary", read_file(summary));
    // A scheduler pages the network team, not the identity team: the kind says proxy.
    BOOST_TEST(json::parse(read_file(summary)).as_object().at("abortKind") == "proxy", read_file(summary));
    BOOST_TEST(f.api_requests() == 0u);  // nothing reached the API
    for (const auto& row : read_report(report)) BOOST_TEST(str(row, "outcome") == "skipped", json::serialize(row));
  }

  f.env["HTTPS_PROXY"] = with_credentials(proxy, "Prx%2Ds3cret");
  auto again = f.apply({in}, report, {"--resume"});
  BOOST_TEST(again.exit_code == 0, again.err);
  expect_all_synced(f, report);
}

BOOST_AUTO_TEST_CASE(a_proxy_refusing_the_destination_stops_the_run_with_its_status_line) {
  if (skipped("a_proxy_refusing_the_destination_stops_the_run_with_its_status_line")) return;
  e2e_fixture f;
  auto refusing = refusing_proxy(f);
  f.env["HTTPS_PROXY"] = refusing.url();
  auto r = f.apply({f.write("numbers.csv", rows_csv)}, f.dir.file("report.jsonl"));
  BOOST_TEST(r.exit_code == 3, "exit " << r.exit_code << "\n" << r.err);
  BOOST_TEST(r.err.find("HTTP/1.1 403") != std::string::npos, r.err);
  BOOST_TEST(refusing.connects() >= 1u);
  BOOST_TEST(f.api_requests() == 0u);
}

BOOST_AUTO_TEST_CASE(no_proxy_sends_the_emulator_direct) {
  if (skipped("no_proxy_sends_the_emulator_direct")) return;
  e2e_fixture f;
  auto proxy = proxy_for(f);
  const auto in = f.write("numbers.csv", rows_csv);
  f.env["HTTPS_PROXY"] = proxy.url();
  f.env["NO_PROXY"] = "login.example.net,.example.org";  // names neither the emulator nor its address
  auto r = f.apply({in}, f.dir.file("a.jsonl"));
  BOOST_TEST(r.exit_code == 0, r.err);
  const auto tunnels = proxy.connects();
  BOOST_TEST(tunnels >= 2u, proxy.log());

  f.env["NO_PROXY"] = "login.example.net, 127.0.0.1";
  const auto report = f.dir.file("report.jsonl");
  r = f.apply({in}, report, {"--no-plan"});  // writes again: requests the proxy would have seen
  BOOST_TEST(r.exit_code == 0, r.err);
  expect_all_synced(f, report);
  BOOST_TEST(proxy.connects() == tunnels, proxy.log());
}

BOOST_AUTO_TEST_CASE(the_flags_win_over_the_environment) {
  if (skipped("the_flags_win_over_the_environment")) return;
  e2e_fixture f;
  auto good = proxy_for(f);
  auto refusing = refusing_proxy(f);
  const auto in = f.write("numbers.csv", rows_csv);

  // --proxy over HTTPS_PROXY.
  f.env["HTTPS_PROXY"] = refusing.url();
  auto r = f.apply({in}, f.dir.file("a.jsonl"), {"--proxy", good.url()});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(good.connects() >= 2u);
  BOOST_TEST(refusing.connects() == 0u);

  // --proxy '' : direct, whatever the environment says.
  const auto through_good = good.connects();
  r = f.apply({in}, f.dir.file("b.jsonl"), {"--proxy", ""});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(refusing.connects() == 0u);
  BOOST_TEST(good.connects() == through_good);

  // --no-proxy over NO_PROXY: the environment's bypass no longer applies.
  f.env["HTTPS_PROXY"] = good.url();
  f.env["NO_PROXY"] = "127.0.0.1";
  r = f.apply({in}, f.dir.file("c.jsonl"), {"--no-proxy", "example.net"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(good.connects() > through_good);

  // And the other commands take the flags too: an export through the proxy.
  const auto before_export = good.connects();
  f.env.erase("HTTPS_PROXY");
  auto e = f.command({"accounts", "export"},
                     {"--output", f.dir.file("accounts.csv"), "--proxy", good.url(), "--no-proxy", ""});
  BOOST_TEST(e.exit_code == 0, e.err);
  BOOST_TEST(good.connects() > before_export);
}

BOOST_AUTO_TEST_CASE(userinfo_in_the_proxy_flag_and_other_schemes_are_refused) {
  // No proxy is needed: nothing is sent.
  e2e_fixture f;
  const auto in = f.write("numbers.csv", rows_csv);
  auto r = f.apply({in}, f.dir.file("report.jsonl"), {"--proxy", "http://svc:hunter2@127.0.0.1:9"});
  BOOST_TEST(r.exit_code == 2, "exit " << r.exit_code << "\n" << r.err);
  BOOST_TEST(r.err.find("--proxy must not carry credentials") != std::string::npos, r.err);
  expect_secret_nowhere("stderr", r.err);

  std::vector<std::string> check{"config", "check", "--proxy", "http://svc:hunter2@127.0.0.1:9"};
  for (const auto& a : f.connection_args()) check.push_back(a);
  auto c = f.run(check);
  BOOST_TEST(c.exit_code == 2, c.err);
  expect_secret_nowhere("config check's stderr", c.err);

  f.env["HTTPS_PROXY"] = "socks5://svc:hunter2@127.0.0.1:1080";
  r = f.apply({in}, f.dir.file("report.jsonl"));
  BOOST_TEST(r.exit_code == 2, "exit " << r.exit_code << "\n" << r.err);
  BOOST_TEST(r.err.find("only http:// proxies") != std::string::npos, r.err);
  expect_secret_nowhere("stderr", r.err);
  BOOST_TEST(f.api_requests() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
