#pragma once
// Certificates made at test time with OpenSSL 3: a CA and leaves signed by it, with chosen
// names, validity and key type, for the TLS and client-certificate tests. Nothing is checked
// in: every run makes its own, so no test fails because a fixture certificate expired.
#include <chrono>
#include <string>
#include <vector>

namespace acgprov::test {

struct pem_identity {
  std::string certificate;  // PEM
  std::string private_key;  // PEM (PKCS#8, unencrypted)
};

enum class key_type { ec_p256, rsa_2048 };

struct certificate_spec {
  std::string common_name = "acgprov test";
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries
  bool is_ca = false;                     // basicConstraints CA:TRUE, keyCertSign
  // Validity relative to now; a not_after in the past makes an expired certificate.
  std::chrono::seconds not_before{-3600};
  std::chrono::seconds not_after{24 * 3600};
  key_type key = key_type::ec_p256;
};

// Self-signed when `issuer` is null, else signed by the issuer's key with its subject as
// issuer name. Throws std::runtime_error if OpenSSL fails.
pem_identity make_certificate(const certificate_spec& spec, const pem_identity* issuer = nullptr);

}  // namespace acgprov::test
