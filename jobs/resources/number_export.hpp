#pragma once
// `acgprov numbers export` writes numbers in exactly the input formats of `acgprov apply`, so
// that applying an export changes nothing. Pure: no I/O.
#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

// The CSV columns of an export: apply's columns without `action` (every row is an upsert).
inline constexpr std::array<std::string_view, 9> number_export_columns{
    "accountName", "telephoneNumber",          "services",       "usage", "choosableCapabilities", "civicAddressId",
    "locationId",  "allowTenantAddressUpdate", "customSipHeader"};

// The NumberResource as apply reads it back: telephoneNumber, accountName, serviceDetails,
// configuration, without the server-set members (serviceProvisioningStatus / -Errors,
// acquiredCapabilities, availableCapabilities) and without nulls. Other members are kept as
// the API gave them.
boost::json::object exportable_number(const boost::json::object& api);

struct number_csv_row {
  std::vector<std::string> cells;  // number_export_columns order
  // The resource holds what the CSV columns cannot say (assignmentStatus, additionalUsages,
  // displayedCountryCode, a disabled service entry, different Operator Connect and Teams
  // Phone Mobile settings): applying the CSV would not reproduce it exactly.
  bool lossy = false;
};

number_csv_row number_csv(const boost::json::object& api);

}  // namespace acgprov::jobs
