#include "tests/e2e/e2e_fixture.hpp"

#include "io/https_client.hpp"
#include "io/tls_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <sstream>
#include <stdexcept>
#include <thread>

namespace acgprov::test {

namespace json = boost::json;

json::object default_seed() {
  return json::parse(R"({
    "accounts": [
      {"name": "contoso", "serviceDetails": {
         "teamsTenantId": "7a1b2c3d-0000-4000-8000-000000000001",
         "teamsOperatorConnect": {"syncEnabled": true, "enabled": true},
         "teamsPhoneMobile": {"syncEnabled": true, "enabled": true},
         "teamsDirectRouting": {"syncEnabled": true, "enabled": true,
           "configuration": {"callScreening": true, "subdomain": "contoso",
             "subdomainTokens": {"region1Token": "r1token", "region2Token": "r2token"}}}}},
      {"name": "fabrikam", "serviceDetails": {
         "teamsDirectRouting": {"syncEnabled": true, "enabled": true,
           "configuration": {"callScreening": true, "subdomain": "fabrikam",
             "subdomainTokens": {"region1Token": "f1token", "region2Token": "f2token"}}},
         "zoomPhoneCloudPeering": {"syncEnabled": true, "enabled": true},
         "azureOperatorCallProtection": {"enabled": true}}}
    ]})")
      .as_object();
}

e2e_fixture::e2e_fixture(std::vector<std::string> sim_args, json::object config) {
  json::object cfg{{"clients", json::array{json::object{{"tenant", "sim-tenant"},
                                                        {"clientId", "sim-client"},
                                                        {"secret", "sim-secret"},
                                                        {"roles", json::array{"ProvisioningAPI.Admin"}}}}},
                   {"seed", default_seed()}};
  for (auto& [k, v] : config) cfg[k] = v;
  std::string path = write("sim-config.json", json::serialize(cfg));
  sim_args.insert(sim_args.begin(), {"--config", path});
  sim = std::make_unique<sim_process>(sim_args);
}

std::string e2e_fixture::write(const std::string& name, const std::string& content) const {
  auto path = dir.file(name);
  write_file(path, content);
  return path;
}

std::vector<std::string> e2e_fixture::connection_args() const {
  const auto& r = sim->ready();
  return {"--endpoint", r.endpoint,    "--authority", r.authority, "--tenant",
          r.tenant,     "--client-id", "sim-client",  "--ca-file", r.ca_file};
}

process_result e2e_fixture::run(const std::vector<std::string>& args) {
  std::vector<std::string> argv{ACGPROV_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env, std::chrono::minutes(5));
}

