#pragma once
// Text checks the test files share.
#include <string_view>

namespace acgprov::test {

inline bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace acgprov::test
