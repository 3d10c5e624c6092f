#pragma once
// Helpers shared by the fuzz targets.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace acgprov::fuzz {

// The readers take a path (they stream from a file descriptor). One scratch file per process
// and extension on tmpfs, rewritten for every input.
inline const std::string& scratch_file(std::string_view data, const char* extension) {
  static std::string path;
  path = "/dev/shm/acgprov-fuzz-" + std::to_string(::getpid()) + extension;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) std::abort();
  for (std::size_t done = 0; done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return path;
}

// An invariant of the code under test does not hold: a crash libFuzzer records.
#define ACGPROV_FUZZ_CHECK(cond)                                                         \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

}  // namespace acgprov::fuzz
