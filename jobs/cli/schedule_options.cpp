#include "jobs/cli/schedule_options.hpp"

#include <cmath>
#include <ctime>
#include <regex>

namespace acgprov::jobs {

namespace {

using sys_clock = std::chrono::system_clock;

[[noreturn]] void bad_deadline(std::string_view text) {
  throw usage_error(
      "--deadline wants a duration (90m, 1h30m, 5400s), an RFC 3339 time "
      "(2025-01-31T06:00:00Z) or a clock time (06:00), not '" +
      std::string(text) + "'");
}

// "90m", "1h30m", "5400s", "2.5h", "5400" (seconds). nullopt if it is not a duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  static const std::regex whole(R"(^(\d+(\.\d+)?)$)");
  static const std::regex parts(R"(^((\d+(\.\d+)?)h)?((\d+(\.\d+)?)m)?((\d+(\.\d+)?)s)?$)");
  const std::string s(text);
  std::smatch m;
  double seconds = 0;
  if (std::regex_match(s, m, whole)) {
    seconds = std::stod(m[1]);
  } else if (!s.empty() && std::regex_match(s, m, parts)) {
    if (m[2].matched) seconds += std::stod(m[2]) * 3600;
    if (m[5].matched) seconds += std::stod(m[5]) * 60;
    if (m[8].matched) seconds += std::stod(m[8]);
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || seconds > 366.0 * 24 * 3600) return std::nullopt;
  return std::chrono::milliseconds(std::llround(seconds * 1000));
}

sys_clock::time_point from_local(std::tm tm) {
  tm.tm_isdst = -1;  // let mktime decide whether daylight saving time applies
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) throw usage_error("--deadline: not a valid local time");
  return sys_clock::from_time_t(t);
}

}  // namespace

sys_clock::time_point parse_deadline(std::string_view text, sys_clock::time_point now) {
  if (auto d = parse_duration(text)) return now + *d;

  const std::string s(text);
  std::smatch m;
  static const std::regex clock_time(R"(^(\d{1,2}):(\d{2})(:(\d{2}))?$)");
  if (std::regex_match(s, m, clock_time)) {
    const int h = std::stoi(m[1]), mi = std::stoi(m[2]), se = m[4].matched ? std::stoi(m[4]) : 0;
    if (h > 23 || mi > 59 || se > 59) bad_deadline(text);
    const std::time_t now_t = sys_clock::to_time_t(now);
    std::tm tm{};
    ::localtime_r(&now_t, &tm);
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    auto at = from_local(tm);
    if (at <= now) {
      ++tm.tm_mday;  // mktime normalises the day (and the month, and DST)
      at = from_local(tm);
    }
    return at;
  }

  static const std::regex stamp(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?([Zz]|([+-])(\d{2}):?(\d{2}))?$)");
  if (!std::regex_match(s, m, stamp)) bad_deadline(text);
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = m[7].matched ? std::stoi(m[7]) : 0;
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    bad_deadline(text);
  if (!m[9].matched) return from_local(tm);
  std::time_t t = ::timegm(&tm);
  if (m[10].matched) {
    const long offset = (std::stol(m[11]) * 3600 + std::stol(m[12]) * 60) * (m[10] == "-" ? -1 : 1);
    t -= offset;  // 06:00+01:00 is 05:00Z
  }
  return sys_clock::from_time_t(t);
}

std::string format_duration(std::chrono::seconds d) {
  long long s = std::max<long long>(0, d.count());
  char buf[48];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%lldh %02lldm %02llds", s / 3600, s / 60 % 60, s % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%lldm %02llds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%llds", s);
  return buf;
}

bool parse_schedule_flag(const std::string& flag, const flag_value& value, schedule_options& o) {
  if (flag == "--resume" || flag == "--no-resume") o.resume = flag == "--resume";
  else if (flag == "--progress" || flag == "--no-progress") o.progress = flag == "--progress";
  else if (flag == "--grace") {
    o.grace = std::chrono::milliseconds(std::llround(parse_number_flag(flag, value(), 0) * 1000));
  } else if (flag == "--deadline") {
    o.deadline_text = value();
    o.deadline = parse_deadline(o.deadline_text, sys_clock::now());
  } else {
    return false;
  }
  return true;
}

}  // namespace acgprov::jobs
