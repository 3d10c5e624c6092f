#include "sim/identity/client_certificate.hpp"

#include "sim/identity/base64url.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace acgprov::sim {
namespace {

struct bio_deleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct x509_deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct md_ctx_deleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string digest_b64(X509* cert, const EVP_MD* md) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!X509_digest(cert, md, buf, &len)) throw std::runtime_error("X509_digest failed");
  return base64url_encode(std::string_view(reinterpret_cast<char*>(buf), len));
}

}  // namespace

std::shared_ptr<const client_certificate> client_certificate::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, bio_deleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw std::runtime_error("BIO_new_mem_buf failed");
  std::unique_ptr<X509, x509_deleter> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) throw std::runtime_error("no PEM certificate found in client certificate");
  std::shared_ptr<client_certificate> c(new client_certificate());
  c->x5t_ = digest_b64(cert.get(), EVP_sha1());
  c->x5t_s256_ = digest_b64(cert.get(), EVP_sha256());
  c->key_ = X509_get_pubkey(cert.get());
  if (!c->key_) throw std::runtime_error("client certificate has no usable public key");
  return c;
}

client_certificate::~client_certificate() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

bool client_certificate::verify(std::string_view alg, std::string_view signing_input,
                                std::string_view signature) const {
  bool pss = alg == "PS256";
  if (alg != "RS256" && !pss) return false;
  std::unique_ptr<EVP_MD_CTX, md_ctx_deleter> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) != 1)
    return false;
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) != 1))
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
}

}  // namespace acgprov::sim
