#pragma once
// Reading one field of an input row, shared by the row models (numbers, accounts): a CSV cell by
// its column, and the refusal of a JSON member of the wrong type, in the same words everywhere.
#include "io/record_reader.hpp"
#include "jobs/input/number_rules.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace acgprov::jobs {

// A CSV row's cells by column name.
class csv_cells {
public:
  explicit csv_cells(const io::input_record& rec) : rec_(rec) {}
  // The trimmed cell, or "" if the column is absent or empty.
  std::string_view operator[](std::string_view column) const;

private:
  const io::input_record& rec_;
};

// "FIELD must be EXPECTED, not a string".
field_error wrong_type(const std::string& field, std::string_view expected, const boost::json::value& v);

}  // namespace acgprov::jobs
