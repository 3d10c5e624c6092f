#pragma once
// Random UUID v4 strings for x-ms-client-request-id and Repeatability-Request-ID.
#include <string>

namespace acgprov::io {
std::string make_uuid();
}
