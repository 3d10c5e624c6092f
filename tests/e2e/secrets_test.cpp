// Secrets (issue 7): every command, at every log level, through the failure paths, with a
// known client secret; neither the secret nor any access token (a JWT: "eyJ...") may appear
// in stdout, stderr, the report, the summary or any output file. A secret file that others
// can read gives a warning.
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/local_port.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>

using namespace acgprov::test;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// Distinctive, and made only of URL-unreserved characters: the form encoding sends it as is.
const std::string known_secret = "kS3cr3t-acgprov-9d41b7e2-never-print-me";

json::object client(const std::string& secret, json::object extra = {}) {
  json::object c{{"tenant", "sim-tenant"},
                 {"clientId", "sim-client"},
                 {"secret", secret},
                 {"roles", json::array{"ProvisioningAPI.Admin"}}};
  for (auto& [k, v] : extra) c[k] = v;
  return c;
}

enum class scenario {
  ok,
  wrong_secret,
  expired_tokens,
  faults,
  unreachable,
  bad_ca_file,
  untrusted_tls,
  wide_secret_file
};

const char* name_of(scenario s) {
  switch (s) {
    case scenario::ok:
      return "ok";
    case scenario::wrong_secret:
      return "wrong secret";
    case scenario::expired_tokens:
      return "expired tokens (401s)";
    case scenario::faults:
      return "5xx and resets, token endpoint too";
    case scenario::unreachable:
      return "unreachable endpoint";
    case scenario::bad_ca_file:
      return "bad --ca-file";
    case scenario::untrusted_tls:
      return "untrusted certificate";
    case scenario::wide_secret_file:
      return "secret file readable by others";
  }
  return "?";
}

struct secrets_fixture : e2e_fixture {
  secrets_fixture(std::vector<std::string> sim_args, json::object config)
      : e2e_fixture(std::move(sim_args), std::move(config)) {
    env = {{"ACGPROV_CLIENT_SECRET", known_secret}};
    fs::create_directories(out_dir());
    numbers = write("numbers.csv",
                    "accountName,telephoneNumber,services\n"
                    "fabrikam,+14255550920,azureOperatorCallProtection\n"
                    "fabrikam,not-a-number,azureOperatorCallProtection\n"
                    "contoso,+14255550921,teamsDirectRouting\n");
    accounts = write("accounts.csv",
                     "name,azureOperatorCallProtection.enabled\n"
                     "secrets-account,true\n"
                     ",true\n");
    rfis = write("rfis.csv", "tenantId,status,comment\n7a1b2c3d-0000-4000-8000-000000000009,active,x\nnot-a-guid,,\n");
  }

  std::string out_dir() const { return dir.file("out"); }
  std::string out(const std::string& name) const { return out_dir() + "/" + name; }

  // The command lines of every command, each writing its files into out/.
  std::vector<std::vector<std::string>> commands() const {
    const std::vector<std::string> poll{"--poll-interval", "0.1", "--poll-timeout", "5"};
    auto with = [](std::vector<std::string> a, const std::vector<std::string>& b) {
      a.insert(a.end(), b.begin(), b.end());
      return a;
    };
    return {
        with({"apply", numbers, "--report", out("apply.jsonl"), "--summary", out("apply-summary.json")}, poll),
        with(
            {"accounts", "apply", accounts, "--report", out("accounts.csv"), "--summary", out("accounts-summary.json")},
            poll),
        {"accounts", "export", "--output", out("accounts-export.json")},
        {"numbers", "export", "--output", out("numbers-export.csv")},
        {"civic-addresses", "export", "--account", "contoso", "--output", out("civic.jsonl")},
        {"rfi", "list", "--output", out("rfi-list.json")},
        with({"rfi", "update", rfis, "--report", out("rfi.jsonl"), "--summary", out("rfi-summary.json")}, poll),
        {"config", "check"},
    };
  }

  std::string numbers, accounts, rfis;
};

