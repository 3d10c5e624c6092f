// Certificate credentials (issue 7): the client assertion JWT is what Microsoft documents and
// its signature verifies with the certificate's public key.
#include "auth/client_assertion_source.hpp"
#include "tests/support/test_certificates.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace acgprov;
namespace json = boost::json;

namespace {

std::string base64url_decode(std::string_view in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0, value = 0;
  for (char c : in) {
    auto at = alphabet.find(c);
    BOOST_TEST_REQUIRE(at != std::string::npos, "not base64url: " << c);
    value = value << 6 | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>(value >> bits & 0xff));
    }
  }
  return out;
}

std::vector<std::string> split_jwt(const std::string& jwt) {
  auto a = jwt.find('.'), b = jwt.find('.', a + 1);
  BOOST_TEST_REQUIRE((a != std::string::npos && b != std::string::npos && jwt.find('.', b + 1) == std::string::npos));
  return {jwt.substr(0, a), jwt.substr(a + 1, b - a - 1), jwt.substr(b + 1)};
}

bool verifies(const std::string& cert_pem, const std::string& input, const std::string& signature) {
  BIO* bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  EVP_PKEY* key = X509_get_pubkey(cert);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  BIO_free(bio);
  return ok;
}

std::string der_sha256_b64url(const std::string& cert_pem) {
  BIO* bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  unsigned char md[32];
  unsigned int len = 0;
  X509_digest(cert, EVP_sha256(), md, &len);
  X509_free(cert);
  BIO_free(bio);
  return auth::base64url_encode(std::string_view(reinterpret_cast<char*>(md), len));
}

const test::pem_identity& rsa_identity() {
  static const auto id = test::make_certificate({.common_name = "acgprov app", .key = test::key_type::rsa_2048});
  return id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_assertion)

BOOST_AUTO_TEST_CASE(base64url_has_no_padding_and_url_alphabet) {
  BOOST_TEST(auth::base64url_encode("") == "");
  BOOST_TEST(auth::base64url_encode("f") == "Zg");
  BOOST_TEST(auth::base64url_encode("fo") == "Zm8");
  BOOST_TEST(auth::base64url_encode("foo") == "Zm9v");
  BOOST_TEST(auth::base64url_encode("\xfb\xff\xbf") == "-_-_");
}

BOOST_AUTO_TEST_CASE(assertion_is_the_documented_jwt_and_verifies) {
  const auto& id = rsa_identity();
  auto cert = auth::signing_certificate::from_pem(id.certificate + id.private_key, "");
  BOOST_TEST(cert->x5t_s256() == der_sha256_b64url(id.certificate));

  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  const std::string aud = "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token";
  auto jwt = auth::make_client_assertion(*cert, "app-1", aud, now, "jti-1");
  auto parts = split_jwt(jwt);

  auto header = json::parse(base64url_decode(parts[0])).as_object();
  BOOST_TEST(header.at("alg").as_string() == "RS256");
  BOOST_TEST(header.at("typ").as_string() == "JWT");
  BOOST_TEST(header.at("x5t#S256").as_string() == cert->x5t_s256());
  auto claims = json::parse(base64url_decode(parts[1])).as_object();
  BOOST_TEST(claims.at("aud").as_string() == aud);
  BOOST_TEST(claims.at("iss").as_string() == "app-1");
  BOOST_TEST(claims.at("sub").as_string() == "app-1");
  BOOST_TEST(claims.at("jti").as_string() == "jti-1");
  BOOST_TEST(claims.at("nbf").as_int64() == 1'700'000'000);
  BOOST_TEST(claims.at("iat").as_int64() == 1'700'000'000);
  BOOST_TEST(claims.at("exp").as_int64() == 1'700'000'600);

  BOOST_TEST(verifies(id.certificate, parts[0] + "." + parts[1], base64url_decode(parts[2])));
  BOOST_TEST(!verifies(id.certificate, parts[0] + "." + parts[1] + "x", base64url_decode(parts[2])));
}

BOOST_AUTO_TEST_CASE(key_may_come_from_its_own_file) {
  const auto& id = rsa_identity();
  auto cert = auth::signing_certificate::from_pem(id.certificate, id.private_key);
  BOOST_TEST(cert->x5t_s256() == der_sha256_b64url(id.certificate));
}

BOOST_AUTO_TEST_CASE(unusable_credentials_are_refused_with_a_reason) {
  const auto& id = rsa_identity();
  auto other = test::make_certificate({.common_name = "other", .key = test::key_type::rsa_2048});
  auto ec = test::make_certificate({.common_name = "ec"});
  auto message = [](std::string_view cert, std::string_view key) -> std::string {
    try {
      auth::signing_certificate::from_pem(cert, key);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "accepted";
  };
  BOOST_TEST(message("", "") == "no PEM certificate found");
  BOOST_TEST(message(id.certificate, "").find("no usable PEM private key") == 0u);
  BOOST_TEST(message(id.certificate, other.private_key) == "the private key does not belong to the certificate");
  BOOST_TEST(message(ec.certificate, ec.private_key) == "the private key is not an RSA key");
  // The messages never carry key material.
  BOOST_TEST(message(id.certificate, other.private_key).find("PRIVATE") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
