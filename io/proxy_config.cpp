#include "io/proxy_config.hpp"

#include "io/no_proxy.hpp"

#include <boost/url/parse.hpp>

#include <charconv>
#include <stdexcept>

namespace acgprov::io {

std::string proxy_server::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

std::string proxy_server::url() const { return "http://" + authority(); }

const proxy_server* proxy_settings::for_host(std::string_view host) const {
  if (!server || no_proxy_matches(no_proxy, host)) return nullptr;
  return &*server;
}

std::string redact_proxy_url(std::string_view url) {
  const auto scheme = url.find("://");
  const std::size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
  const auto at = url.substr(start, end - start).rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, start)) + "***" + std::string(url.substr(start + at));
}

proxy_server parse_proxy_url(std::string_view url, std::string_view what, bool allow_userinfo) {
  const std::string shown = redact_proxy_url(url);
  auto refuse = [&](const std::string& why) {
    return std::invalid_argument(std::string(what) + " " + shown + ": " + why);
  };
  const std::string text = url.find("://") == std::string_view::npos ? "http://" + std::string(url) : std::string(url);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw refuse("not a URL");
  const auto& u = *parsed;
  if (u.scheme() != "http")
    throw refuse("only http:// proxies are supported (the tunnel to the API is TLS end to end); not " +
                 std::string(u.scheme()) + "://");
  if (u.has_query() || u.has_fragment() || (!u.encoded_path().empty() && u.encoded_path() != "/"))
    throw refuse("a proxy URL is http://host:port, without a path, query or fragment");
  if (u.has_userinfo() && !allow_userinfo)
    throw std::invalid_argument(std::string(what) +
                                " must not carry credentials: the command line is visible to every user of the "
                                "machine; put http://user:password@host:port in HTTPS_PROXY instead");
  proxy_server out;
  out.host = u.host_address();
  if (out.host.empty()) throw refuse("no host");
  out.port = u.has_port() ? std::string(u.port()) : "1080";
  unsigned port = 0;
  auto [p, ec] = std::from_chars(out.port.data(), out.port.data() + out.port.size(), port);
  if (ec != std::errc() || p != out.port.data() + out.port.size() || port == 0 || port > 65535)
    throw refuse("bad port");
  if (u.has_userinfo()) {
    out.username = u.user();
    out.password = u.password();
  }
  return out;
}

proxy_settings choose_proxy(const proxy_inputs& in) {
  proxy_settings out;
  if (in.proxy_flag) {
    if (!in.proxy_flag->empty()) out.server = parse_proxy_url(*in.proxy_flag, "--proxy", false);
    out.source = "--proxy";
  } else {
    const std::pair<const char*, const std::string*> vars[] = {{"https_proxy", &in.https_proxy_lower},
                                                               {"HTTPS_PROXY", &in.https_proxy_upper},
                                                               {"all_proxy", &in.all_proxy_lower},
                                                               {"ALL_PROXY", &in.all_proxy_upper}};
    for (const auto& [name, value] : vars) {
      if (value->empty()) continue;
      out.server = parse_proxy_url(*value, name, true);
      out.source = name;
      break;
    }
  }
  if (in.no_proxy_flag) out.no_proxy = *in.no_proxy_flag;
  else out.no_proxy = !in.no_proxy_lower.empty() ? in.no_proxy_lower : in.no_proxy_upper;
  return out;
}

}  // namespace acgprov::io