// What must never be printed: the secret, any JWT (header and claims both start "eyJ", the
// base64 of '{"'), and a bearer header.
void check_clean(const std::string& where, const std::string& text) {
  BOOST_TEST(text.find(known_secret) == std::string::npos, where << " shows the client secret:\n" << text);
  BOOST_TEST(text.find("eyJ") == std::string::npos, where << " shows a token:\n" << text);
  BOOST_TEST(text.find("Bearer ") == std::string::npos, where << " shows an Authorization header:\n" << text);
}

// Runs every command at every log level against `f` with `connection` options, in parallel
// per level (each child is a separate process; the unreachable case waits out its retries
// once per level, not once per command). Returns every result, for scenario checks.
std::vector<process_result> run_everything(secrets_fixture& f, const std::vector<std::string>& connection, scenario s) {
  const std::vector<std::vector<std::string>> levels{
      {}, {"--log-format", "text"}, {"--verbose"}, {"--verbose", "--log-format", "text"}};
  std::vector<process_result> all;
  for (const auto& level : levels) {
    std::vector<std::unique_ptr<child_process>> children;
    std::vector<std::string> labels;
    for (const auto& cmd : f.commands()) {
      std::vector<std::string> argv{ACGPROV_CLI_PATH};
      argv.insert(argv.end(), cmd.begin(), cmd.end());
      argv.insert(argv.end(), connection.begin(), connection.end());
      argv.insert(argv.end(), level.begin(), level.end());
      std::string label = std::string(name_of(s)) + ": acgprov";
      for (std::size_t i = 1; i < argv.size(); ++i) label += " " + argv[i];
      labels.push_back(label);
      children.push_back(std::make_unique<child_process>(argv, f.env));
    }
    for (std::size_t i = 0; i < children.size(); ++i) {
      auto r = children[i]->wait(std::chrono::minutes(2));
      BOOST_TEST(r.exit_code >= 0, labels[i] << " was killed (signal " << r.signal << ")\n" << r.err);
      check_clean(labels[i] + " stdout", r.out);
      check_clean(labels[i] + " stderr", r.err);
      all.push_back(std::move(r));
    }
    // Every file any command wrote: reports, summaries, exports.
    for (const auto& entry : fs::directory_iterator(f.out_dir())) {
      check_clean(std::string(name_of(s)) + ": " + entry.path().string(), read_file(entry.path().string()));
      fs::remove(entry.path());
    }
  }
  return all;
}

std::vector<std::string> connection_for(const secrets_fixture& f, const std::string& ca_file) {
  const auto& r = f.sim->ready();
  std::vector<std::string> c{"--endpoint", r.endpoint,    "--authority",       r.authority, "--tenant",
                             r.tenant,     "--client-id", "sim-client",        "--rate",    "1000",
                             "--burst",    "50",          "--request-timeout", "5"};
  if (!ca_file.empty()) c.insert(c.end(), {"--ca-file", ca_file});
  return c;
}

json::object config_with(json::object client_entry) {
  return json::object{{"clients", json::array{std::move(client_entry)}}};
}

const std::vector<std::string> fast_sim{"--rate-limit", "0", "--sync-delay-ms", "50"};

bool any_exit(const std::vector<process_result>& rs, int code) {
  for (const auto& r : rs)
    if (r.exit_code == code) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secrets_e2e)

