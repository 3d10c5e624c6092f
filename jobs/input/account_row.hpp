#pragma once
// Accounts as `acgprov accounts apply` reads them and `acgprov accounts export` writes them
// (the same formats, so an export can be applied back). Pure: no I/O.
//
// CSV: a header row, columns in any order, only `name` required; matched case-insensitively:
//   name, correlationId, teamsTenantId,
//   teamsOperatorConnect.enabled, teamsOperatorConnect.syncEnabled,
//   teamsPhoneMobile.enabled, teamsPhoneMobile.syncEnabled,
//   teamsDirectRouting.enabled, teamsDirectRouting.syncEnabled,
//   teamsDirectRouting.callScreening, teamsDirectRouting.subdomain,
//   teamsDirectRouting.region1Token, teamsDirectRouting.region2Token,
//   zoomPhoneCloudPeering.enabled, zoomPhoneCloudPeering.syncEnabled,
//   azureOperatorCallProtection.enabled, etag
// A service is in the account when its `.enabled` cell is true or false (empty: left out; PUT
// replaces the whole account, so a service left out is removed); `.syncEnabled` is then
// required (Call Protection has none). The Direct Routing configuration needs subdomain and
// both tokens; callScreening defaults to true. `etag`: update only if the account still has
// this ETag (If-Match). Empty cells mean absent.
// JSON / NDJSON: the API's AccountResource (read-only members ignored) plus an optional
// "etag" (as the 2023-10-01 API carried it in the body).
#include "io/record_reader.hpp"
#include "jobs/input/resource_rows.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace acgprov::jobs {

inline constexpr std::array<std::string_view, 17> account_csv_columns{"name",
                                                                      "correlationId",
                                                                      "teamsTenantId",
                                                                      "teamsOperatorConnect.enabled",
                                                                      "teamsOperatorConnect.syncEnabled",
                                                                      "teamsPhoneMobile.enabled",
                                                                      "teamsPhoneMobile.syncEnabled",
                                                                      "teamsDirectRouting.enabled",
                                                                      "teamsDirectRouting.syncEnabled",
                                                                      "teamsDirectRouting.callScreening",
                                                                      "teamsDirectRouting.subdomain",
                                                                      "teamsDirectRouting.region1Token",
                                                                      "teamsDirectRouting.region2Token",
                                                                      "zoomPhoneCloudPeering.enabled",
                                                                      "zoomPhoneCloudPeering.syncEnabled",
                                                                      "azureOperatorCallProtection.enabled",
                                                                      "etag"};
inline constexpr std::array<std::string_view, 1> account_csv_required{"name"};
inline constexpr io::csv_columns account_csv{account_csv_columns, account_csv_required};
// An export has every column but `etag` (lists carry no ETags).
inline constexpr std::span<const std::string_view> account_export_columns{account_csv_columns.data(), 16};

// Error code of a refused account row (errors[0].code), target = the field.
inline constexpr std::string_view invalid_account_code = "InvalidField";

// A record to the account to PUT (key = name, body = AccountResource, if_match = etag), or
// the `invalid` row naming the field.
std::variant<resource_task, invalid_row> to_account_task(const io::input_record& record);

// What a client sets of an account (read-only members and nulls dropped): the body to
// compare with the API's account to know whether a PUT would change anything.
boost::json::object account_settings(const boost::json::object& account);

// An account from the API as `accounts apply` reads it back (JSON): account_settings.
boost::json::object exportable_account(const boost::json::object& api);
// ... and as a CSV row: account_export_columns order.
std::vector<std::string> account_csv_cells(const boost::json::object& api);

// serviceDetails.teamsDirectRouting.subdomainStatus of an API account, "" if none.
std::string subdomain_status_of(const boost::json::object& api);

}  // namespace acgprov::jobs
