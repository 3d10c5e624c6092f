// The fuzz build defines BOOST_ENABLE_ASSERT_HANDLER (CMakePresets.json, preset fuzz): every
// Boost assertion comes here and aborts, which libFuzzer records as a crash, except one that
// is known to be wrong.
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  // beast#2861: Boost 1.81's chunk parser asserts n >= 5 when a final chunk arrives in small
  // pieces ("0\r\n", then "\r", then "\n"); the code after the assertion is right (it asks
  // for more input), and Boost 1.86 corrected the assertion. Release builds (NDEBUG) never
  // evaluate it.
  if (std::strstr(file, "basic_parser.ipp") && std::strcmp(expr, "n >= 5") == 0) return;
  std::fprintf(stderr, "Boost assertion failed: %s in %s (%s:%ld)\n", expr, function, file, line);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
  std::fprintf(stderr, "Boost assertion failed: %s: %s in %s (%s:%ld)\n", expr, msg, function, file, line);
  std::abort();
}

}  // namespace boost
