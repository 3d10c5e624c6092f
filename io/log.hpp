#pragma once
// The process's log on stderr: one line per event. Human-readable text on a terminal, JSON
// Lines otherwise (or as --log-format says), so that a scheduler can parse every line. No
// Asio: any layer may log. Written from one thread (the run's io_context, or start-up code
// before it runs). A live status line (the progress line) is owned here too, so that a log
// line never lands in the middle of it: it is erased, the line written, and it is redrawn.
//
// Secrets never go in: callers pass request paths without query strings and never headers.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace acgprov::io::log {

enum class format { text, json };
enum class level { debug, info, warning, error };

std::string_view to_string(level l);
// "text" or "json" into `out`; false for anything else.
bool parse_format(std::string_view s, format& out);

// One key/value of an event. Keys are camelCase words; string values are referenced, not
// copied: a field lives only for the call it is passed to.
struct field {
  using value_type = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;
  field(std::string_view k, std::string_view v) : key(k), value(v) {}
  field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  field(std::string_view k, long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  field(std::string_view k, long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  field(std::string_view k, unsigned v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  field(std::string_view k, unsigned long long v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  field(std::string_view k, double v) : key(k), value(v) {}
  field(std::string_view k, bool v) : key(k), value(v) {}
  std::string_view key;
  value_type value;
};

// Text when stderr is a terminal, else JSON.
format default_format();
// Sets the format and whether debug events (every request) are written. Before any call the
// log uses default_format() and is not verbose.
void configure(format f, bool verbose);
format current_format();
bool verbose();
bool enabled(level l);

// Writes one event: `event` is a stable machine name (request_failed, summary, ...),
// `message` the human sentence. Ignored if the level is not enabled.
void write(level l, std::string_view event, std::string_view message, std::initializer_list<field> fields = {});
inline void info(std::string_view event, std::string_view message, std::initializer_list<field> fields = {}) {
  write(level::info, event, message, fields);
}
inline void warning(std::string_view event, std::string_view message, std::initializer_list<field> fields = {}) {
  write(level::warning, event, message, fields);
}
inline void error(std::string_view event, std::string_view message, std::initializer_list<field> fields = {}) {
  write(level::error, event, message, fields);
}

// The live status line (terminal only; callers check). set_status draws or redraws it in
// place; clear_status erases it (for good, until the next set_status).
void set_status(std::string_view line);
void clear_status();

// Where lines go (default stderr); tests point it at a temporary file.
void set_output(std::FILE* out);

// The pure formatting, for tests: one line each, with its trailing newline.
std::string format_json(std::chrono::system_clock::time_point t, level l, std::string_view event,
                        std::string_view message, std::span<const field> fields);
std::string format_text(level l, std::string_view message, std::span<const field> fields);

}  // namespace acgprov::io::log
