#include "sim/identity/jwt.hpp"

#include "sim/identity/base64url.hpp"

#include <openssl/rand.h>
#include <boost/json.hpp>

#include <stdexcept>

namespace acgprov::sim {
namespace {

std::optional<boost::json::object> decode_object(std::string_view b64) {
  auto raw = base64url_decode(b64);
  if (!raw) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(*raw, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

}  // namespace

std::optional<jwt_parts> decode_jwt(std::string_view token) {
  auto d1 = token.find('.');
  if (d1 == std::string_view::npos) return std::nullopt;
  auto d2 = token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) return std::nullopt;
  auto header = decode_object(token.substr(0, d1));
  auto claims = decode_object(token.substr(d1 + 1, d2 - d1 - 1));
  auto sig = base64url_decode(token.substr(d2 + 1));
  if (!header || !claims || !sig) return std::nullopt;
  // Only the canonical encoding counts: the last character of a base64url text also carries
  // unused bits, and a verifier that ignored them would accept an altered token.
  if (base64url_encode(*sig) != token.substr(d2 + 1)) return std::nullopt;
  return jwt_parts{std::move(*header), std::move(*claims), std::string(token.substr(0, d2)), std::move(*sig)};
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return out;
}

}  // namespace acgprov::sim
