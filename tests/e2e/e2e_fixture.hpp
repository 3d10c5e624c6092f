#pragma once
// End-to-end fixture: an acgprov-sim seeded with two accounts, a temp folder, and helpers to
// run `acgprov apply` against it and read back the report and the emulator's state.
#include "tests/support/cli_process.hpp"
#include "tests/support/https_test_client.hpp"
#include "tests/support/sim_process.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace acgprov::test {

// contoso: Operator Connect, Direct Routing and Teams Phone Mobile, all with backend sync.
// fabrikam: Direct Routing (sync), Zoom (sync) and Call Protection (no sync).
boost::json::object default_seed();

struct e2e_fixture {
  // sim_args are added to the emulator's command line; `config` extends the default config
  // (a client sim-tenant/sim-client/sim-secret with the Admin role, and default_seed()).
  explicit e2e_fixture(std::vector<std::string> sim_args = {"--rate-limit", "0", "--sync-delay-ms", "100"},
                       boost::json::object config = {});

  temp_dir dir;
  std::unique_ptr<sim_process> sim;
  std::map<std::string, std::string> env{{"ACGPROV_CLIENT_SECRET", "sim-secret"}};

  // acgprov apply INPUTS... with the connection options filled in, plus `extra`.
  process_result apply(const std::vector<std::string>& inputs, const std::string& report,
                       const std::vector<std::string>& extra = {});
  // Any acgprov command line, as is.
  process_result run(const std::vector<std::string>& args);
  std::vector<std::string> connection_args() const;

  std::string write(const std::string& name, const std::string& content) const;

  boost::json::value sim_get(const std::string& path) const;  // GET /_sim/... (no auth)
  boost::json::value sim_post(const std::string& path, const boost::json::object& body) const;  // POST /_sim/...
  boost::json::object sim_stats() const { return sim_get("/_sim/stats").as_object(); }
  // The emulator's numbers by telephone number.
  std::map<std::string, boost::json::object> sim_numbers() const;
  bool sim_has_account(const std::string& name) const;  // in the emulator's state now
  std::uint64_t api_writes() const;                     // PUT/POST/DELETE/PATCH API requests (not the token endpoint)
  std::uint64_t api_requests() const;
  // acgprov WORDS... with the connection options and a fast rate (--rate 1000 --burst 50),
  // then `extra`: for the commands beside apply (accounts, numbers, rfi, civic-addresses).
  process_result command(const std::vector<std::string>& words, const std::vector<std::string>& extra = {});
  // One API request as another client would send it (a token of sim-client, api-version
  // added): for changes the run under test must meet, e.g. a concurrent account update.
  http_reply api(const std::string& method, const std::string& path, const std::string& body = {},
                 const header_list& headers = {});
  // Requests of one operationId the emulator answered (any status), from /_sim/stats.
  std::uint64_t api_calls(const std::string& operation)
      const;  // every API request (not the token endpoint)  // PUT/POST/DELETE/PATCH API requests the emulator saw
};

// Polls `reached` (10 ms apart) until it holds or `limit` passes; returns whether it held. For
// a state another process reaches (a line in a file, a request the emulator saw), never as a
// stand-in for one.
bool wait_until(const std::function<bool()>& reached, std::chrono::seconds limit = std::chrono::seconds(120));

// The rows of a JSON Lines report, in file order.
std::vector<boost::json::object> read_report(const std::string& path);
// Report rows keyed by telephone number (the last row of each number wins).
std::map<std::string, boost::json::object> rows_by_number(const std::vector<boost::json::object>& rows);
// Report rows keyed by account name (the last row of each account wins).
std::map<std::string, boost::json::object> rows_by_account(const std::vector<boost::json::object>& rows);
// How many rows have each outcome.
std::map<std::string, std::size_t> outcomes(const std::vector<boost::json::object>& rows);
// `member` of a row's first error ("" when it has none).
std::string first_error(const boost::json::object& row, const char* member);
// How many requests of an operation (e.g. "listNumbers") the emulator answered, any status.
std::uint64_t op_count(const e2e_fixture& f, const char* op);
// The number of complete lines in a file.
std::size_t lines_in(const std::string& path);
std::string str(const boost::json::object& o, const char* key);

}  // namespace acgprov::test
