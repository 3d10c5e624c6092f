// Which credential a run uses (jobs/cli/credential_choice.hpp) and the precedence of flags,
// ACGPROV_* and AZURE_* variables (jobs/cli/connection_options.cpp), without a network.
#include "jobs/cli/credential_choice.hpp"
#include "auth/workload_identity_source.hpp"
#include "jobs/cli/connection_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/jobs/cli/usage_message.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>

using namespace acgprov;
using jobs::credential_kind;

namespace {

std::map<std::string, std::string> credential_env_vars;
const char* credential_env(const char* name) {
  auto it = credential_env_vars.find(name);
  return it == credential_env_vars.end() ? nullptr : it->second.c_str();
}

jobs::connection_options complete(std::vector<std::string> flags) {
  jobs::connection_options o;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    std::string flag = flags[i];
    jobs::flag_value value = [&] { return flags.at(++i); };
    BOOST_REQUIRE(jobs::parse_connection_flag(flag, value, o));
  }
  jobs::complete_connection_options(o, &credential_env);
  return o;
}

std::string usage_error_of(std::vector<std::string> flags) {
  return test::usage_message([&] { complete(std::move(flags)); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_choice_tests)

BOOST_AUTO_TEST_CASE(auto_takes_the_strongest_tier_then_secret_certificate_workload_identity) {
  jobs::credential_sources s;
  BOOST_TEST(!jobs::choose_credential(s).error.empty());  // nothing configured
  s.federated_token_file = true;
  BOOST_TEST((jobs::choose_credential(s).kind == credential_kind::workload_identity));
  s.azure_certificate = true;
  BOOST_TEST((jobs::choose_credential(s).kind == credential_kind::certificate));
  s.azure_secret = true;
  auto c = jobs::choose_credential(s);
  BOOST_TEST((c.kind == credential_kind::secret));
  BOOST_TEST(c.why == "AZURE_CLIENT_SECRET is set");
  s.acgprov_secret = true;
  BOOST_TEST(jobs::choose_credential(s).why == "ACGPROV_CLIENT_SECRET is set");
  // A flag beats every variable: a certificate flag wins over a secret in the environment.
  s.certificate_flag = true;
  c = jobs::choose_credential(s);
  BOOST_TEST((c.kind == credential_kind::certificate));
  BOOST_TEST(c.why.find("--client-certificate-file") == 0u);
  s.secret_file_flag = true;
  BOOST_TEST(jobs::choose_credential(s).error.find("not both") != std::string::npos);
  // Managed identity never by itself, even with its endpoint variables set.
  jobs::credential_sources mi{.identity_endpoint = true};
  BOOST_TEST(!jobs::choose_credential(mi).error.empty());
}

BOOST_AUTO_TEST_CASE(asked_for_credential_is_used_or_refused) {
  jobs::credential_sources s{.acgprov_secret = true, .federated_token_file = true};
  s.requested = "workload-identity";
  BOOST_TEST((jobs::choose_credential(s).kind == credential_kind::workload_identity));
  s.requested = "certificate";
  BOOST_TEST(jobs::choose_credential(s).error.find("--client-certificate-file") != std::string::npos);
  s.requested = "managed-identity";
  auto c = jobs::choose_credential(s);
  BOOST_TEST((c.kind == credential_kind::managed_identity));
  BOOST_TEST(c.why.find("IMDS") != std::string::npos);
  s.identity_endpoint = true;
  BOOST_TEST(jobs::choose_credential(s).why.find("IDENTITY_ENDPOINT") != std::string::npos);
  s.requested = "secret";
  s.acgprov_secret = false;
  BOOST_TEST(jobs::choose_credential(s).error.find("no client secret") != std::string::npos);
  s.requested = "password";
  BOOST_TEST(!jobs::choose_credential(s).error.empty());
}

BOOST_AUTO_TEST_CASE(flags_win_over_acgprov_which_win_over_azure) {
  credential_env_vars = {{"ACGPROV_ENDPOINT", "https://api"},
                         {"AZURE_TENANT_ID", "azure-tenant"},
                         {"AZURE_CLIENT_ID", "azure-client"},
                         {"AZURE_CLIENT_SECRET", "azure-secret"},
                         {"AZURE_AUTHORITY_HOST", "https://login.example/"}};
  // AZURE_* alone are enough.
  auto o = complete({});
  BOOST_TEST(o.credentials.tenant == "azure-tenant");
  BOOST_TEST(o.credentials.client_id == "azure-client");
  BOOST_TEST(o.credentials.client_secret == "azure-secret");
  BOOST_TEST(o.credentials.authority == "https://login.example/");
  BOOST_TEST(auth::token_url(o.credentials) == "https://login.example/azure-tenant/oauth2/v2.0/token");
  // ACGPROV_* win over AZURE_*.
  credential_env_vars["ACGPROV_TENANT"] = "acg-tenant";
  credential_env_vars["ACGPROV_CLIENT_ID"] = "acg-client";
  credential_env_vars["ACGPROV_CLIENT_SECRET"] = "acg-secret";
  o = complete({});
  BOOST_TEST(o.credentials.tenant == "acg-tenant");
  BOOST_TEST(o.credentials.client_id == "acg-client");
  BOOST_TEST(o.credentials.client_secret == "acg-secret");
  BOOST_TEST(o.chosen.why == "ACGPROV_CLIENT_SECRET is set");
  // Flags win over both.
  o = complete({"--tenant", "flag-tenant", "--client-id", "flag-client", "--authority", "https://login.flag"});
  BOOST_TEST(o.credentials.tenant == "flag-tenant");
  BOOST_TEST(o.credentials.client_id == "flag-client");
  BOOST_TEST(o.credentials.authority == "https://login.flag");
}

BOOST_AUTO_TEST_CASE(workload_identity_from_azure_variables) {
  io_test::temp_dir dir;
  const std::string file = dir.path("token");
  std::ofstream(file) << "  federated.jwt.value\n";
  credential_env_vars = {{"ACGPROV_ENDPOINT", "https://api"},
                         {"AZURE_TENANT_ID", "t"},
                         {"AZURE_CLIENT_ID", "c"},
                         {"AZURE_FEDERATED_TOKEN_FILE", file}};
  auto o = complete({});
  BOOST_TEST((o.chosen.kind == credential_kind::workload_identity));
  BOOST_TEST(o.federated_token_file == file);
  BOOST_TEST(o.credentials.client_secret.empty());
  std::string why;
  BOOST_TEST(auth::read_federated_token(file, why) == "federated.jwt.value");
  // A missing file is a configuration error naming the file, not its content.
  credential_env_vars["AZURE_FEDERATED_TOKEN_FILE"] = dir.path("missing");
  BOOST_TEST(usage_error_of({}).find("AZURE_FEDERATED_TOKEN_FILE") != std::string::npos);
  // Without tenant and client id, workload identity cannot name its app.
  credential_env_vars = {{"ACGPROV_ENDPOINT", "https://api"}, {"AZURE_FEDERATED_TOKEN_FILE", file}};
  BOOST_TEST(usage_error_of({}).find("--tenant") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(managed_identity_needs_no_app_and_only_local_plain_http) {
  credential_env_vars = {{"ACGPROV_ENDPOINT", "https://api"}, {"ACGPROV_CLIENT_SECRET", "ignored"}};
  auto o = complete({"--credential", "managed-identity", "--managed-identity-client-id", "uai"});
  BOOST_TEST((o.chosen.kind == credential_kind::managed_identity));
  BOOST_TEST(o.credentials.client_secret.empty());
  BOOST_TEST(o.managed_identity.client_id == "uai");
  BOOST_TEST(o.managed_identity.imds_authority == "http://169.254.169.254");
  credential_env_vars["IDENTITY_ENDPOINT"] = "http://localhost:41741/msi/token";
  credential_env_vars["IDENTITY_HEADER"] = "h";
  o = complete({"--credential", "managed-identity"});
  BOOST_TEST(auth::uses_app_service_endpoint(o.managed_identity));
  for (const char* bad : {"http://10.0.0.4/msi/token", "https://127.0.0.1/msi/token", "http://example.com/",
                          "http://169.254.169.253/", "http://u:p@127.0.0.1/"}) {
    credential_env_vars["IDENTITY_ENDPOINT"] = bad;
    BOOST_TEST(usage_error_of({"--credential", "managed-identity"}).find("IDENTITY_ENDPOINT") != std::string::npos,
               bad);
  }
  credential_env_vars.erase("IDENTITY_ENDPOINT");
  credential_env_vars["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = "http://127.0.0.1:8080/";
  o = complete({"--credential", "managed-identity"});
  BOOST_TEST(o.managed_identity.imds_authority == "http://127.0.0.1:8080/");
  credential_env_vars["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = "http://192.168.1.1";
  BOOST_TEST(usage_error_of({"--credential", "managed-identity"}).find("AZURE_POD_IDENTITY_AUTHORITY_HOST") !=
             std::string::npos);
  BOOST_TEST(usage_error_of({"--credential", "kerberos"}).find("--credential wants") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(managed_identity_answers) {
  const std::int64_t now = 1'700'000'000;
  auto t = auth::parse_managed_identity_response(200, R"({"access_token":"a","expires_on":"1700003600"})", "u", now);
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(t->lifetime.count() == 3600);
  t = auth::parse_managed_identity_response(200, R"({"access_token":"a","expires_on":1700000060})", "u", now);
  BOOST_TEST(t->lifetime.count() == 60);
  t = auth::parse_managed_identity_response(200, R"({"access_token":"a","expires_in":"86399","expires_on":"1"})", "u",
                                            now);
  BOOST_TEST(t->lifetime.count() == 86399);  // expires_in wins: no clock involved
  t = auth::parse_managed_identity_response(200, R"({"access_token":"a","expires_on":"1699999999"})", "u", now);
  BOOST_TEST(!t.has_value());  // already expired
  t = auth::parse_managed_identity_response(
      400, R"({"error":"invalid_request","error_description":"Identity not found"})", "u", now);
  BOOST_TEST(t.error().refused);
  BOOST_TEST(t.error().message().find("Identity not found") != std::string::npos);
  t = auth::parse_managed_identity_response(401, R"({"statusCode":401,"message":"bad header"})", "u", now);
  BOOST_TEST(t.error().refused);
  BOOST_TEST(t.error().description == "bad header");
  for (int status : {404, 410, 429, 500, 503}) {
    BOOST_TEST(auth::imds_retryable(status));
    BOOST_TEST(!auth::parse_managed_identity_response(status, "{}", "u", now).error().refused);
  }
  BOOST_TEST(auth::resource_of("https://api.example/.default") == "https://api.example");
  BOOST_TEST(auth::resource_of("https://api.example") == "https://api.example");
}

BOOST_AUTO_TEST_SUITE_END()
