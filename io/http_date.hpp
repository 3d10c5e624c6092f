#pragma once
// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Tue, 15 Nov 1994 08:12:31 GMT": the form Azure expects
// in Repeatability-First-Sent.
#include <chrono>
#include <string>

namespace acgprov::io {
std::string imf_fixdate(std::chrono::system_clock::time_point t);
}
