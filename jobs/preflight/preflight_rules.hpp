#pragma once
// The checks of the numbers preflight, on compact per-account facts read from the API once:
// the account exists; every service a row enables is enabled on the account; the row's
// civicAddressId / locationId are among the account's civic addresses; its usage and
// choosableCapabilities are offered by the account's Teams capability plans. Pure: no I/O.
#include "model/report_row.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace acgprov::jobs {

// Error codes of rows the preflight refuses (errors[0].code of an `invalid` row).
inline constexpr std::string_view account_not_found_code = "AccountNotFound";
inline constexpr std::string_view service_not_enabled_code = "ServiceNotEnabled";
inline constexpr std::string_view unknown_civic_address_code = "UnknownCivicAddress";
inline constexpr std::string_view unknown_location_code = "UnknownLocation";
inline constexpr std::string_view usage_not_offered_code = "UsageNotOffered";
inline constexpr std::string_view capability_not_offered_code = "CapabilityNotOffered";

struct civic_facts {
  std::unordered_set<std::string> addresses;                      // civic address ids
  std::unordered_map<std::string, std::string> location_address;  // location id -> its address id
};

struct plan_facts {
  // usage -> the capabilities its plan offers (mandatory and choosable).
  std::map<std::string, std::set<std::string>> capabilities;
};

struct account_facts {
  bool exists = false;
  std::uint8_t services = 0;  // bit i: service_keys[i] is enabled on the account
  bool has_tenant = false;    // serviceDetails.teamsTenantId is set
  // Read when a row first needs them; nullopt while unread or unreadable (then not checked).
  std::optional<civic_facts> civic;
  std::optional<plan_facts> plans;
  bool civic_tried = false;
  bool plans_tried = false;

  // Operator Connect or Teams Phone Mobile enabled, and a Teams tenant: what the capability
  // plans and civic addresses need (else the API answers 409 and numbers cannot use them).
  bool teams_ready() const;
};

// From an AccountResource (GET /accounts/{a}).
account_facts facts_from_account(const boost::json::object& account);
// One TeamsCivicAddressResource of the account's list.
void add_civic_address(civic_facts& facts, const boost::json::object& address);
// The answer of :getTeamsCapabilityPlans ({"capabilityPlans": [...]}).
plan_facts plans_from(const boost::json::object& answer);

// Whether a NumberResource to PUT names an emergency address / a usage or capabilities of
// an Operator Connect or Teams Phone Mobile entry that it enables.
bool needs_civic(const boost::json::object& resource);
bool needs_plans(const boost::json::object& resource);

// The first reason `resource` (a NumberResource to PUT for `account`) would fail, or nullopt.
// Facts not read (civic, plans) are not checked.
std::optional<model::api_error> check_number(const account_facts& facts, const std::string& account,
                                             const boost::json::object& resource);

}  // namespace acgprov::jobs
