#pragma once
// Azure Core error bodies: {"error":{"code","message","target","details"}} plus the
// x-ms-error-code header. The public contract names no codes but the seed's InvalidRequest,
// so the emulator's codes are its own stable choice, listed in docs/sim.md.
#include "sim/transport/http_message.hpp"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

namespace codes {
inline constexpr std::string_view invalid_request = "InvalidRequest";                  // 400
inline constexpr std::string_view missing_api_version = "MissingApiVersionParameter";  // 400
inline constexpr std::string_view unsupported_api_version = "UnsupportedApiVersion";   // 400
inline constexpr std::string_view unauthorized = "Unauthorized";                       // 401
inline constexpr std::string_view forbidden = "Forbidden";                             // 403
inline constexpr std::string_view not_found = "NotFound";                              // 404
inline constexpr std::string_view method_not_allowed = "MethodNotAllowed";             // 405
inline constexpr std::string_view service_not_enabled = "ServiceNotEnabled";           // 409
inline constexpr std::string_view number_in_use = "NumberInUse";                       // 409
inline constexpr std::string_view account_has_numbers = "AccountHasNumbers";           // 409
inline constexpr std::string_view teams_tenant_locked = "TeamsTenantIdLocked";         // 409
inline constexpr std::string_view conflict = "Conflict";                               // 409, mixed batch
inline constexpr std::string_view precondition_failed = "PreconditionFailed";          // 412
inline constexpr std::string_view payload_too_large = "PayloadTooLarge";               // 413
inline constexpr std::string_view unsupported_media_type = "UnsupportedMediaType";     // 415
inline constexpr std::string_view too_many_requests = "TooManyRequests";               // 429
inline constexpr std::string_view internal_error = "InternalServerError";              // 500 (fault)
inline constexpr std::string_view service_unavailable = "ServiceUnavailable";          // 503 (fault)
}  // namespace codes

struct error_detail {
  std::string code;
  std::string message;
  std::string target;  // omitted from JSON when empty
};

struct api_error {
  unsigned status = 400;
  std::string code;
  std::string message;
  std::string target;
  std::vector<error_detail> details;
};

api_error make_error(unsigned status, std::string_view code, std::string message, std::string target = {});

// {"code","message","target"?} as used both in error bodies and serviceProvisioningErrors.
boost::json::object error_object(const error_detail& e);
// The full response: status, JSON body, x-ms-error-code.
http_response error_response(const api_error& e);

}  // namespace acgprov::sim
