#include "tests/sim/sim_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <unistd.h>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

namespace acgprov::test {
namespace json = boost::json;

std::string http_date(long offset) {
  std::time_t t = std::time(nullptr) + offset;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string versioned(std::string path, const std::string& version) {
  path += path.find('?') == std::string::npos ? "?" : "&";
  return path + "api-version=" + version;
}

std::string encode_number(const std::string& number) {
  return number.empty() || number[0] != '+' ? number : "%2B" + number.substr(1);
}

json::value parse_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  BOOST_TEST_REQUIRE(!ec, "not JSON: " << text);
  return v;
}

json::object body_of(const http_reply& r) { return parse_json(r.body).as_object(); }

std::string number_at(int i) { return "+1555" + std::to_string(1000000 + i); }

std::string b64url_decode(std::string in) {
  for (auto& c : in) c = c == '-' ? '+' : c == '_' ? '/' : c;
  const std::size_t pad = (4 - in.size() % 4) % 4;
  in.append(pad, '=');
  std::string out(in.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  BOOST_TEST_REQUIRE(n >= 0, "not base64url: " << in);
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  auto enc = [](const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out.push_back(static_cast<char>(c));
      else {
        out.push_back('%');
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
    }
    return out;
  };
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + enc(k) + "=" + enc(v);
  return body;
}

temp_file::temp_file(const std::string& content, const std::string& suffix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / ("acgprov-test-XXXXXX" + suffix)).string();
  int fd = ::mkstemps(tmpl.data(), static_cast<int>(suffix.size()));
  if (fd < 0) throw std::runtime_error("mkstemps failed");
  ::close(fd);
  path_ = tmpl;
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
}

temp_file::~temp_file() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

std::vector<std::string> fast_flags(std::vector<std::string> extra) {
  std::vector<std::string> args{"--rate-limit", "0", "--sync-delay-ms", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

sim_env::sim_env(std::vector<std::string> args, bool default_token)
    : sim(args.empty() ? fast_flags() : args), client(sim.ready()) {
  if (default_token) token = fetch_token();
}

http_reply sim_env::token_request(const std::vector<std::pair<std::string, std::string>>& fields,
                                  const std::string& tenant) {
  return client.request("POST", "/" + tenant + "/oauth2/v2.0/token",
                        {{"Content-Type", "application/x-www-form-urlencoded"}}, form_encode(fields));
}

std::string sim_env::fetch_token(const std::string& client_id, const std::string& secret, const std::string& tenant) {
  auto r = token_request(
      {{"grant_type", "client_credentials"}, {"client_id", client_id}, {"client_secret", secret}, {"scope", api_scope}},
      tenant);
  BOOST_TEST_REQUIRE(r.status == 200,
                     "token request failed: " << r.status << " " << r.body << " " << r.error.message());
  return std::string(parse_json(r.body).as_object().at("access_token").as_string());
}

http_reply sim_env::api(const std::string& method, const std::string& path, const std::string& body,
                        header_list headers, const std::string& bearer) {
  if (bearer != "-") headers.emplace_back("Authorization", "Bearer " + (bearer.empty() ? token : bearer));
  bool has_ct = false;
  for (const auto& [n, v] : headers) has_ct = has_ct || n == "Content-Type";
  if (!body.empty() && !has_ct) headers.emplace_back("Content-Type", "application/json");
  return client.request(method, versioned(path), headers, body);
}

http_reply sim_env::raw(const std::string& method, const std::string& target, const header_list& headers,
                        const std::string& body) {
  return client.request(method, target, headers, body);
}

json::object sim_env::stats() {
  auto r = client.request("GET", "/_sim/stats");
  BOOST_TEST_REQUIRE(r.status == 200);
  return parse_json(r.body).as_object();
}

json::object sim_env::state() {
  auto r = client.request("GET", "/_sim/state");
  BOOST_TEST_REQUIRE(r.status == 200);
  return parse_json(r.body).as_object();
}

http_reply sim_env::configure(const std::string& json_text) {
  return client.request("POST", "/_sim/config", {{"Content-Type", "application/json"}}, json_text);
}

std::string status_of(sim_env& env, const std::string& path) {
  auto r = env.api("GET", path);
  BOOST_TEST_REQUIRE(r.status == 200, path << ": " << r.body);
  return std::string(body_of(r).at("serviceProvisioningStatus").as_string());
}

void sim_env::put_account(const std::string& name, const std::string& body) {
  auto r = api("PUT", "/accounts/" + name, body);
  BOOST_TEST_REQUIRE((r.status == 200 || r.status == 201), "PUT account " << name << ": " << r.status << " " << r.body);
}

void sim_env::put_number(const std::string& account, const std::string& number, const std::string& body) {
  auto r = api("PUT", "/accounts/" + account + "/numbers/" + encode_number(number), body);
  BOOST_TEST_REQUIRE((r.status == 200 || r.status == 201),
                     "PUT number " << number << ": " << r.status << " " << r.body);
}

std::string oc_account(const std::string& name, bool sync, const std::string& tenant_id) {
  return R"({"name":")" + name + R"(","serviceDetails":{"teamsTenantId":")" + tenant_id +
         R"(","teamsOperatorConnect":{"enabled":true,"syncEnabled":)" + (sync ? "true" : "false") + "}}}";
}

