#pragma once
// Minimal stderr logging: stdout carries only the ready line, which tests parse.
#include <string_view>

namespace acgprov::sim {

enum class log_level { quiet, error, info, debug };

void set_log_level(std::string_view name);  // quiet | error | info | debug
bool log_enabled(log_level level);
void log_line(log_level level, std::string_view text);

}  // namespace acgprov::sim
