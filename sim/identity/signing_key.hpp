#pragma once
// The key that signs the emulator's access tokens: ES256 (ECDSA P-256 with SHA-256, RFC 7518
// §3.4), one fresh key per start and per revocation, its public part published as a JWK in the
// tenant's jwks_uri so that any OpenID Connect library can check the tokens. (The identity
// platform signs with RS256; a 2048-bit RSA key costs half a second to make here, on every
// start of every test's emulator, and a verifier handles either the same way.)
#include "sim/identity/jwt.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <string>

namespace acgprov::sim {

class signing_key {
public:
  // Throws std::runtime_error if OpenSSL fails.
  static std::shared_ptr<const signing_key> generate();
  ~signing_key();
  signing_key(const signing_key&) = delete;
  signing_key& operator=(const signing_key&) = delete;

  const std::string& kid() const { return kid_; }
  // A compact JWS of `claims` with header {"alg":"ES256","typ":"JWT","kid":kid}.
  std::string sign_jwt(const boost::json::object& claims) const;
  // Whether `jwt` is ES256 and signed by this key.
  bool verify(const jwt_parts& jwt) const;
  // The public key: {"kty":"EC","use":"sig","alg":"ES256","crv":"P-256","kid","x","y"}.
  boost::json::object jwk() const;

private:
  signing_key() = default;
  void* key_ = nullptr;      // EVP_PKEY*
  std::string kid_, x_, y_;  // x and y base64url
};

}  // namespace acgprov::sim