process_result e2e_fixture::apply(const std::vector<std::string>& inputs, const std::string& report,
                                  const std::vector<std::string>& extra) {
  std::vector<std::string> args{"apply"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  auto conn = connection_args();
  args.insert(args.end(), conn.begin(), conn.end());
  args.insert(args.end(), {"--report", report, "--rate", "1000", "--burst", "50", "--poll-interval", "0.1"});
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

namespace {

awaitable<void> fetch(io::https_client* client, std::string path, boost::system::result<io::http_response>* out) {
  // Built outside the co_await: GCC 12 miscompiles braced header lists inside it.
  io::http_request req;
  req.method = "GET";
  req.target = std::move(path);
  req.headers.emplace_back("Accept", "application/json");
  *out = co_await client->send(std::move(req));
}

}  // namespace

json::value e2e_fixture::sim_get(const std::string& path) const {
  net::io_context io;
  io::https_client client(io.get_executor(), io::make_client_tls_context(sim->ready().ca_file),
                          io::parse_endpoint(sim->ready().endpoint));
  boost::system::result<io::http_response> res = boost::system::error_code{};
  net::co_spawn(io, fetch(&client, path, &res), net::detached);
  io.run();
  if (!res || res->status != 200) throw std::runtime_error("GET " + path + " failed");
  return json::parse(res->body);
}

json::value e2e_fixture::sim_post(const std::string& path, const json::object& body) const {
  https_test_client client(sim->ready());
  auto r = client.request("POST", path, {{"Content-Type", "application/json"}}, json::serialize(body));
  if (r.status != 200) throw std::runtime_error("POST " + path + " failed: " + r.body);
  return json::parse(r.body);
}

bool e2e_fixture::sim_has_account(const std::string& name) const {
  const auto state = sim_get("/_sim/state");  // named: a range-for would not keep the temporary alive
  for (auto& a : state.as_object().at("accounts").as_array())
    if (auto* n = a.as_object().if_contains("name"); n && n->is_string() && n->as_string() == name) return true;
  return false;
}

std::map<std::string, json::object> e2e_fixture::sim_numbers() const {
  std::map<std::string, json::object> out;
  auto state = sim_get("/_sim/state");  // named: a range-for over a temporary's member dangles
  for (auto& n : state.as_object().at("numbers").as_array()) out[str(n.as_object(), "telephoneNumber")] = n.as_object();
  return out;
}

namespace {
// The emulator's identity platform answers (token endpoint, managed identity, OpenID
// discovery) count in byOperation beside the API's operations.
bool identity_endpoint(std::string_view op) { return op == "Token" || op == "ManagedIdentity" || op == "Discovery"; }
}  // namespace

std::uint64_t e2e_fixture::api_writes() const {
  auto stats = sim_stats();
  std::uint64_t n = 0;
  // byOperation: {operationId: {status: count}}; reads are the List* and Get* operations.
  for (auto& [op, statuses] : stats.at("byOperation").as_object()) {
    std::string name(op);
    bool read = name.find("List") != std::string::npos || name.find("Get") != std::string::npos;
    if (read || identity_endpoint(name)) continue;
    for (auto& [status, count] : statuses.as_object()) n += count.to_number<std::uint64_t>();
  }
  return n;
}

std::uint64_t e2e_fixture::api_requests() const {
  auto stats = sim_stats();
  std::uint64_t n = 0;
  for (auto& [op, statuses] : stats.at("byOperation").as_object()) {
    if (identity_endpoint(op)) continue;  // the identity platform is not the API
    for (auto& [status, count] : statuses.as_object()) n += count.to_number<std::uint64_t>();
  }
  return n;
}

process_result e2e_fixture::command(const std::vector<std::string>& words, const std::vector<std::string>& extra) {
  std::vector<std::string> args = words;
  auto conn = connection_args();
  args.insert(args.end(), conn.begin(), conn.end());
  args.insert(args.end(), {"--rate", "1000", "--burst", "50"});
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

http_reply e2e_fixture::api(const std::string& method, const std::string& path, const std::string& body,
                            const header_list& headers) {
  https_test_client client(sim->ready());
  auto token =
      client.request("POST", "/sim-tenant/oauth2/v2.0/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                     "grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret&scope="
                     "https%3A%2F%2Ffunc-voiceservice-rp-prod-eastuseuap.azurewebsites.net%2F.default");
  if (token.status != 200) throw std::runtime_error("token request failed: " + token.body);
  const json::value doc = json::parse(token.body);
  header_list all{{"Authorization", "Bearer " + std::string(doc.at("access_token").as_string())}};
  if (!body.empty()) all.emplace_back("Content-Type", "application/json");
  all.insert(all.end(), headers.begin(), headers.end());
  std::string target = path + (path.find('?') == std::string::npos ? "?" : "&") + "api-version=2024-02-29-preview";
  return client.request(method, target, all, body);
}

std::uint64_t e2e_fixture::api_calls(const std::string& operation) const {
  auto stats = sim_stats();
  std::uint64_t n = 0;
  if (auto* op = stats.at("byOperation").as_object().if_contains(operation))
    for (auto& [status, count] : op->as_object()) n += count.to_number<std::uint64_t>();
  return n;
}

bool wait_until(const std::function<bool()>& reached, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (reached()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return reached();
}

std::vector<json::object> read_report(const std::string& path) {
  std::vector<json::object> rows;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(json::parse(line).as_object());
  return rows;
}

std::map<std::string, json::object> rows_by_number(const std::vector<json::object>& rows) {
  std::map<std::string, json::object> out;
  for (const auto& r : rows) out[str(r, "telephoneNumber")] = r;
  return out;
}

std::map<std::string, json::object> rows_by_account(const std::vector<json::object>& rows) {
  std::map<std::string, json::object> out;
  for (const auto& r : rows) out[str(r, "accountName")] = r;
  return out;
}

std::map<std::string, std::size_t> outcomes(const std::vector<json::object>& rows) {
  std::map<std::string, std::size_t> out;
  for (const auto& r : rows) ++out[str(r, "outcome")];
  return out;
}

std::string first_error(const json::object& row, const char* member) {
  const auto& errors = row.at("errors").as_array();
  return errors.empty() ? std::string() : str(errors[0].as_object(), member);
}

std::uint64_t op_count(const e2e_fixture& f, const char* op) {
  auto stats = f.sim_stats();
  auto* by = stats.at("byOperation").as_object().if_contains(op);
  std::uint64_t n = 0;
  if (by)
    for (auto& [status, count] : by->as_object()) n += count.to_number<std::uint64_t>();
  return n;
}

std::size_t lines_in(const std::string& path) {
  auto text = read_file(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string str(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace acgprov::test
