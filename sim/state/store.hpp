#pragma once
// The emulator's data: accounts, numbers, civic addresses and RFIs, kept in ordered maps so
// that lists come out in a stable order (accounts by name, numbers by telephone number,
// civic addresses by id, RFIs by tenant id). Backend sync is lazy: a write records when its
// pending state is due and what it becomes, and every read resolves it - no timer per write.
#include "sim/api/validation.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace acgprov::sim {

using steady_clock = std::chrono::steady_clock;

enum class provisioning_status { pending, synced, failed };
std::string_view to_string(provisioning_status s);

struct sync_state {
  provisioning_status shown = provisioning_status::synced;
  provisioning_status outcome = provisioning_status::synced;  // what `pending` becomes at `due`
  steady_clock::time_point due{};
  bool never = false;                       // stays pending forever (sync rule or fault)
  bool held = false;                        // stays pending until POST /_sim/release-syncs (rule, seed `hold`)
  std::optional<std::uint32_t> reads_left;  // pending for this many more reads, then the outcome
  boost::json::array outcome_errors;        // serviceProvisioningErrors once failed

  provisioning_status resolve(steady_clock::time_point now);
  // A client saw this resource (a GET of it, a list page that shows it): counts down reads_left.
  void note_read();
  // [] unless failed: the contract's examples show [] (the overview's null is the exception).
  boost::json::array visible_errors() const;
};

struct account_record {
  account_input input;
  std::string etag;
  sync_state sync;
  std::array<std::int64_t, 5> number_count{};  // per service, numbers with it enabled
  std::set<std::string, std::less<>> numbers;  // telephone numbers, ordered
};

struct number_record {
  number_input input;
  std::string etag;
  sync_state sync;
};

struct civic_address_record {
  boost::json::object body;
  std::string tenant_id;
  std::string etag;
};

struct rfi_record {
  boost::json::object body;
  std::string etag;
  sync_state sync;
};

class store {
public:
  std::map<std::string, account_record, std::less<>> accounts;
  std::map<std::string, number_record, std::less<>> numbers;
  std::map<std::string, civic_address_record, std::less<>> civic_addresses;  // by id
  std::map<std::string, rfi_record, std::less<>> rfis;                       // by lower-case tenant id

  account_record* find_account(std::string_view name);
  number_record* find_number(std::string_view telephone_number);
  rfi_record* find_rfi(std::string_view tenant_id);

  // Creates or replaces a number; the account must exist. Keeps numberCount and the
  // account's number set true, including when a number moves between accounts.
  void put_number(number_record record);
  void erase_number(std::string_view telephone_number);
  // Removes the account and all its numbers.
  void erase_account(std::string_view name);

  boost::json::object render(account_record& a, steady_clock::time_point now);
  boost::json::object render(number_record& n, steady_clock::time_point now);
  boost::json::object render(rfi_record& r, steady_clock::time_point now);

  // The DR subdomainStatus: provisioned once an account with DR enabled and configured is
  // synced; notProvisioned otherwise.
  static std::string_view subdomain_status(const account_record& a);
};

std::string lower_case(std::string_view s);

}  // namespace acgprov::sim
