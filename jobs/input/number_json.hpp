#pragma once
// A NumberResource given as JSON (the API's own shape, e.g. an export), checked as the API
// would check it and copied into the body to PUT. Read-only members are dropped so that an
// export can be re-applied; unknown members are refused, like unknown CSV columns, because a
// misspelt member would otherwise be silently lost.
#include "jobs/input/number_rules.hpp"

#include <boost/json/object.hpp>

#include <variant>

namespace acgprov::jobs {

// Members of the input object that are not the resource's own and are skipped here
// (handled by the caller): "action".
// Returns the resource {telephoneNumber, accountName, serviceDetails (always present, {} if
// absent), configuration (if given)} or the first refused field. A JSON null member counts as
// absent.
std::variant<boost::json::object, field_error> clean_number_resource(const boost::json::object& in);

}  // namespace acgprov::jobs
