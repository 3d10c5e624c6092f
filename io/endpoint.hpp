#pragma once
// An HTTPS base URL split into what a connection and a request target need.
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::io {

struct endpoint {
  std::string host;       // DNS name or IP literal (no brackets)
  std::string port;       // "443" unless the URL names one
  std::string base_path;  // path prefix without trailing '/', e.g. "" or "/prov"

  std::string host_header() const;  // host[:port], as the Host header wants it
  std::string url() const;          // https://host[:port]base_path
};

// Parses an https:// URL. Throws std::invalid_argument (naming the URL) for anything else:
// plain http is refused because TLS is never optional for the client.
endpoint parse_endpoint(std::string_view url);

// Percent-encodes one path segment (RFC 3986 unreserved characters stay; '+' becomes %2B so
// telephone numbers survive proxies and form decoders).
std::string encode_path_segment(std::string_view s);
// Percent-encodes a query or form value (application/x-www-form-urlencoded style, space = %20).
std::string encode_query_value(std::string_view s);

}  // namespace acgprov::io

namespace acgprov::io {
// The origin-form target (path?query) of an absolute URL the API handed back (nextLink),
// provided it points at the same host and port as `ep`; nullopt otherwise, because following
// a link elsewhere would send our bearer token there.
std::optional<std::string> same_origin_target(const endpoint& ep, std::string_view url);
}  // namespace acgprov::io
