#pragma once
// A test that cannot run in this environment (a tool not installed, an OpenSSL without an old
// protocol) says so in one line that scripts/list_skips.sh finds in CTest's log and `.ci/run`
// prints, instead of passing silently.
#include <iostream>
#include <string>

namespace acgprov::test {

inline void report_skip(const std::string& test, const std::string& reason) {
  std::cout << "SKIP: " << test << ": " << reason << std::endl;
}

}  // namespace acgprov::test
