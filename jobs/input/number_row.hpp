#pragma once
// Turns one input record into the task the engine writes, or into the `invalid` report row
// that says, naming the field, why nothing will be sent for it.
#include "engine/number_task.hpp"
#include "io/record_reader.hpp"
#include "model/report_row.hpp"

#include <string_view>
#include <variant>

namespace acgprov::jobs {

// Error codes of locally refused rows (errors[0].code of an `invalid` row).
inline constexpr std::string_view invalid_field_code = "InvalidField";          // target: the field
inline constexpr std::string_view unreadable_record_code = "UnreadableRecord";  // target: ""
inline constexpr std::string_view duplicate_number_code = "DuplicateNumber";    // target: telephoneNumber

// outcome invalid; errors[0].message is the reason and names the field.
struct invalid_row {
  model::report_row row;
};

// CSV records use the columns of io::number_csv_columns (cells trimmed; empty = absent);
// JSON / NDJSON records are the API's NumberResource plus an optional "action". Delete rows
// need only accountName and telephoneNumber (anything else is ignored).
std::variant<engine::number_task, invalid_row> to_number_task(const io::input_record& record);

// The `invalid` row for a task whose number was already taken earlier in the run.
invalid_row duplicate_row(const engine::number_task& task, std::string_view first_file, std::uint64_t first_line);

// "upsert" / "delete": the report's word for an action.
std::string_view action_word(engine::number_action action);

}  // namespace acgprov::jobs
