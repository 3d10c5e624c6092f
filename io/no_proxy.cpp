#include "io/no_proxy.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <cstring>
#include <string>

namespace acgprov::io {

namespace {

struct ip_address {
  int family = 0;  // AF_INET or AF_INET6; 0: not an IP address
  std::array<unsigned char, 16> bytes{};
};

ip_address parse_ip(std::string_view text) {
  ip_address out;
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  const std::string s(text);
  if (::inet_pton(AF_INET, s.c_str(), out.bytes.data()) == 1) out.family = AF_INET;
  else if (::inet_pton(AF_INET6, s.c_str(), out.bytes.data()) == 1) out.family = AF_INET6;
  return out;
}

// An entry's address part: "[::1]:443" -> "::1", "10.0.0.1:8080" -> "10.0.0.1", "::1" as is.
std::string_view without_port(std::string_view entry) {
  if (!entry.empty() && entry.front() == '[') {
    auto close = entry.find(']');
    return close == std::string_view::npos ? entry : entry.substr(1, close - 1);
  }
  auto colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos)
    return entry.substr(0, colon);  // one colon: host:port (an IPv6 literal has several)
  return entry;
}

bool ip_in_range(const ip_address& host, std::string_view entry) {
  unsigned bits = host.family == AF_INET ? 32 : 128;
  const unsigned max_bits = bits;
  if (auto slash = entry.find('/'); slash != std::string_view::npos) {
    auto digits = entry.substr(slash + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (ec != std::errc() || p != digits.data() + digits.size() || bits > max_bits) return false;
    entry = entry.substr(0, slash);
  }
  const ip_address net = parse_ip(without_port(entry));
  if (net.family != host.family) return false;
  const unsigned whole = bits / 8, rest = bits % 8;
  if (std::memcmp(host.bytes.data(), net.bytes.data(), whole) != 0) return false;
  if (rest == 0) return true;
  const unsigned mask = (0xFFu << (8 - rest)) & 0xFFu;
  return (host.bytes[whole] & mask) == (net.bytes[whole] & mask);
}

bool name_matches(std::string_view host, std::string_view entry) {
  entry = without_port(entry);
  if (!entry.empty() && entry.back() == '.') entry.remove_suffix(1);
  if (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
  if (entry.empty()) return false;
  if (entry.size() == host.size()) return boost::algorithm::iequals(entry, host);
  if (entry.size() > host.size()) return false;
  return host[host.size() - entry.size() - 1] == '.' &&
         boost::algorithm::iequals(entry, host.substr(host.size() - entry.size()));
}

bool separator(char c) { return c == ',' || c == ' ' || c == '\t'; }

}  // namespace

bool no_proxy_matches(std::string_view list, std::string_view host) {
  if (host.empty()) return false;
  const ip_address ip = parse_ip(host);
  if (!ip.family && host.back() == '.') host.remove_suffix(1);
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && separator(list[i])) ++i;
    std::size_t end = i;
    while (end < list.size() && !separator(list[end])) ++end;
    const std::string_view entry = list.substr(i, end - i);
    i = end;
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (ip.family ? ip_in_range(ip, entry) : name_matches(host, entry)) return true;
  }
  return false;
}

}  // namespace acgprov::io
