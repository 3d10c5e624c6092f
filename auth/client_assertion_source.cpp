#include "auth/client_assertion_source.hpp"

#include "auth/token_request.hpp"
#include "io/endpoint.hpp"
#include "io/request_id.hpp"

#include <boost/json.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace acgprov::auth {

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
struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::unique_ptr<BIO, bio_free> memory_bio(std::string_view pem) {
  std::unique_ptr<BIO, bio_free> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw std::runtime_error("out of memory reading a PEM text");
  return bio;
}

// Refuses to prompt for a passphrase: an encrypted key fails to load instead of blocking.
int no_passphrase(char*, int, int, void*) { return 0; }

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63], alphabet[v >> 6 & 63], alphabet[v & 63]};
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    if (rest == 2) out += alphabet[v >> 6 & 63];
  }
  return out;  // no padding (RFC 7515 §2)
}

std::shared_ptr<const signing_certificate> signing_certificate::from_pem(std::string_view cert_pem,
                                                                         std::string_view key_pem) {
  auto cert_bio = memory_bio(cert_pem);
  std::unique_ptr<X509, x509_free> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, no_passphrase, nullptr));
  if (!cert) throw std::runtime_error("no PEM certificate found");
  auto key_bio = memory_bio(key_pem.empty() ? cert_pem : key_pem);
  std::unique_ptr<EVP_PKEY, pkey_free> key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr));
  if (!key)
    throw std::runtime_error(
        "no usable PEM private key found (an encrypted key is not supported: "
        "decrypt it with `openssl pkey` and keep the file mode 600)");
  // The identity platform verifies RS256 (RSA) assertions; Microsoft's certificate
  // credentials are RSA.
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) throw std::runtime_error("the private key is not an RSA key");
  if (X509_check_private_key(cert.get(), key.get()) != 1)
    throw std::runtime_error("the private key does not belong to the certificate");

  int der_len = i2d_X509(cert.get(), nullptr);
  if (der_len <= 0) throw std::runtime_error("cannot encode the certificate");
  std::string der(static_cast<std::size_t>(der_len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert.get(), &p);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digest_len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("cannot hash the certificate");

  std::shared_ptr<signing_certificate> out(new signing_certificate());
  out->x5t_s256_ = base64url_encode(std::string_view(reinterpret_cast<char*>(digest), digest_len));
  out->key_ = key.release();
  return out;
}

signing_certificate::~signing_certificate() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string signing_certificate::sign_rs256(std::string_view input) const {
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  // RSA keys sign with PKCS#1 v1.5 padding by default: exactly RS256 (RFC 7518 §3.3).
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) != 1)
    throw std::runtime_error("cannot start an RS256 signature");
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1)
    throw std::runtime_error("cannot size an RS256 signature");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size()) != 1)
    throw std::runtime_error("cannot make an RS256 signature");
  sig.resize(len);
  return sig;
}

std::string make_client_assertion(const signing_certificate& cert, const std::string& client_id,
                                  const std::string& audience, std::chrono::system_clock::time_point now,
                                  const std::string& jti) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  boost::json::object header;
  header["alg"] = "RS256";
  header["typ"] = "JWT";
  header["x5t#S256"] = cert.x5t_s256();
  boost::json::object claims;
  claims["aud"] = audience;
  claims["iss"] = client_id;
  claims["sub"] = client_id;
  claims["jti"] = jti;
  claims["nbf"] = t;
  claims["iat"] = t;
  claims["exp"] = t + 600;  // ten minutes: the assertion is used at once, and only once
  std::string input =
      base64url_encode(boost::json::serialize(header)) + "." + base64url_encode(boost::json::serialize(claims));
  std::string signature = cert.sign_rs256(input);
  return input + "." + base64url_encode(signature);
}

client_assertion_source::client_assertion_source(net::any_io_executor ex,
                                                 std::shared_ptr<boost::asio::ssl::context> tls,
                                                 client_credentials creds,
                                                 std::shared_ptr<const signing_certificate> cert,
                                                 io::proxy_settings proxy)
    : creds_(std::move(creds)),
      cert_(std::move(cert)),
      client_(std::move(ex), std::move(tls), io::parse_endpoint(creds_.authority),
              {.max_idle = 2, .proxy = std::move(proxy)}) {
  creds_.client_secret.clear();
  target_ = client_.target().base_path + "/" + io::encode_path_segment(creds_.tenant) + "/oauth2/v2.0/token";
}

std::string client_assertion_source::request_body() const {
  const std::string assertion = make_client_assertion(*cert_, creds_.client_id, token_url(creds_),
                                                      std::chrono::system_clock::now(), io::make_uuid());
  return "grant_type=client_credentials&client_id=" + io::encode_query_value(creds_.client_id) +
         "&scope=" + io::encode_query_value(creds_.scope) +
         "&client_assertion_type=" + io::encode_query_value("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
         "&client_assertion=" + io::encode_query_value(assertion);
}

awaitable<token_result<access_token>> client_assertion_source::fetch() {
  const client_assertion_source* self = this;  // outlives the request: it owns the client
  std::function<std::string()> body = [self] { return self->request_body(); };
  // Named locals, no temporaries in the co_await expression (GCC 12, docs/CONTRIBUTING.md).
  std::string url = token_url(creds_);
  auto result = co_await request_token(client_, target_, std::move(url), std::move(body));
  co_return result;
}

}  // namespace acgprov::auth