std::string all_services_account(const std::string& name, bool sync) {
  std::string s = sync ? "true" : "false";
  return R"({"name":")" + name + R"(","correlationId":"corr-)" + name +
         R"(","serviceDetails":{"teamsTenantId":"a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a",)"
         R"("teamsOperatorConnect":{"enabled":true,"syncEnabled":)" +
         s +
         R"(},)"
         R"("teamsPhoneMobile":{"enabled":true,"syncEnabled":)" +
         s +
         R"(},)"
         R"("zoomPhoneCloudPeering":{"enabled":true,"syncEnabled":)" +
         s +
         R"(},)"
         R"("azureOperatorCallProtection":{"enabled":true},)"
         R"("teamsDirectRouting":{"enabled":true,"syncEnabled":)" +
         s +
         R"(,"configuration":{"callScreening":true,"subdomain":"contoso","subdomainTokens":{"region1Token":"tok1=","region2Token":"tok2"}}}}})";
}

std::string oc_number(const std::string& account, const std::string& number, const std::string& usage) {
  return R"({"telephoneNumber":")" + number + R"(","accountName":")" + account +
         R"(","serviceDetails":{"teamsOperatorConnect":{"enabled":true,"assignmentStatus":"assigned","configuration":{"usage":")" +
         usage +
         R"(","choosableCapabilities":["InboundCalling"]}}},"configuration":{"customSipHeader":"contoso-commsgw"}})";
}

std::string dr_number(const std::string& account, const std::string& number) {
  return R"({"telephoneNumber":")" + number + R"(","accountName":")" + account +
         R"(","serviceDetails":{"teamsDirectRouting":{"enabled":true}}})";
}

json::object poll_until_settled(sim_env& env, const std::string& path, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto r = env.api("GET", path);
    BOOST_TEST_REQUIRE(r.status == 200, "GET " << path << ": " << r.status << " " << r.body);
    auto o = parse_json(r.body).as_object();
    if (o.at("serviceProvisioningStatus").as_string() != "pending" || std::chrono::steady_clock::now() >= deadline)
      return o;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool wait_for_stats(sim_env& env, const std::function<bool(const json::object&)>& counted,
                    std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (counted(env.stats())) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::uint64_t fault_count(const json::object& stats, const std::string& kind) {
  auto* n = stats.at("faults").as_object().if_contains(kind);
  return n ? n->to_number<std::uint64_t>() : 0;
}

std::uint64_t op_count(const json::object& stats, const std::string& op, int status) {
  auto* ops = stats.at("byOperation").as_object().if_contains(op);
  if (!ops) return 0;
  auto* n = ops->as_object().if_contains(std::to_string(status));
  return n ? n->to_number<std::uint64_t>() : 0;
}

}  // namespace acgprov::test
