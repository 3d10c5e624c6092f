#pragma once
// OAuth 2.0 client credentials with a certificate, as Microsoft recommends for production
// apps: instead of a secret, each token request carries a client_assertion, a short-lived JWT
// signed RS256 with the app's private key and naming its certificate by SHA-256 thumbprint
// (x5t#S256). https://learn.microsoft.com/entra/identity-platform/certificate-credentials
#include "auth/client_secret_source.hpp"
#include "auth/token_source.hpp"
#include "io/https_client.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace acgprov::auth {

// The app's certificate and its RSA private key. OpenSSL types stay in the .cpp.
class signing_certificate {
public:
  // `cert_pem` holds the certificate (the first one is used) and, when `key_pem` is empty, the
  // private key too. Throws std::runtime_error saying what is wrong (no certificate, no or an
  // encrypted key, not RSA, key and certificate do not match), never quoting key material.
  static std::shared_ptr<const signing_certificate> from_pem(std::string_view cert_pem, std::string_view key_pem);
  ~signing_certificate();
  signing_certificate(const signing_certificate&) = delete;
  signing_certificate& operator=(const signing_certificate&) = delete;

  const std::string& x5t_s256() const { return x5t_s256_; }  // base64url(SHA-256(DER))
  // RSASSA-PKCS1-v1_5 with SHA-256 over `input`. Throws std::runtime_error if OpenSSL fails.
  std::string sign_rs256(std::string_view input) const;

private:
  signing_certificate() = default;
  void* key_ = nullptr;  // EVP_PKEY*
  std::string x5t_s256_;
};

std::string base64url_encode(std::string_view bytes);

// The client assertion JWT: header {"alg":"RS256","typ":"JWT","x5t#S256":...}; claims aud =
// `audience` (the token URL), iss = sub = `client_id`, jti, nbf = iat = now, exp = now + 10 min.
std::string make_client_assertion(const signing_certificate& cert, const std::string& client_id,
                                  const std::string& audience, std::chrono::system_clock::time_point now,
                                  const std::string& jti);

class client_assertion_source final : public token_source {
public:
  // `creds.client_secret` is ignored. Throws std::invalid_argument if the authority is not https.
  // Token requests go through `proxy` unless its NO_PROXY names the authority.
  client_assertion_source(net::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
                          client_credentials creds, std::shared_ptr<const signing_certificate> cert,
                          io::proxy_settings proxy = {});
  awaitable<token_result<access_token>> fetch() override;
  void abort() override { client_.abort_all(); }

  // The form body of one token request, with a freshly signed assertion.
  std::string request_body() const;

private:
  client_credentials creds_;
  std::shared_ptr<const signing_certificate> cert_;
  io::https_client client_;
  std::string target_;
};

}  // namespace acgprov::auth
