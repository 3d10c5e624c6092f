// Proxy configuration (issue 15): NO_PROXY with curl's meaning, proxy URLs, the precedence of
// flags and variables, and the proxy password kept out of every message.
#include "io/proxy_config.hpp"
#include "io/connection_reuse.hpp"
#include "io/no_proxy.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

using namespace acgprov::io;

namespace {

// The message of the std::invalid_argument `f` throws ("" if none).
template <class F>
std::string proxy_refusal(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_config_tests)

BOOST_AUTO_TEST_CASE(no_proxy_names_and_domain_suffixes_as_curl) {
  BOOST_TEST(no_proxy_matches("example.com", "example.com"));
  BOOST_TEST(no_proxy_matches("example.com", "www.example.com"));
  BOOST_TEST(no_proxy_matches(".example.com", "www.example.com"));
  BOOST_TEST(no_proxy_matches(".example.com", "example.com"));  // the leading dot is ignored, as curl does
  BOOST_TEST(!no_proxy_matches("example.com", "notexample.com"));
  BOOST_TEST(!no_proxy_matches("www.example.com", "example.com"));
  BOOST_TEST(no_proxy_matches("EXAMPLE.Com", "api.example.COM"));  // case-insensitive
  BOOST_TEST(no_proxy_matches("example.com.", "example.com"));     // trailing dots ignored
  BOOST_TEST(no_proxy_matches("example.com", "example.com."));
  BOOST_TEST(no_proxy_matches("example.com:8443", "example.com"));         // an entry's port is ignored
  BOOST_TEST(no_proxy_matches("other.net, ,example.com", "example.com"));  // blanks and empty entries
  BOOST_TEST(no_proxy_matches("other.net example.com", "example.com"));    // blank-separated too
  BOOST_TEST(!no_proxy_matches("", "example.com"));
  BOOST_TEST(!no_proxy_matches("com.", "example.org"));
}

BOOST_AUTO_TEST_CASE(no_proxy_star_matches_everything) {
  BOOST_TEST(no_proxy_matches("*", "login.microsoftonline.com"));
  BOOST_TEST(no_proxy_matches("*", "127.0.0.1"));
  BOOST_TEST(no_proxy_matches("other.net,*", "example.com"));
}

BOOST_AUTO_TEST_CASE(no_proxy_ip_addresses_and_ranges) {
  BOOST_TEST(no_proxy_matches("127.0.0.1", "127.0.0.1"));
  BOOST_TEST(no_proxy_matches("127.0.0.1:4443", "127.0.0.1"));
  BOOST_TEST(!no_proxy_matches("127.0.0.2", "127.0.0.1"));
  BOOST_TEST(no_proxy_matches("10.0.0.0/8", "10.20.30.40"));
  BOOST_TEST(!no_proxy_matches("10.0.0.0/8", "11.0.0.1"));
  BOOST_TEST(no_proxy_matches("192.168.0.0/17", "192.168.127.1"));
  BOOST_TEST(!no_proxy_matches("192.168.0.0/17", "192.168.128.1"));
  BOOST_TEST(no_proxy_matches("::1", "::1"));
  BOOST_TEST(no_proxy_matches("[::1]:443", "::1"));
  BOOST_TEST(no_proxy_matches("fd00::/8", "[fd12::5]"));
  BOOST_TEST(!no_proxy_matches("fd00::/8", "fe80::1"));
  // A name never matches an address (curl resolves nothing to compare), nor the other way.
  BOOST_TEST(!no_proxy_matches("localhost", "127.0.0.1"));
  BOOST_TEST(!no_proxy_matches("127.0.0.1", "localhost"));
  BOOST_TEST(!no_proxy_matches("0.0.1", "127.0.0.1"));  // no suffix matching of addresses
  BOOST_TEST(!no_proxy_matches("10.0.0.0/33", "10.0.0.1"));
}

BOOST_AUTO_TEST_CASE(proxy_urls_are_http_host_port_with_decoded_credentials) {
  auto p = parse_proxy_url("http://proxy.example.net:3128", "HTTPS_PROXY", true);
  BOOST_TEST(p.host == "proxy.example.net");
  BOOST_TEST(p.port == "3128");
  BOOST_TEST(!p.has_credentials());
  BOOST_TEST(p.url() == "http://proxy.example.net:3128");

  auto bare = parse_proxy_url("proxy.example.net:8080/", "HTTPS_PROXY", true);  // curl reads it as http://
  BOOST_TEST(bare.host == "proxy.example.net");
  BOOST_TEST(bare.port == "8080");
  BOOST_TEST(parse_proxy_url("http://proxy.example.net", "HTTPS_PROXY", true).port == "1080");  // curl's default
  BOOST_TEST(parse_proxy_url("http://[::1]:3128", "HTTPS_PROXY", true).authority() == "[::1]:3128");

  auto c = parse_proxy_url("http://svc%40corp:p%3As%25ss@10.1.2.3:3128", "HTTPS_PROXY", true);
  BOOST_TEST(c.username == "svc@corp");
  BOOST_TEST(c.password == "p:s%ss");
  BOOST_TEST(c.url() == "http://10.1.2.3:3128");  // no credentials in what is printed
}

BOOST_AUTO_TEST_CASE(other_schemes_and_shapes_are_refused_without_the_password) {
  for (const char* url : {"https://u:hunter2@proxy:3128", "socks5://u:hunter2@proxy:1080",
                          "http://u:hunter2@proxy:3128/path", "http://u:hunter2@proxy:3128?x=1",
                          "http://u:hunter2@proxy:0", "http://u:hunter2@proxy:99999", "http://u:hunter2@:3128"}) {
    const std::string why = proxy_refusal([&] { parse_proxy_url(url, "HTTPS_PROXY", true); });
    BOOST_TEST(!why.empty(), url);
    BOOST_TEST(why.find("hunter2") == std::string::npos, why);
    BOOST_TEST(why.find("HTTPS_PROXY") != std::string::npos, why);
  }
  BOOST_TEST(proxy_refusal([] { parse_proxy_url("https://proxy:3128", "--proxy", false); }).find("only http://") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(userinfo_in_the_flag_is_refused_and_never_echoed) {
  const std::string why = proxy_refusal([] { parse_proxy_url("http://svc:hunter2@proxy:3128", "--proxy", false); });
  BOOST_TEST(why.find("must not carry credentials") != std::string::npos, why);
  BOOST_TEST(why.find("hunter2") == std::string::npos, why);
  BOOST_TEST(why.find("svc") == std::string::npos, why);
  BOOST_TEST(redact_proxy_url("http://svc:hunter2@proxy:3128") == "http://***@proxy:3128");
  BOOST_TEST(redact_proxy_url("svc:hun@ter2@proxy:3128/x@y") == "***@proxy:3128/x@y");
  BOOST_TEST(redact_proxy_url("http://proxy:3128") == "http://proxy:3128");
}

BOOST_AUTO_TEST_CASE(flags_win_over_the_environment_in_curls_order) {
  proxy_inputs in;
  in.https_proxy_upper = "http://upper:3128";
  in.all_proxy_lower = "http://all:3128";
  in.no_proxy_upper = "env.example";
  auto s = choose_proxy(in);
  BOOST_TEST(s.server->host == "upper");
  BOOST_TEST(s.source == "HTTPS_PROXY");
  BOOST_TEST(s.no_proxy == "env.example");

  in.https_proxy_lower = "http://lower:3128";  // curl reads the lower-case name first
  BOOST_TEST(choose_proxy(in).server->host == "lower");
  in.https_proxy_lower.clear();
  in.https_proxy_upper.clear();
  BOOST_TEST(choose_proxy(in).server->host == "all");
  BOOST_TEST(choose_proxy(in).source == "all_proxy");

  in.proxy_flag = "http://flag:8080";
  in.no_proxy_flag = "flag.example";
  s = choose_proxy(in);
  BOOST_TEST(s.server->host == "flag");
  BOOST_TEST(s.source == "--proxy");
  BOOST_TEST(s.no_proxy == "flag.example");

  in.proxy_flag = "";     // --proxy '': direct, whatever the environment says
  in.no_proxy_flag = "";  // --no-proxy '': the environment's list no longer applies
  s = choose_proxy(in);
  BOOST_TEST(!s.server);
  BOOST_TEST(s.no_proxy.empty());

  proxy_inputs with_password;
  with_password.https_proxy_upper = "http://u:pw@proxy:3128";  // credentials are fine in a variable
  BOOST_TEST(choose_proxy(with_password).server->password == "pw");
  with_password.proxy_flag = "http://u:pw@proxy:3128";
  BOOST_CHECK_THROW(choose_proxy(with_password), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(no_proxy_sends_a_host_direct) {
  proxy_inputs in;
  in.https_proxy_upper = "http://proxy:3128";
  in.no_proxy_lower = ".internal.example,127.0.0.1";
  auto s = choose_proxy(in);
  BOOST_TEST(s.for_host("api.internal.example") == nullptr);
  BOOST_TEST(s.for_host("127.0.0.1") == nullptr);
  BOOST_REQUIRE(s.for_host("login.microsoftonline.com") != nullptr);
  BOOST_TEST(s.for_host("login.microsoftonline.com")->host == "proxy");
  BOOST_TEST(proxy_settings{}.for_host("anything") == nullptr);
}

BOOST_AUTO_TEST_CASE(connections_after_a_5xx_or_older_than_the_limit_are_not_reused) {
  BOOST_TEST(may_pool(200, true));
  BOOST_TEST(may_pool(429, true));
  BOOST_TEST(may_pool(404, true));
  BOOST_TEST(!may_pool(500, true));
  BOOST_TEST(!may_pool(503, true));
  BOOST_TEST(!may_pool(200, false));
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  BOOST_TEST(!too_old_to_reuse(t0, t0 + std::chrono::seconds(59), std::chrono::seconds(60)));
  BOOST_TEST(too_old_to_reuse(t0, t0 + std::chrono::seconds(60), std::chrono::seconds(60)));
}

BOOST_AUTO_TEST_SUITE_END()
