#include "sim/identity/signing_key.hpp"

#include "sim/identity/base64url.hpp"

#include <boost/json.hpp>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace acgprov::sim {
namespace {

constexpr int coordinate_size = 32;  // P-256

struct bn_free {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct sig_free {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string coordinate(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("cannot read the EC public key");
  std::unique_ptr<BIGNUM, bn_free> bn(raw);
  std::string out(coordinate_size, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), coordinate_size) != coordinate_size)
    throw std::runtime_error("cannot encode the EC public key");
  return out;
}

}  // namespace

std::shared_ptr<const signing_key> signing_key::generate() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (!key) throw std::runtime_error("cannot generate a P-256 key");
  std::shared_ptr<signing_key> out(new signing_key());
  out->key_ = key;
  const std::string x = coordinate(key, OSSL_PKEY_PARAM_EC_PUB_X), y = coordinate(key, OSSL_PKEY_PARAM_EC_PUB_Y);
  out->x_ = base64url_encode(x);
  out->y_ = base64url_encode(y);
  // A key id that names this key and no other: the start of the hash of its public point.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const std::string point = x + y;
  if (EVP_Digest(point.data(), point.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("cannot hash the EC public key");
  out->kid_ = base64url_encode(std::string_view(reinterpret_cast<char*>(digest), 16));
  return out;
}

signing_key::~signing_key() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string signing_key::sign_jwt(const boost::json::object& claims) const {
  boost::json::object header{{"alg", "ES256"}, {"typ", "JWT"}, {"kid", kid_}};
  const std::string input =
      base64url_encode(boost::json::serialize(header)) + "." + base64url_encode(boost::json::serialize(claims));
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) != 1)
    throw std::runtime_error("cannot start an ES256 signature");
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1)
    throw std::runtime_error("ES256 sizing failed");
  std::string der(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len, data, input.size()) != 1)
    throw std::runtime_error("ES256 signature failed");
  // OpenSSL gives DER; a JWS carries r and s as two fixed-size big-endian numbers (RFC 7518 §3.4).
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, sig_free> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!sig) throw std::runtime_error("ES256 signature unreadable");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * coordinate_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, coordinate_size) != coordinate_size ||
      BN_bn2binpad(s, out + coordinate_size, coordinate_size) != coordinate_size)
    throw std::runtime_error("ES256 signature encoding failed");
  return input + "." + base64url_encode(raw);
}

bool signing_key::verify(const jwt_parts& jwt) const {
  auto* alg = jwt.header.if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != "ES256") return false;
  if (jwt.signature.size() != 2 * coordinate_size) return false;
  const auto* raw = reinterpret_cast<const unsigned char*>(jwt.signature.data());
  std::unique_ptr<ECDSA_SIG, sig_free> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(raw, coordinate_size, nullptr);
  BIGNUM* s = BN_bin2bn(raw + coordinate_size, coordinate_size, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_len <= 0) return false;
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) == 1 &&
      EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_len),
                       reinterpret_cast<const unsigned char*>(jwt.signing_input.data()), jwt.signing_input.size()) == 1;
  OPENSSL_free(der);
  return ok;
}

boost::json::object signing_key::jwk() const {
  return {{"kty", "EC"}, {"use", "sig"}, {"alg", "ES256"}, {"crv", "P-256"}, {"kid", kid_}, {"x", x_}, {"y", y_}};
}

}  // namespace acgprov::sim
