#pragma once
// Shared by the sim_tests files: an emulator started for one test, a client to it, tokens,
// and small helpers for API calls and JSON.
#include "tests/support/https_test_client.hpp"
#include "tests/support/sim_process.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace acgprov::test {

inline constexpr const char* api_version = "2024-02-29-preview";
inline constexpr const char* api_scope = "https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default";

// Appends api-version to a path (with ? or &).
std::string versioned(std::string path, const std::string& version = api_version);
// "+15551234" -> "%2B15551234" for use in a path.
std::string encode_number(const std::string& number);
boost::json::value parse_json(const std::string& text);
// A reply's body as a JSON object (fails the test when it is not JSON).
boost::json::object body_of(const http_reply& r);
// The i-th of a run of test numbers: +15551000000, +15551000001, ...
std::string number_at(int i);
// base64url (RFC 4648 §5, padding optional) to bytes, as in a JWT or a JWK. Decoded with
// OpenSSL, not with the emulator's own sim::base64url_decode: a bug in the emulator's encoding
// must not be mirrored by the check.
std::string b64url_decode(std::string in);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// IMF-fixdate (RFC 9110), `offset` seconds from now.
std::string http_date(long offset = 0);

// A file that exists for the lifetime of the object.
class temp_file {
public:
  explicit temp_file(const std::string& content, const std::string& suffix = ".json");
  ~temp_file();
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

// Flags that keep tests fast and unthrottled unless a test says otherwise.
std::vector<std::string> fast_flags(std::vector<std::string> extra = {});

struct sim_env {
  // Starts acgprov-sim with `args` (fast_flags() when empty); fetches sim-client's token
  // unless `default_token` is false (configs without sim-client).
  explicit sim_env(std::vector<std::string> args = {}, bool default_token = true);

  sim_process sim;
  https_test_client client;
  std::string token;  // sim-client's admin token, fetched at start

  // POST to the token endpoint of `tenant` with the given form fields.
  http_reply token_request(const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& tenant = "sim-tenant");
  // A token for a client by secret; fails the test if none is issued.
  std::string fetch_token(const std::string& client_id = "sim-client", const std::string& secret = "sim-secret",
                          const std::string& tenant = "sim-tenant");
  // An API call: adds api-version, the Bearer token (unless `bearer` is "-") and, with a body,
  // Content-Type: application/json (unless `headers` names one).
  http_reply api(const std::string& method, const std::string& path, const std::string& body = {},
                 header_list headers = {}, const std::string& bearer = {});
  http_reply raw(const std::string& method, const std::string& target, const header_list& headers = {},
                 const std::string& body = {});
  boost::json::object stats();
  boost::json::object state();
  // POST /_sim/config.
  http_reply configure(const std::string& json);

  // Convenience writes; fail the test unless the answer is 2xx.
  void put_account(const std::string& name, const std::string& body);
  void put_number(const std::string& account, const std::string& number, const std::string& body);
};

// serviceProvisioningStatus of the resource at `path`; fails the test unless the GET is 200.
std::string status_of(sim_env& env, const std::string& path);

// Request bodies.
std::string oc_account(const std::string& name, bool sync = true,
                       const std::string& tenant_id = "a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a");
std::string all_services_account(const std::string& name, bool sync = true);
std::string oc_number(const std::string& account, const std::string& number,
                      const std::string& usage = "CallingUserAssignment");
std::string dr_number(const std::string& account, const std::string& number);

// Polls GET `path` 20 ms apart, at most `limit`, until its serviceProvisioningStatus is not
// "pending"; returns the last body. The emulator resolves sync on read, so this is bounded.
boost::json::object poll_until_settled(sim_env& env, const std::string& path,
                                       std::chrono::milliseconds limit = std::chrono::seconds(60));

// Waits (bounded: at most `limit`, polling 10 ms apart) until `counted(stats)` holds for the
// emulator's /_sim/stats; returns whether it did. For an event the emulator counts on its own
// time, such as a request it stalls: a client that gave up has not told us the emulator saw it.
bool wait_for_stats(sim_env& env, const std::function<bool(const boost::json::object&)>& counted,
                    std::chrono::milliseconds limit = std::chrono::seconds(60));
// The count of fault `kind` in /_sim/stats (faults lists only the kinds that happened).
std::uint64_t fault_count(const boost::json::object& stats, const std::string& kind);

// Counter from /_sim/stats byOperation[op][status], 0 when absent.
std::uint64_t op_count(const boost::json::object& stats, const std::string& op, int status);

}  // namespace acgprov::test
