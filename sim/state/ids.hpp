#pragma once
// Identifiers the emulator makes up: request/trace ids (random UUIDs) and ETags. ETags are
// opaque quoted strings, new on every write: a counter mixed with a per-process salt, so two
// runs never hand out the same ETag and no two writes in a run share one.
#include <cstdint>
#include <random>
#include <string>

namespace acgprov::sim {

class id_source {
public:
  id_source();         // seeded from std::random_device: ids must differ between runs
  std::string uuid();  // 8-4-4-4-12 lower-case hex, version 4
  std::string etag();  // "\"<16 hex>\"" (quoted, strong)
  std::uint64_t next64() { return rng_(); }

private:
  std::mt19937_64 rng_;
  std::uint64_t salt_;
  std::uint64_t counter_ = 0;
};

}  // namespace acgprov::sim
