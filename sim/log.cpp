#include "sim/log.hpp"

#include <cstdio>
#include <string>

namespace acgprov::sim {
namespace {
log_level current = log_level::error;
}

void set_log_level(std::string_view name) {
  if (name == "quiet") current = log_level::quiet;
  else if (name == "info") current = log_level::info;
  else if (name == "debug") current = log_level::debug;
  else current = log_level::error;
}

bool log_enabled(log_level level) { return level != log_level::quiet && level <= current; }

void log_line(log_level level, std::string_view text) {
  if (!log_enabled(level)) return;
  std::string line = "acgprov-sim: ";
  line.append(text);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace acgprov::sim
