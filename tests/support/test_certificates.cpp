#include "tests/support/test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace acgprov::test {

namespace {

struct bio_free {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct ext_free {
  void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};
using bio_ptr = std::unique_ptr<BIO, bio_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

pkey_ptr new_key(key_type type) {
  EVP_PKEY* k = type == key_type::rsa_2048 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                                           : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  check(k != nullptr, "key generation");
  return pkey_ptr(k);
}

std::string to_pem(void (*write)(BIO*, const void*), const void* obj) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  check(bio != nullptr, "BIO_new");
  write(bio.get(), obj);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, ext_free> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  check(X509_add_ext(cert, ext.get(), -1) == 1, "X509_add_ext");
}

}  // namespace

pem_identity make_certificate(const certificate_spec& spec, const pem_identity* issuer) {
  pkey_ptr key = new_key(spec.key);
  x509_ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");  // v3

  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  serial[0] &= 0x7f;  // positive
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(BN_bin2bn(serial, sizeof serial, nullptr), &BN_free);
  check(bn && BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");

  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(spec.not_before.count())) != nullptr,
        "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.not_after.count())) != nullptr,
        "notAfter");
  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1, -1, 0) == 1,
        "subject");
  check(X509_set_pubkey(cert.get(), key.get()) == 1, "X509_set_pubkey");

  x509_ptr issuer_cert;
  pkey_ptr issuer_key;
  if (issuer) {
    bio_ptr cb(BIO_new_mem_buf(issuer->certificate.data(), static_cast<int>(issuer->certificate.size())));
    issuer_cert.reset(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
    bio_ptr kb(BIO_new_mem_buf(issuer->private_key.data(), static_cast<int>(issuer->private_key.size())));
    issuer_key.reset(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
    check(issuer_cert && issuer_key, "reading the issuer");
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert.get())) == 1, "issuer name");
  } else {
    check(X509_set_issuer_name(cert.get(), name) == 1, "issuer name");
  }
  X509* signer_cert = issuer ? issuer_cert.get() : cert.get();
  EVP_PKEY* signer_key = issuer ? issuer_key.get() : key.get();

  add_ext(cert.get(), signer_cert, NID_basic_constraints, spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_ext(cert.get(), signer_cert, NID_key_usage,
          spec.is_ca ? "critical,keyCertSign,cRLSign,digitalSignature" : "critical,digitalSignature,keyEncipherment");
  if (!spec.is_ca) add_ext(cert.get(), signer_cert, NID_ext_key_usage, "serverAuth,clientAuth");
  add_ext(cert.get(), signer_cert, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(cert.get(), signer_cert, NID_authority_key_identifier, "keyid:always");
  std::string san;
  for (const auto& d : spec.dns_names) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
  for (const auto& ip : spec.ip_addresses) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  if (!san.empty()) add_ext(cert.get(), signer_cert, NID_subject_alt_name, san);

  check(X509_sign(cert.get(), signer_key, EVP_sha256()) > 0, "X509_sign");

  pem_identity out;
  out.certificate = to_pem(
      [](BIO* b, const void* o) { PEM_write_bio_X509(b, static_cast<X509*>(const_cast<void*>(o))); }, cert.get());
  out.private_key = to_pem(
      [](BIO* b, const void* o) {
        PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(const_cast<void*>(o)), nullptr, nullptr, 0, nullptr,
                                 nullptr);
      },
      key.get());
  return out;
}

}  // namespace acgprov::test
