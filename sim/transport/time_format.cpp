#include "sim/transport/time_format.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace acgprov::sim {
namespace {

std::tm to_utc(sys_time t) {
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  return tm;
}

bool parse_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<sys_time> from_fields(int year, int month, int day, int hour, int min, int sec) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  std::time_t s = timegm(&tm);
  if (s == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(s);
}

// "Tue, 15 Nov 1994 08:12:31 GMT"
std::optional<sys_time> parse_imf_fixdate(std::string_view s) {
  static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s.substr(25) != " GMT") return std::nullopt;
  int day, year, hour, min, sec;
  if (!parse_digits(s, 5, 2, day) || !parse_digits(s, 12, 4, year) || !parse_digits(s, 17, 2, hour) ||
      !parse_digits(s, 20, 2, min) || !parse_digits(s, 23, 2, sec))
    return std::nullopt;
  if (s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':') return std::nullopt;
  auto mon = s.substr(8, 3);
  for (std::size_t i = 0; i < months.size(); ++i)
    if (months[i] == mon) return from_fields(year, static_cast<int>(i) + 1, day, hour, min, sec);
  return std::nullopt;
}

// "2024-01-18T07:58:49.570Z", "2024-01-18T07:58:49+02:00"
std::optional<sys_time> parse_rfc3339(std::string_view s) {
  int year, month, day, hour, min, sec;
  if (s.size() < 20 || !parse_digits(s, 0, 4, year) || s[4] != '-' || !parse_digits(s, 5, 2, month) || s[7] != '-' ||
      !parse_digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !parse_digits(s, 11, 2, hour) ||
      s[13] != ':' || !parse_digits(s, 14, 2, min) || s[16] != ':' || !parse_digits(s, 17, 2, sec))
    return std::nullopt;
  std::size_t pos = 19;
  std::chrono::milliseconds fraction{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, ms = 0;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    fraction = std::chrono::milliseconds(ms);
  }
  if (pos >= s.size()) return std::nullopt;
  std::chrono::minutes offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!parse_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !parse_digits(s, pos + 4, 2, om))
      return std::nullopt;
    offset = std::chrono::minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto t = from_fields(year, month, day, hour, min, sec);
  if (!t) return std::nullopt;
  return *t + fraction - offset;
}

}  // namespace

std::string format_iso8601(sys_time t) {
  auto tm = to_utc(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms < 0 ? 0 : ms));
  return buf;
}

std::string format_aad_timestamp(sys_time t) {
  auto tm = to_utc(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string format_http_date(sys_time t) {
  auto tm = to_utc(t);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::optional<sys_time> parse_timestamp(std::string_view text) {
  if (auto t = parse_imf_fixdate(text)) return t;
  return parse_rfc3339(text);
}

}  // namespace acgprov::sim
