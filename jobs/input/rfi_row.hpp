#pragma once
// Teams requests for information (RFIs) as `acgprov rfi update` reads them and `acgprov rfi
// list` writes them. Pure: no I/O.
//
// rfi update, CSV: columns `tenantId` (required), `status`, `comment` (the customer
// relationship's); an empty cell leaves that member as it is. JSON / NDJSON rows:
// {"tenantId": ..., "customerRelationship": {"status": ..., "comment": ...}}; a null member
// removes it (JSON merge patch, RFC 7396). The read-only members of an RFI as `rfi list`
// writes it are accepted and ignored, so a listed RFI can be edited and sent back.
#include "io/record_reader.hpp"
#include "jobs/input/resource_rows.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace acgprov::jobs {

inline constexpr std::array<std::string_view, 3> rfi_csv_columns{"tenantId", "status", "comment"};
inline constexpr std::array<std::string_view, 1> rfi_csv_required{"tenantId"};
inline constexpr io::csv_columns rfi_csv{rfi_csv_columns, rfi_csv_required};

// A record to the patch to send (key = tenantId, body = {"customerRelationship": {...}}), or
// the `invalid` row naming the field.
std::variant<resource_task, invalid_row> to_rfi_task(const io::input_record& record);

// ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ (api-contract §3.1).
bool is_guid(std::string_view s);

// `rfi list` to CSV: one row per RFI. Lists are joined with "; ", contacts as
// "Full Name <email>"; companyName / companySize are the first contact's that has them.
inline constexpr std::array<std::string_view, 16> rfi_list_columns{"tenantId",
                                                                   "id",
                                                                   "accountName",
                                                                   "productContext",
                                                                   "operatorId",
                                                                   "status",
                                                                   "consentedOn",
                                                                   "lastModifiedOn",
                                                                   "consentedCountries",
                                                                   "contacts",
                                                                   "companyName",
                                                                   "companySize",
                                                                   "customerRelationshipStatus",
                                                                   "customerRelationshipComment",
                                                                   "customerRelationshipLastModifiedOn",
                                                                   "serviceProvisioningStatus"};
std::vector<std::string> rfi_csv_cells(const boost::json::object& api);

// The RFI's consent status (`status`), "" if none: what `rfi list --status` filters on.
std::string rfi_status(const boost::json::object& api);

}  // namespace acgprov::jobs
