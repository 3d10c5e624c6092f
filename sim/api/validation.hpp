#pragma once
// Schema validation of request bodies against the 2024-02-29-preview swagger, producing the
// normalised resource the store keeps: known fields only, read-only fields dropped (clients
// echo numberCount, subdomainStatus, serviceProvisioningStatus back; the seed does too).
// Unknown fields are ignored, as the real (ASP.NET) service does.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::sim {

struct field_error {
  std::string target;  // JSON path, e.g. "serviceDetails.teamsOperatorConnect.enabled"
  std::string message;
};
using field_errors = std::vector<field_error>;

bool is_e164(std::string_view s);               // ^\+[1-9]\d+$, at most 16 characters
bool is_account_name(std::string_view s);       // ^[A-Za-z0-9_-]+$, 1-100
bool is_subdomain(std::string_view s);          // ^[A-Za-z0-9_-]+$, 1-10
bool is_subdomain_token(std::string_view s);    // ^[A-Za-z0-9=_-]+$, 1-100
bool is_custom_sip_header(std::string_view s);  // ^[A-Za-z0-9_-]+$, 1-100
bool is_guid(std::string_view s);

// The five backend services, in swagger order.
enum class service { oc, dr, tpm, zoom, aocp };
inline constexpr std::array<service, 5> all_services{service::oc, service::dr, service::tpm, service::zoom,
                                                     service::aocp};
inline constexpr unsigned bit(service s) { return 1u << static_cast<unsigned>(s); }
std::string_view service_key(service s);     // "teamsOperatorConnect", ...
std::string_view service_target(service s);  // "oc", "dr", "tpm", "zoom", "aocp" (error targets)
std::string_view service_label(service s);   // "Teams Operator Connect", ...

struct account_input {
  boost::json::object body;    // name, correlationId?, serviceDetails?
  unsigned enabled = 0;        // services with enabled=true
  unsigned sync = 0;           // services with enabled=true and syncEnabled=true
  bool dr_configured = false;  // teamsDirectRouting.configuration present
  std::string teams_tenant_id;
};

// nullopt (with errors) if the body is not a valid AccountResource for `path_name`.
std::optional<account_input> parse_account(const boost::json::value& body, std::string_view path_name,
                                           field_errors& errors);

struct number_input {
  boost::json::object body;  // telephoneNumber, accountName, serviceDetails, configuration?
  std::string telephone_number;
  std::string account_name;
  unsigned services = 0;  // services with enabled=true
};

// `path_number` empty: no path to match (batch items). `prefix` is put before every error
// target ("numbers[3]." in a batch).
std::optional<number_input> parse_number(const boost::json::value& body, std::string_view path_account,
                                         std::string_view path_number, const std::string& prefix, field_errors& errors);

// Checks a NumberIdentifier ({"telephoneNumber"}) and returns the number, or nullopt.
std::optional<std::string> parse_number_identifier(const boost::json::value& item, const std::string& prefix,
                                                   field_errors& errors);

}  // namespace acgprov::sim
