#include "jobs/input/field_reading.hpp"

#include "io/json_text.hpp"

namespace acgprov::jobs {

std::string_view csv_cells::operator[](std::string_view column) const {
  for (const auto& [name, value] : rec_.fields)
    if (name == column) return trim(value);
  return {};
}

field_error wrong_type(const std::string& field, std::string_view expected, const boost::json::value& v) {
  return field_error{field,
                     field + " must be " + std::string(expected) + ", not " + std::string(io::json_kind_name(v))};
}

}  // namespace acgprov::jobs
