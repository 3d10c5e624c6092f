#pragma once
// The field rules of a NumberResource (api-contract §3.1, §4.2), shared by the CSV and JSON
// paths so both refuse the same values with the same words.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace acgprov::jobs {

// A refused field: `field` is its name or dotted path ("serviceDetails.teamsPhoneMobile.enabled");
// `message` is the whole sentence for the report and names the field itself.
struct field_error {
  std::string field;
  std::string message;
};

// The NumberServiceDetails keys, in the order resources are written.
inline constexpr std::array<std::string_view, 5> service_keys{"teamsOperatorConnect", "teamsDirectRouting",
                                                              "teamsPhoneMobile", "zoomPhoneCloudPeering",
                                                              "azureOperatorCallProtection"};

// The canonical key for `word` (matched case-insensitively), or nullopt if unknown.
std::optional<std::string_view> canonical_service(std::string_view word);
// Operator Connect and Teams Phone Mobile: the services whose number entry has a Teams
// `configuration` (usage, capabilities, emergency address).
bool has_teams_configuration(std::string_view service_key);
// "teamsOperatorConnect, teamsDirectRouting, ..." for messages.
std::string service_list();

// '+', a digit 1-9, then 1-14 more digits (at most 16 characters): ^\+[1-9]\d+$ with maxLength 16.
bool is_e164(std::string_view s);
// 1-100 characters of A-Z a-z 0-9 _ - : accountName and customSipHeader.
bool is_name_token(std::string_view s);
bool is_valid_utf8(std::string_view s);

std::optional<field_error> check_telephone_number(std::string_view value, std::string_view field = "telephoneNumber");
std::optional<field_error> check_name_token(std::string_view value, std::string_view field);

// A value shown in a message: in double quotes, control characters and invalid UTF-8
// escaped, cut after 64 characters, so a message stays one readable line.
std::string quoted(std::string_view value);
// A value copied into a report column: invalid UTF-8 replaced by U+FFFD, cut after 256 bytes,
// so the report stays valid JSON / UTF-8 whatever the input held.
std::string printable(std::string_view value);

std::string_view trim(std::string_view s);  // spaces and tabs at both ends

}  // namespace acgprov::jobs
