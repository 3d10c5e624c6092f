// Certificate credentials (issue 7): `acgprov apply --client-certificate-file` authenticates
// with a client assertion (RS256, x5t#S256) that the emulator verifies against the
// certificate registered for the client; a certificate it does not know is refused (exit 3,
// nothing written); an unusable key file is a usage error (exit 2).
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/test_certificates.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

using namespace acgprov::test;
namespace json = boost::json;

namespace {

const char* const certificate_rows_csv =
    "accountName,telephoneNumber,services\n"
    "fabrikam,+14255550910,azureOperatorCallProtection\n"
    "fabrikam,+14255550911,teamsDirectRouting\n";

const pem_identity& app_identity() {
  static const auto id = make_certificate({.common_name = "acgprov-cert-app", .key = key_type::rsa_2048});
  return id;
}

// The emulator with a second client, cert-app, that has only a certificate (no secret).
struct cert_fixture : e2e_fixture {
  cert_fixture()
      : e2e_fixture(
            {"--rate-limit", "0", "--sync-delay-ms", "100"},
            json::object{{"clients", json::array{json::object{{"tenant", "sim-tenant"},
                                                              {"clientId", "sim-client"},
                                                              {"secret", "sim-secret"},
                                                              {"roles", json::array{"ProvisioningAPI.Admin"}}},
                                                 json::object{{"tenant", "sim-tenant"},
                                                              {"clientId", "cert-app"},
                                                              {"certificate", app_identity().certificate},
                                                              {"roles", json::array{"ProvisioningAPI.Admin"}}}}}}) {
    env.clear();  // no ACGPROV_CLIENT_SECRET: the certificate is the only credential
  }

  std::string key_file(const std::string& name, const std::string& pem, mode_t mode = 0600) {
    auto path = write(name, pem);
    ::chmod(path.c_str(), mode);
    return path;
  }

  process_result apply_with(const std::vector<std::string>& credential_args, const std::string& report) {
    auto in = write("numbers.csv", certificate_rows_csv);
    const auto& r = sim->ready();
    std::vector<std::string> args{"apply",           in,       "--endpoint",  r.endpoint, "--authority", r.authority,
                                  "--tenant",        r.tenant, "--client-id", "cert-app", "--ca-file",   r.ca_file,
                                  "--report",        report,   "--rate",      "1000",     "--burst",     "50",
                                  "--poll-interval", "0.1"};
    args.insert(args.end(), credential_args.begin(), credential_args.end());
    return run(args);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(certificate_auth_e2e)

BOOST_AUTO_TEST_CASE(run_authenticated_with_a_certificate) {
  cert_fixture f;
  const auto& id = app_identity();
  auto combined = f.key_file("app.pem", id.certificate + id.private_key);
  auto report = f.dir.file("report.jsonl");
  auto r = f.apply_with({"--client-certificate-file", combined}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("warning") == std::string::npos, r.err);
  auto rows = read_report(report);
  BOOST_TEST(rows.size() == 2u);
  for (const auto& row : rows) BOOST_TEST(str(row, "outcome") == "synced", json::serialize(row));
  BOOST_TEST(f.sim_numbers().size() == 2u);
  // The emulator saw the token requests of cert-app, answered 200.
  auto token = f.sim_stats().at("byOperation").at("Token").as_object();
  BOOST_TEST(token.if_contains("200") != nullptr);
  BOOST_TEST(token.size() == 1u, json::serialize(token));

  // The key in its own file works the same.
  cert_fixture g;
  auto cert_only = g.key_file("app.crt", id.certificate, 0644);  // a certificate is public
  auto key = g.key_file("app.key", id.private_key);
  auto report2 = g.dir.file("report.jsonl");
  auto r2 = g.apply_with({"--client-certificate-file", cert_only, "--client-key-file", key}, report2);
  BOOST_TEST(r2.exit_code == 0, r2.err);
  BOOST_TEST(r2.err.find("warning") == std::string::npos, r2.err);
  BOOST_TEST(g.sim_numbers().size() == 2u);
}

BOOST_AUTO_TEST_CASE(unknown_certificate_is_refused_before_any_write) {
  cert_fixture f;
  auto other = make_certificate({.common_name = "impostor", .key = key_type::rsa_2048});
  auto pem = f.key_file("other.pem", other.certificate + other.private_key);
  auto report = f.dir.file("report.jsonl");
  auto r = f.apply_with({"--client-certificate-file", pem}, report);
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("credentials refused") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("invalid_client") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("PRIVATE KEY") == std::string::npos);
  for (const auto& row : read_report(report)) BOOST_TEST(str(row, "outcome") == "skipped", json::serialize(row));
  BOOST_TEST(f.api_requests() == 0u);
  BOOST_TEST(f.sim_numbers().empty());
}

BOOST_AUTO_TEST_CASE(unusable_or_exposed_key_files) {
  cert_fixture f;
  const auto& id = app_identity();
  auto report = f.dir.file("report.jsonl");

  // A key others can read still works, with a warning naming the file.
  auto exposed = f.key_file("exposed.pem", id.certificate + id.private_key, 0644);
  auto r = f.apply_with({"--client-certificate-file", exposed}, report);
  BOOST_TEST(r.exit_code == 0, r.err);
  // A warning event of the log (JSON Lines here: stderr is not a terminal).
  BOOST_TEST(
      r.err.find(exposed + " holds a private key and can be read by other users (mode 644)") != std::string::npos,
      r.err);
  BOOST_TEST(r.err.find("\"event\":\"secret_file_readable\"") != std::string::npos, r.err);

  // Usage errors, exit 2, nothing sent: an EC key, a key that is not the certificate's, a
  // missing file, and a secret file given as well.
  auto ec = make_certificate({.common_name = "ec-app"});
  auto ec_pem = f.key_file("ec.pem", ec.certificate + ec.private_key);
  auto other = make_certificate({.common_name = "other", .key = key_type::rsa_2048});
  auto mismatched = f.key_file("mismatched.pem", id.certificate + other.private_key);
  auto secret = f.key_file("secret.txt", "sim-secret\n");
  struct {
    std::vector<std::string> args;
    const char* says;
  } cases[] = {
      {{"--client-certificate-file", ec_pem}, "the private key is not an RSA key"},
      {{"--client-certificate-file", mismatched}, "the private key does not belong to the certificate"},
      {{"--client-certificate-file", f.dir.file("missing.pem")}, "cannot read the file"},
      {{"--client-certificate-file", exposed, "--client-secret-file", secret}, "not both"},
      {{"--client-key-file", exposed, "--client-secret-file", secret},
       "--client-key-file needs --client-certificate-file"},
  };
  const auto before = f.api_requests();
  for (const auto& c : cases) {
    auto u = f.apply_with(c.args, f.dir.file("usage.jsonl"));
    BOOST_TEST(u.exit_code == 2, c.says << ": " << u.err);
    BOOST_TEST(u.err.find(c.says) != std::string::npos, u.err);
    BOOST_TEST(u.err.find("PRIVATE KEY") == std::string::npos, u.err);
  }
  BOOST_TEST(f.api_requests() == before);
}

BOOST_AUTO_TEST_SUITE_END()