BOOST_AUTO_TEST_CASE(every_command_every_level_every_failure_keeps_secrets_out) {
  {
    secrets_fixture f(fast_sim, config_with(client(known_secret)));
    // A token as the emulator issues them, fetched the way acgprov does: the check above
    // ("eyJ") is what finds one in any output.
    https_test_client c(f.sim->ready());
    auto token =
        c.request("POST", "/sim-tenant/oauth2/v2.0/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                  "grant_type=client_credentials&client_id=sim-client&client_secret=" + known_secret +
                      "&scope=https%3A%2F%2Ffunc-voiceservice-rp-prod-eastuseuap.azurewebsites.net%2F.default");
    BOOST_TEST_REQUIRE(token.status == 200, token.body);
    BOOST_TEST(std::string(json::parse(token.body).at("access_token").as_string()).rfind("eyJ", 0) == 0u);
    auto rs = run_everything(f, connection_for(f, f.sim->ready().ca_file), scenario::ok);
    BOOST_TEST(any_exit(rs, 0));
    BOOST_TEST(any_exit(rs, 1));  // the invalid rows
  }
  {
    secrets_fixture f(fast_sim, config_with(client("the-registered-secret")));
    auto rs = run_everything(f, connection_for(f, f.sim->ready().ca_file), scenario::wrong_secret);
    for (const auto& r : rs) BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(f.api_requests() == 0u);
  }
  {
    // Every token is already expired when issued, though expires_in says an hour: every API
    // request is answered 401, refreshed once, and 401 again.
    secrets_fixture f(fast_sim,
                      config_with(client(known_secret, {{"tokenLifetime", -60}, {"reportedExpiresIn", 3600}})));
    run_everything(f, connection_for(f, f.sim->ready().ca_file), scenario::expired_tokens);
    BOOST_TEST(f.sim_stats().at("byStatus").as_object().contains("401"));
  }
  {
    secrets_fixture f({"--rate-limit", "0", "--sync-delay-ms", "50", "--fault-5xx", "0.3", "--fault-reset", "0.1",
                       "--fault-token", "--fault-seed", "7"},
                      config_with(client(known_secret)));
    run_everything(f, connection_for(f, f.sim->ready().ca_file), scenario::faults);
    auto faults = f.sim_stats().at("faults").as_object();
    BOOST_TEST(faults.at("503").to_number<int>() + faults.at("500").to_number<int>() > 0);
  }
  {
    secrets_fixture f(fast_sim, config_with(client(known_secret)));
    const std::string nowhere = "https://127.0.0.1:" + std::to_string(free_local_port());
    std::vector<std::string> conn{"--endpoint", nowhere,       "--authority", nowhere,     "--tenant",
                                  "sim-tenant", "--client-id", "sim-client",  "--ca-file", f.sim->ready().ca_file};
    auto rs = run_everything(f, conn, scenario::unreachable);
    for (const auto& r : rs) BOOST_TEST(r.exit_code == 3, r.err);
  }
  {
    secrets_fixture f(fast_sim, config_with(client(known_secret)));
    auto garbage = f.write("garbage-ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    auto rs = run_everything(f, connection_for(f, garbage), scenario::bad_ca_file);
    for (const auto& r : rs) BOOST_TEST(r.exit_code == 2, r.err);
    BOOST_TEST(f.api_requests() == 0u);
  }
  {
    secrets_fixture f(fast_sim, config_with(client(known_secret)));
    auto rs = run_everything(f, connection_for(f, ""), scenario::untrusted_tls);
    for (const auto& r : rs) BOOST_TEST(r.exit_code == 3, r.err);
  }
}

BOOST_AUTO_TEST_CASE(secret_file_readable_by_others_gives_a_warning) {
  secrets_fixture f(fast_sim, config_with(client(known_secret)));
  f.env.clear();
  auto secret_file = f.write("secret.txt", known_secret + "\n");
  ::chmod(secret_file.c_str(), 0644);
  auto conn = connection_for(f, f.sim->ready().ca_file);
  conn.insert(conn.end(), {"--client-secret-file", secret_file});
  auto rs = run_everything(f, conn, scenario::wide_secret_file);
  // A warning of the log in either format: "acgprov: warning: ..." or a JSON line.
  const std::string warning = secret_file + " can be read by other users (mode 644); chmod 600 it";
  for (const auto& r : rs) BOOST_TEST(r.err.find(warning) != std::string::npos, r.err);

  ::chmod(secret_file.c_str(), 0600);
  auto quiet = f.run({"config", "check", "--endpoint", f.sim->ready().endpoint, "--authority", f.sim->ready().authority,
                      "--tenant", "sim-tenant", "--client-id", "sim-client", "--ca-file", f.sim->ready().ca_file,
                      "--client-secret-file", secret_file});
  BOOST_TEST(quiet.exit_code == 0, quiet.err);
  BOOST_TEST(quiet.err.find("warning") == std::string::npos, quiet.err);
  check_clean("config check", quiet.out + quiet.err);
}

BOOST_AUTO_TEST_SUITE_END()
