#pragma once
// The emulator's TLS identity: a self-signed certificate made at start (OpenSSL 3, EC P-256,
// SAN localhost + 127.0.0.1, basicConstraints CA:TRUE so that the certificate is its own trust
// anchor for clients given it as --ca-file), or a certificate and key read from files.
#include <string>

namespace acgprov::sim {

struct tls_identity {
  std::string certificate_pem;  // chain, leaf first
  std::string private_key_pem;
};

// Throws std::runtime_error if OpenSSL fails.
tls_identity generate_self_signed_identity();
// Throws std::runtime_error if a file cannot be read.
tls_identity load_identity(const std::string& cert_file, const std::string& key_file);

}  // namespace acgprov::sim
