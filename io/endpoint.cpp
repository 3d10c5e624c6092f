#include "io/endpoint.hpp"

#include <boost/url/parse.hpp>

#include <stdexcept>

namespace acgprov::io {

std::string endpoint::host_header() const {
  bool ipv6 = host.find(':') != std::string::npos;
  std::string h = ipv6 ? "[" + host + "]" : host;
  return port == "443" ? h : h + ":" + port;
}

std::string endpoint::url() const { return "https://" + host_header() + base_path; }

endpoint parse_endpoint(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("not a URL: " + std::string(url));
  const auto& u = *parsed;
  if (u.scheme() != "https") throw std::invalid_argument("endpoint must be an https:// URL: " + std::string(url));
  if (u.has_userinfo() || u.has_query() || u.has_fragment())
    throw std::invalid_argument("endpoint must not carry credentials, a query or a fragment: " + std::string(url));
  endpoint ep;
  ep.host = u.host_address();  // IPv6 without brackets
  if (ep.host.empty()) throw std::invalid_argument("endpoint has no host: " + std::string(url));
  ep.port = u.has_port() ? std::string(u.port()) : "443";
  ep.base_path = std::string(u.encoded_path());
  while (!ep.base_path.empty() && ep.base_path.back() == '/') ep.base_path.pop_back();
  return ep;
}

namespace {
bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}
std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    if (unreserved(static_cast<char>(c))) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}
}  // namespace

std::string encode_path_segment(std::string_view s) { return percent_encode(s); }
std::string encode_query_value(std::string_view s) { return percent_encode(s); }

}  // namespace acgprov::io

namespace acgprov::io {

std::optional<std::string> same_origin_target(const endpoint& ep, std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "https") return std::nullopt;
  std::string port = parsed->has_port() ? std::string(parsed->port()) : "443";
  if (parsed->host_address() != ep.host || port != ep.port) return std::nullopt;
  std::string target(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());
  return target;
}

}  // namespace acgprov::io
