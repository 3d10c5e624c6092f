#pragma once
// Reading the API's JSON answers: Azure error bodies and a resource's provisioning state.
#include "model/error_codes.hpp"
#include "model/report_row.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace acgprov::engine {

// {"error":{"code","message","target","details":[...]}} → the error, then its details.
// A body that is not such JSON gives one entry holding the status and a short excerpt.
std::vector<model::api_error> parse_error_body(int http_status, std::string_view body);

struct provisioning_state {
  std::string status;                    // pending | synced | failed | "" (the resource has no such field)
  std::vector<model::api_error> errors;  // serviceProvisioningErrors (null and [] both mean none)
};

// The serviceProvisioningStatus / -Errors of one resource object (number or account).
std::optional<provisioning_state> parse_provisioning_state(std::string_view body);

// The numbers listed in an answer's `array_key` array ("numbers" of a batch answer, "value"
// of a list page), by telephone number; the first item of a number wins. Items that are not
// objects or name no number are skipped; a body that is not such JSON gives an empty map.
std::unordered_map<std::string, provisioning_state> parse_number_states(std::string_view body,
                                                                        std::string_view array_key);

}  // namespace acgprov::engine
