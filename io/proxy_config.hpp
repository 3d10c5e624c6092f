#pragma once
// Which HTTP proxy carries the client's HTTPS connections (as CONNECT tunnels), from the
// environment (HTTPS_PROXY, ALL_PROXY, NO_PROXY: curl's names and meaning) and the flags
// --proxy / --no-proxy, which win. Pure: the caller hands in the values it looked up.
//
// The proxy password is a secret like the client secret: it is taken only from an environment
// variable's userinfo (argv is visible to every user), and never printed: proxy_server::url()
// and redact_proxy_url() leave it out.
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::io {

struct proxy_server {
  std::string host;      // DNS name or IP literal (no brackets)
  std::string port;      // "1080" unless the URL names one (curl's default)
  std::string username;  // percent-decoded; empty: no Proxy-Authorization
  std::string password;  // percent-decoded; a secret
  bool has_credentials() const { return !username.empty() || !password.empty(); }
  // http://host:port, without the credentials: for messages and `config check`.
  std::string url() const;
  // host:port, as CONNECT and the Host header want it (IPv6 in brackets).
  std::string authority() const;
};

struct proxy_settings {
  std::optional<proxy_server> server;  // none: every connection goes direct
  std::string no_proxy;                // hosts that go direct anyway (io/no_proxy.hpp)
  std::string source;                  // where `server` came from: "--proxy", "HTTPS_PROXY", ...
  // The proxy for a connection to `host`: none when there is no proxy or NO_PROXY names it.
  const proxy_server* for_host(std::string_view host) const;
};

// Parses a proxy URL: http://[user[:password]@]host[:port][/]; a value without "://" is taken
// as http:// (curl's reading of "proxy.example.net:3128"). Throws std::invalid_argument with a
// message naming `what` (the flag or variable) and the URL with its credentials left out, for
// another scheme (only plain-HTTP proxies speaking CONNECT are supported), a path, query or
// fragment, no host, a bad port, and userinfo when `allow_userinfo` is false.
proxy_server parse_proxy_url(std::string_view url, std::string_view what, bool allow_userinfo);

// `url` with anything between "://" (or the start) and the authority's last '@' replaced by
// "***": safe to print whatever the text holds.
std::string redact_proxy_url(std::string_view url);

// The values the choice is made from; nullopt (or, for a variable, empty): not set.
struct proxy_inputs {
  std::optional<std::string> proxy_flag;             // --proxy URL ("" = no proxy, whatever the environment says)
  std::optional<std::string> no_proxy_flag;          // --no-proxy LIST ("" = none, whatever the environment says)
  std::string https_proxy_lower, https_proxy_upper;  // https_proxy, HTTPS_PROXY
  std::string all_proxy_lower, all_proxy_upper;      // all_proxy, ALL_PROXY
  std::string no_proxy_lower, no_proxy_upper;        // no_proxy, NO_PROXY
};

// curl's precedence: the flag, else https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY (the first
// set); --no-proxy, else no_proxy, NO_PROXY. Userinfo is refused in the flag and accepted in
// the variables. Throws std::invalid_argument as parse_proxy_url does.
proxy_settings choose_proxy(const proxy_inputs& in);

}  // namespace acgprov::io
