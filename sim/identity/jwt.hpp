#pragma once
// Compact JWS handling for the two kinds of JWT the emulator sees: the access tokens it
// issues (ES256, sim/identity/signing_key.hpp) and client assertions (RS256/PS256 signed with a
// registered certificate's key).
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace acgprov::sim {

struct jwt_parts {
  boost::json::object header;
  boost::json::object claims;
  std::string signing_input;  // "<b64 header>.<b64 claims>"
  std::string signature;      // raw bytes
};

// Splits and decodes; nullopt if it is not three base64url parts of JSON objects.
std::optional<jwt_parts> decode_jwt(std::string_view token);

// Random bytes from OpenSSL's CSPRNG; throws std::runtime_error if it fails.
std::string random_bytes(std::size_t n);

}  // namespace acgprov::sim
