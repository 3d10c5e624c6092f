#pragma once
// A certificate registered for a client (config "certificate"): the identity platform accepts
// a client_assertion whose x5t / x5t#S256 header names it and whose signature its public key
// verifies. OpenSSL types stay in the .cpp.
#include <memory>
#include <string>
#include <string_view>

namespace acgprov::sim {

class client_certificate {
public:
  // Parses the first certificate of a PEM text; throws std::runtime_error if there is none.
  static std::shared_ptr<const client_certificate> from_pem(std::string_view pem);
  ~client_certificate();

  const std::string& x5t() const { return x5t_; }            // base64url(SHA-1(DER))
  const std::string& x5t_s256() const { return x5t_s256_; }  // base64url(SHA-256(DER))
  // RS256 (PKCS#1 v1.5) or PS256 over `signing_input`; false for any other alg.
  bool verify(std::string_view alg, std::string_view signing_input, std::string_view signature) const;

private:
  client_certificate() = default;
  void* key_ = nullptr;  // EVP_PKEY*
  std::string x5t_;
  std::string x5t_s256_;
};

}  // namespace acgprov::sim
