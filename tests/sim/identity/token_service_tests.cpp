// The identity-platform token endpoint: client secrets, client assertions, and its errors.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

std::string b64url(const std::string& in) {
  std::string out((in.size() + 2) / 3 * 4 + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (auto& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

json::object jwt_claims(const std::string& token) {
  auto d1 = token.find('.'), d2 = token.find('.', d1 + 1);
  return parse_json(b64url_decode(token.substr(d1 + 1, d2 - d1 - 1))).as_object();
}

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// An RSA key and a self-signed certificate for it, as an app registration would hold.
struct test_certificate {
  EVP_PKEY* key = nullptr;
  std::string cert_pem;
  std::string x5t_s256;

  test_certificate() {
    key = EVP_RSA_gen(2048);
    X509* x = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(x), 7);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test-app"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509_sign(x, key, EVP_sha256());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    cert_pem.assign(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    unsigned char md[32];
    unsigned int mdlen = 0;
    X509_digest(x, EVP_sha256(), md, &mdlen);
    x5t_s256 = b64url(std::string(reinterpret_cast<char*>(md), mdlen));
    X509_free(x);
  }
  ~test_certificate() { EVP_PKEY_free(key); }

  std::string sign(const json::object& header, const json::object& claims) const {
    std::string input = b64url(json::serialize(header)) + "." + b64url(json::serialize(claims));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
    std::size_t siglen = 0;
    EVP_DigestSign(ctx, nullptr, &siglen, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string sig(siglen, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &siglen,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    sig.resize(siglen);
    EVP_MD_CTX_free(ctx);
    return input + "." + b64url(sig);
  }
};

std::string json_string(const std::string& s) { return json::serialize(json::value(s)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(token_endpoint)

BOOST_AUTO_TEST_CASE(client_secret_gets_a_bearer_token_like_the_identity_platform) {
  sim_env env;
  auto r = env.token_request({{"grant_type", "client_credentials"},
                              {"client_id", "sim-client"},
                              {"client_secret", "sim-secret"},
                              {"scope", api_scope}});
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.header("Cache-Control").find("no-store") != std::string::npos);
  auto o = parse_json(r.body).as_object();
  BOOST_TEST(o.at("token_type").as_string() == "Bearer");
  BOOST_TEST(o.at("expires_in").as_int64() == 3599);
  BOOST_TEST(o.at("ext_expires_in").as_int64() == 3599);
  std::string token(o.at("access_token").as_string());
  auto claims = jwt_claims(token);
  BOOST_TEST(claims.at("aud").as_string() == "https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net");
  BOOST_TEST(claims.at("tid").as_string() == "sim-tenant");
  BOOST_TEST(claims.at("appid").as_string() == "sim-client");
  BOOST_TEST(claims.at("roles").as_array().size() == 1u);
  BOOST_TEST(claims.at("roles").as_array()[0].as_string() == "ProvisioningAPI.Admin");
  auto iat = claims.at("iat").as_int64();
  BOOST_TEST(claims.at("nbf").as_int64() <= iat);
  BOOST_TEST(claims.at("exp").as_int64() == iat + 3599);
  BOOST_TEST(std::abs(iat - now_s()) <= 5);
  BOOST_TEST(env.stats().at("tokensIssued").to_number<int>() >= 2);
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_invalid_client_7000215) {
  sim_env env;
  auto r = env.token_request({{"grant_type", "client_credentials"},
                              {"client_id", "sim-client"},
                              {"client_secret", "wrong"},
                              {"scope", api_scope}});
  BOOST_TEST(r.status == 401);
  auto o = parse_json(r.body).as_object();
  BOOST_TEST(o.at("error").as_string() == "invalid_client");
  BOOST_TEST(o.at("error_codes").as_array()[0].as_int64() == 7000215);
  BOOST_TEST(std::string(o.at("error_description").as_string()).rfind("AADSTS7000215: ", 0) == 0);
  for (const char* k : {"timestamp", "trace_id", "correlation_id"}) BOOST_TEST(o.contains(k), "missing " << k);
}

BOOST_AUTO_TEST_CASE(other_token_errors_follow_the_identity_platform) {
  sim_env env;
  struct expectation {
    std::vector<std::pair<std::string, std::string>> form;
    std::string tenant;
    int status;
    std::string error;
    std::int64_t code;
  };
  std::vector<expectation> cases{
      {{{"grant_type", "client_credentials"}, {"client_id", "nobody"}, {"client_secret", "x"}, {"scope", api_scope}},
       "sim-tenant",
       400,
       "unauthorized_client",
       700016},
      {{{"grant_type", "client_credentials"},
        {"client_id", "sim-client"},
        {"client_secret", "sim-secret"},
        {"scope", api_scope}},
       "other-tenant",
       400,
       "invalid_request",
       90002},
      {{{"grant_type", "client_credentials"},
        {"client_id", "sim-client"},
        {"client_secret", "sim-secret"},
        {"scope", "https://graph.microsoft.com/.default"}},
       "sim-tenant",
       400,
       "invalid_scope",
       70011},
      {{{"grant_type", "client_credentials"}, {"client_id", "sim-client"}, {"client_secret", "sim-secret"}},
       "sim-tenant",
       400,
       "invalid_request",
       900144},
      {{{"grant_type", "password"}, {"client_id", "sim-client"}, {"client_secret", "sim-secret"}, {"scope", api_scope}},
       "sim-tenant",
       400,
       "unsupported_grant_type",
       70003},
      {{{"client_id", "sim-client"}, {"client_secret", "sim-secret"}, {"scope", api_scope}},
       "sim-tenant",
       400,
       "invalid_request",
       900144},
      {{{"grant_type", "client_credentials"}, {"client_id", "sim-client"}, {"scope", api_scope}},
       "sim-tenant",
       401,
       "invalid_client",
       7000218},
  };
  for (const auto& c : cases) {
    auto r = env.token_request(c.form, c.tenant);
    BOOST_TEST(r.status == c.status, c.error << ": " << r.body);
    auto o = parse_json(r.body).as_object();
    BOOST_TEST(o.at("error").as_string() == c.error);
    BOOST_TEST(o.at("error_codes").as_array()[0].as_int64() == c.code);
  }
  auto r = env.raw("GET", "/sim-tenant/oauth2/v2.0/token");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(env.stats().at("tokenErrors").to_number<int>() == 8);
}

BOOST_AUTO_TEST_CASE(token_lifetime_flag_sets_expires_in) {
  sim_env env(fast_flags({"--token-lifetime", "120"}));
  auto r = env.token_request({{"grant_type", "client_credentials"},
                              {"client_id", "sim-client"},
                              {"client_secret", "sim-secret"},
                              {"scope", api_scope}});
  auto o = parse_json(r.body).as_object();
  BOOST_TEST(o.at("expires_in").as_int64() == 120);
  auto claims = jwt_claims(std::string(o.at("access_token").as_string()));
  BOOST_TEST(claims.at("exp").as_int64() - claims.at("iat").as_int64() == 120);
}

BOOST_AUTO_TEST_CASE(client_flag_registers_clients_with_roles) {
  sim_env env(fast_flags({"--tenant", "contoso-tenant", "--client", "reader:pw1:ProvisioningAPI.Read", "--client",
                          "admin:pw2"}),
              false);
  BOOST_TEST(env.sim.ready().tenant == "contoso-tenant");
  // sim-client is not registered once clients are named.
  auto reader = env.fetch_token("reader", "pw1", "contoso-tenant");
  BOOST_TEST(jwt_claims(reader).at("roles").as_array()[0].as_string() == "ProvisioningAPI.Read");
  auto admin = env.fetch_token("admin", "pw2", "contoso-tenant");
  BOOST_TEST(jwt_claims(admin).at("roles").as_array()[0].as_string() == "ProvisioningAPI.Admin");
}

BOOST_AUTO_TEST_CASE(certificate_client_assertion_gets_a_token) {
  test_certificate cert;
  test_certificate other;
  temp_file config(R"({"clients":[{"clientId":"cert-app","roles":["ProvisioningAPI.Write"],"certificate":)" +
                   json_string(cert.cert_pem) + "}]}");
  sim_process sim(fast_flags({"--config", config.path()}));
  https_test_client client(sim.ready());
  auto assertion_request = [&](const test_certificate& signer, const std::string& x5t, std::int64_t exp,
                               const std::string& aud) {
    json::object header{{"alg", "RS256"}, {"typ", "JWT"}, {"x5t#S256", x5t}};
    json::object claims{{"aud", aud}, {"iss", "cert-app"},   {"sub", "cert-app"},
                        {"jti", "1"}, {"nbf", now_s() - 10}, {"exp", exp}};
    return client.request(
        "POST", "/sim-tenant/oauth2/v2.0/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
        form_encode({{"grant_type", "client_credentials"},
                     {"client_id", "cert-app"},
                     {"scope", api_scope},
                     {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                     {"client_assertion", signer.sign(header, claims)}}));
  };
  auto code_of = [](const http_reply& r) {
    return parse_json(r.body).as_object().at("error_codes").as_array()[0].as_int64();
  };

  auto r = assertion_request(cert, cert.x5t_s256, now_s() + 600, sim.ready().token_url);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto token = std::string(parse_json(r.body).as_object().at("access_token").as_string());
  BOOST_TEST(jwt_claims(token).at("appid").as_string() == "cert-app");

  // The real endpoint's URL as audience is accepted too.
  r = assertion_request(cert, cert.x5t_s256, now_s() + 600,
                        "https://login.microsoftonline.com/sim-tenant/oauth2/v2.0/token");
  BOOST_TEST(r.status == 200);

  r = assertion_request(other, cert.x5t_s256, now_s() + 600, sim.ready().token_url);  // forged signature
  BOOST_TEST(r.status == 401);
  BOOST_TEST(code_of(r) == 700027);
  r = assertion_request(other, other.x5t_s256, now_s() + 600, sim.ready().token_url);  // unregistered certificate
  BOOST_TEST(r.status == 401);
  BOOST_TEST(code_of(r) == 700027);
  r = assertion_request(cert, cert.x5t_s256, now_s() - 60, sim.ready().token_url);  // expired assertion
  BOOST_TEST(r.status == 401);
  BOOST_TEST(code_of(r) == 700024);
  r = assertion_request(cert, cert.x5t_s256, now_s() + 600, "https://elsewhere.example/token");
  BOOST_TEST(r.status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
