#pragma once
// Base64url without padding (RFC 7515 §2), the JWT encoding.
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::sim {

std::string base64url_encode(std::string_view bytes);
// Accepts input with or without '=' padding; nullopt on any other character.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace acgprov::sim
