#include "jobs/cli/repeated_options.hpp"

#include "io/log.hpp"
#include "io/proxy_config.hpp"

#include <algorithm>

namespace acgprov::jobs {

namespace {

// Options whose value may name a secret's file (or be one): the warning names the option only.
bool value_is_secret(std::string_view flag) {
  return flag == "--client-secret" || flag == "--client-secret-file" || flag == "--client-key-file" ||
         flag == "--client-certificate-file";
}

// Options whose value is a URL, which may carry user:password@.
bool value_is_url(std::string_view flag) { return flag == "--proxy" || flag == "--endpoint" || flag == "--authority"; }

std::string shown(std::string_view flag, const std::string& value) {
  const std::string v = value_is_url(flag) ? io::redact_proxy_url(value) : value;
  return v.empty() ? "''" : v;
}

std::string times(std::size_t n) { return n == 2 ? "twice" : std::to_string(n) + " times"; }

}  // namespace

std::optional<std::string> repeated_option_warning(std::string_view command, std::string_view flag,
                                                   const std::vector<std::string>& values) {
  if (values.size() < 2) return std::nullopt;
  const std::string& kept = values.back();
  std::vector<std::string> dropped;
  for (std::size_t i = 0; i + 1 < values.size(); ++i)
    if (values[i] != kept && std::find(dropped.begin(), dropped.end(), values[i]) == dropped.end())
      dropped.push_back(values[i]);
  if (dropped.empty()) return std::nullopt;
  std::string out = "acgprov " + std::string(command) + ": " + std::string(flag) + " given " + times(values.size());
  if (value_is_secret(flag)) return out + "; using the last one (the values are not shown)";
  out += "; using " + shown(flag, kept) + " (not ";
  for (std::size_t i = 0; i < dropped.size(); ++i) out += (i ? ", " : "") + shown(flag, dropped[i]);
  return out + ")";
}

void warn_repeated_option(std::string_view command, std::string_view flag, const std::vector<std::string>& values) {
  if (auto message = repeated_option_warning(command, flag, values)) io::log::warning("repeated_option", *message);
}

std::optional<std::string> opposite_switches_warning(std::string_view command, const std::vector<std::string>& given) {
  if (given.empty()) return std::nullopt;
  const std::string& kept = given.back();
  const auto other = std::find_if(given.begin(), given.end(), [&](const std::string& g) { return g != kept; });
  if (other == given.end()) return std::nullopt;
  return "acgprov " + std::string(command) + ": " + *other + " and " + kept + " both given; using " + kept +
         " (the last)";
}

void warn_opposite_switches(std::string_view command, const std::vector<std::string>& given) {
  if (auto message = opposite_switches_warning(command, given)) io::log::warning("repeated_option", *message);
}

}  // namespace acgprov::jobs
