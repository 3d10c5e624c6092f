#include "io/log.hpp"

#include "io/utf8.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <unistd.h>
#include <cmath>
#include <ctime>

namespace acgprov::io::log {

namespace {

struct state {
  format fmt = default_format();
  bool verbose = false;
  std::FILE* out = stderr;
  std::string status;  // the status line on screen, empty if none
};

state& the_log() {
  static state s;
  return s;
}

// Log lines carry what servers sent (error messages, pages): always valid UTF-8, so that a
// log pipeline parses every line.
void append_json_string(std::string& out, std::string_view s) {
  out += boost::json::serialize(boost::json::string(valid_utf8(s)));
}

// Text lines go to a terminal: a control character a server put in a message (an escape
// sequence, a carriage return, a newline) is shown as \xHH, never acted on. C1 controls
// (U+0080 to U+009F, which some terminals act on too) as \u00HH.
std::string printable(std::string_view s) {
  const std::string text = valid_utf8(s);
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += buf;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

void append_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  out += buf;
}

void append_value(std::string& out, const field::value_type& v, bool json) {
  if (auto* s = std::get_if<std::string_view>(&v)) {
    if (json) {
      append_json_string(out, *s);
    } else if (s->find_first_of(" \t\"") != std::string_view::npos || s->empty()) {
      // Quoted, with its quotes and backslashes escaped, and its control characters shown.
      std::string quoted;
      for (char c : *s) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      out += '"' + printable(quoted) + '"';
    } else {
      out += printable(*s);
    }
  } else if (auto* i = std::get_if<std::int64_t>(&v)) {
    out += std::to_string(*i);
  } else if (auto* u = std::get_if<std::uint64_t>(&v)) {
    out += std::to_string(*u);
  } else if (auto* d = std::get_if<double>(&v)) {
    append_number(out, *d);
  } else {
    out += std::get<bool>(v) ? "true" : "false";
  }
}

void emit(state& s, const std::string& line) {
  // Erase the status line first (carriage return + erase to end of line), then redraw it
  // under the new line, so that the terminal shows the log above one live line.
  if (!s.status.empty()) std::fputs("\r\033[K", s.out);
  std::fwrite(line.data(), 1, line.size(), s.out);
  if (!s.status.empty()) std::fwrite(s.status.data(), 1, s.status.size(), s.out);
  std::fflush(s.out);
}

}  // namespace

std::string_view to_string(level l) {
  switch (l) {
    case level::debug:
      return "debug";
    case level::info:
      return "info";
    case level::warning:
      return "warning";
    case level::error:
      return "error";
  }
  return "info";
}

bool parse_format(std::string_view s, format& out) {
  if (s == "text") out = format::text;
  else if (s == "json") out = format::json;
  else return false;
  return true;
}

format default_format() { return ::isatty(STDERR_FILENO) ? format::text : format::json; }

void configure(format f, bool verbose) {
  the_log().fmt = f;
  the_log().verbose = verbose;
}

format current_format() { return the_log().fmt; }
bool verbose() { return the_log().verbose; }
bool enabled(level l) { return l != level::debug || the_log().verbose; }

void set_output(std::FILE* out) { the_log().out = out ? out : stderr; }

std::string format_json(std::chrono::system_clock::time_point t, level l, std::string_view event,
                        std::string_view message, std::span<const field> fields) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char stamp[80];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  std::string out = "{\"time\":\"";
  out += stamp;
  out += "\",\"level\":\"";
  out += to_string(l);
  out += "\",\"event\":";
  append_json_string(out, event);
  out += ",\"message\":";
  append_json_string(out, message);
  for (const auto& f : fields) {
    out += ',';
    append_json_string(out, f.key);
    out += ':';
    append_value(out, f.value, true);
  }
  out += "}\n";
  return out;
}

std::string format_text(level l, std::string_view message, std::span<const field> fields) {
  std::string out = "acgprov: ";
  if (l == level::warning) out += "warning: ";
  else if (l == level::error) out += "error: ";
  out += printable(message);
  if (fields.size()) {
    out += " (";
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out += ' ';
      first = false;
      out += f.key;
      out += '=';
      append_value(out, f.value, false);
    }
    out += ')';
  }
  out += '\n';
  return out;
}

void write(level l, std::string_view event, std::string_view message, std::initializer_list<field> fields) {
  auto& s = the_log();
  if (!enabled(l)) return;
  std::span<const field> span(fields.begin(), fields.size());
  emit(s, s.fmt == format::json ? format_json(std::chrono::system_clock::now(), l, event, message, span)
                                : format_text(l, message, span));
}

void set_status(std::string_view line) {
  auto& s = the_log();
  s.status.assign(line);
  std::fputs("\r", s.out);
  std::fwrite(s.status.data(), 1, s.status.size(), s.out);
  std::fputs("\033[K", s.out);
  std::fflush(s.out);
}

void clear_status() {
  auto& s = the_log();
  if (s.status.empty()) return;
  s.status.clear();
  std::fputs("\r\033[K", s.out);
  std::fflush(s.out);
}

}  // namespace acgprov::io::log
