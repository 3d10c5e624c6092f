// The emulator as an identity platform (docs/sim.md §5.1): the tenant's OpenID discovery
// document, its JWKS (the public part of the key that signs the access tokens, checked here
// with OpenSSL), instance discovery, and federated credentials rotated at run time.
#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace json = boost::json;
using namespace acgprov::test;

namespace {

const char* const federated_config = R"({"clients": [
  {"clientId": "sim-client", "secret": "sim-secret", "roles": ["ProvisioningAPI.Admin"]},
  {"clientId": "wi-app", "federatedAssertion": "kube-token-1", "roles": ["ProvisioningAPI.Read"]}]})";

// Verifies an ES256 JWS with the JWK's public point, as any resource server would.
bool es256_verifies(const json::object& jwk, const std::string& token) {
  const std::string x = b64url_decode(std::string(jwk.at("x").as_string()));
  const std::string y = b64url_decode(std::string(jwk.at("y").as_string()));
  std::string point = "\x04" + x + y;  // uncompressed
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  bool ok = EVP_PKEY_fromdata_init(pctx) == 1 && EVP_PKEY_fromdata(pctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  const auto last_dot = token.rfind('.');
  const std::string input = token.substr(0, last_dot);
  const std::string raw = b64url_decode(token.substr(last_dot + 1));
  if (ok && raw.size() == 64) {
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int der_len = i2d_ECDSA_SIG(sig, &der);
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md, der, static_cast<std::size_t>(der_len),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(md);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
  } else {
    ok = false;
  }
  EVP_PKEY_free(key);
  EVP_PKEY_CTX_free(pctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return ok;
}

http_reply federated_token(sim_env& env, const std::string& assertion) {
  return env.token_request({{"grant_type", "client_credentials"},
                            {"client_id", "wi-app"},
                            {"scope", api_scope},
                            {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                            {"client_assertion", assertion}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(identity_platform_tests)

BOOST_AUTO_TEST_CASE(discovery_document_and_jwks_name_this_emulator_and_its_signing_key) {
  sim_env env;
  const auto& ready = env.sim.ready();
  auto r = env.raw("GET", "/sim-tenant/v2.0/.well-known/openid-configuration");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto doc = parse_json(r.body).as_object();
  const std::string base = ready.authority + "/sim-tenant";
  BOOST_TEST(doc.at("issuer").as_string() == base + "/v2.0");
  BOOST_TEST(doc.at("token_endpoint").as_string() == base + "/oauth2/v2.0/token");
  BOOST_TEST(doc.at("authorization_endpoint").as_string() == base + "/oauth2/v2.0/authorize");
  BOOST_TEST(doc.at("jwks_uri").as_string() == base + "/discovery/v2.0/keys");

  auto keys = env.raw("GET", "/sim-tenant/discovery/v2.0/keys");
  BOOST_TEST_REQUIRE(keys.status == 200, keys.body);
  auto set = parse_json(keys.body).as_object().at("keys").as_array();
  BOOST_TEST_REQUIRE(set.size() == 1u);
  const auto jwk = set.front().as_object();
  BOOST_TEST(jwk.at("kty").as_string() == "EC");
  // The access token names that key, its signature verifies with it, and its iss is the issuer.
  const std::string header = env.token.substr(0, env.token.find('.'));
  auto token_header = parse_json(b64url_decode(header)).as_object();
  BOOST_TEST(token_header.at("alg").as_string() == "ES256");
  BOOST_TEST(token_header.at("kid") == jwk.at("kid"));
  BOOST_TEST(es256_verifies(jwk, env.token));
  std::string forged = env.token;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  BOOST_TEST(!es256_verifies(jwk, forged));

  // After a revocation a new key signs, and only it is published.
  BOOST_TEST(
      env.client.request("POST", "/_sim/identity", {{"Content-Type", "application/json"}}, R"({"revokeTokens":true})")
          .status == 200);
  auto after = parse_json(env.raw("GET", "/sim-tenant/discovery/v2.0/keys").body).as_object().at("keys").as_array();
  BOOST_TEST_REQUIRE(after.size() == 1u);
  BOOST_TEST(after.front().as_object().at("kid") != jwk.at("kid"));
  BOOST_TEST(es256_verifies(after.front().as_object(), env.fetch_token()));

  BOOST_TEST(env.raw("GET", "/no-such-tenant/v2.0/.well-known/openid-configuration").status == 400);
  auto instance = env.raw(
      "GET", "/common/discovery/instance?api-version=1.1&authorization_endpoint=" + base + "/oauth2/v2.0/authorize");
  BOOST_TEST_REQUIRE(instance.status == 200, instance.body);
  BOOST_TEST(parse_json(instance.body).as_object().at("tenant_discovery_endpoint").as_string() ==
             base + "/v2.0/.well-known/openid-configuration");
}

BOOST_AUTO_TEST_CASE(federated_assertion_is_accepted_rotated_and_never_echoed) {
  temp_file config(federated_config);
  sim_env env(fast_flags({"--config", config.path()}));
  BOOST_TEST(federated_token(env, "kube-token-1").status == 200);
  auto wrong = federated_token(env, "kube-token-of-another-cluster");
  BOOST_TEST(wrong.status == 400);
  BOOST_TEST(wrong.body.find("AADSTS70021") != std::string::npos, wrong.body);
  BOOST_TEST(wrong.body.find("kube-token-of-another-cluster") == std::string::npos);

  auto rotate = [&](const char* next) {
    const std::string body = R"({"clients":[{"clientId":"wi-app","federatedAssertion":")" + std::string(next) + "\"}]}";
    BOOST_TEST(env.client.request("POST", "/_sim/identity", {{"Content-Type", "application/json"}}, body).status ==
               200);
  };
  rotate("kube-token-2");
  BOOST_TEST(federated_token(env, "kube-token-2").status == 200);
  BOOST_TEST(federated_token(env, "kube-token-1").status == 200);  // the replaced one is still good
  auto uses = parse_json(env.raw("GET", "/_sim/identity").body).as_object().at("federatedClients").as_array();
  BOOST_TEST_REQUIRE(uses.size() == 1u);
  BOOST_TEST(uses.front().as_object().at("currentAssertionUses").to_number<int>() == 1);
  BOOST_TEST(uses.front().as_object().at("previousAssertionUses").to_number<int>() == 2);
  BOOST_TEST(env.raw("GET", "/_sim/identity").body.find("kube-token") == std::string::npos);
  rotate("kube-token-3");
  BOOST_TEST(federated_token(env, "kube-token-1").status == 400);  // two rotations ago: refused
  BOOST_TEST(federated_token(env, "kube-token-2").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
