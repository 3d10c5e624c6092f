#include "jobs/input/field_reading.hpp"

namespace acgprov::jobs {

std::string_view csv_cells::operator[](std::string_view column) const {
  for (const auto& [name, value] : rec_.fields)
    if (name == column) return trim(value);
  return {};
}

std::string_view json_kind_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    default:
      return "a number";
  }
}

field_error wrong_type(const std::string& field, std::string_view expected, const boost::json::value& v) {
  return field_error{field, field + " must be " + std::string(expected) + ", not " + std::string(json_kind_name(v))};
}

}  // namespace acgprov::jobs
