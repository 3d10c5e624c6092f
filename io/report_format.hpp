#pragma once
// The report's two encodings, shared by report_writer and report_reader so that what is
// written can always be read back (--resume).
//
// JSON Lines (.jsonl, .ndjson): one object per line, members in report_columns order:
//   {"file":"in.csv","line":2,"action":"upsert","accountName":"contoso",
//    "telephoneNumber":"+14255550100","outcome":"synced","httpStatus":200,
//    "serviceProvisioningStatus":"synced","errors":[],"attempts":2,"elapsedMs":1234,
//    "requestId":"9f1c..."}
//   httpStatus is null when nothing was answered (0 in model::report_row); serviceProvisioningStatus
//   and requestId are null when unknown / nothing was sent (""), so a consumer never mistakes
//   a placeholder for a value. subdomainStatus (added last) is null except on account rows
//   with Direct Routing. errors is always an array of {"code","message","target"}
//   (target "" when the API gave none). Numbers are JSON numbers. record and recordDigest
//   (added after subdomainStatus) identify the input record for --resume: record is its index
//   among the records that start on its line (1 unless records share a line), recordDigest 16
//   hex digits of its normalised content; null (empty in CSV) in rows of older reports.
// Every string is valid UTF-8 (invalid bytes from a server become U+FFFD): the report must
//   stay readable by --resume whatever an error page held.
// CSV (.csv): a header row of report_columns, then one row per report row, LF line ends,
//   RFC 4180 quoting where a cell needs it. The same absent values are empty cells; errors is
//   compact JSON text (the array above), or an empty cell when there are none.
#include "model/report_row.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::io {

enum class report_format { jsonl, csv };

// By extension, case-insensitive: .jsonl / .ndjson or .csv; nullopt otherwise.
std::optional<report_format> report_format_from_path(std::string_view path);

// The column names and their order: a fixed interface (schedulers parse them).
inline constexpr std::array<std::string_view, 15> report_columns{"file",
                                                                 "line",
                                                                 "action",
                                                                 "accountName",
                                                                 "telephoneNumber",
                                                                 "outcome",
                                                                 "httpStatus",
                                                                 "serviceProvisioningStatus",
                                                                 "errors",
                                                                 "attempts",
                                                                 "elapsedMs",
                                                                 "requestId",
                                                                 "subdomainStatus",
                                                                 "record",
                                                                 "recordDigest"};
// The columns a CSV report must have to be read back: those of reports written before
// record and recordDigest were added are still resumable.
inline constexpr std::size_t required_report_columns = 13;

// recordDigest's text: 16 lower-case hex digits; "" for 0 (unknown).
std::string digest_text(std::uint64_t digest);

boost::json::object to_json(const model::report_row& row);
std::string to_jsonl_line(const model::report_row& row);  // ends with '\n'
std::string csv_header_line();                            // ends with '\n'
std::string to_csv_line(const model::report_row& row);    // ends with '\n'
// One CSV cell, quoted (with doubled quotes) only when it holds ',', '"', CR or LF.
std::string csv_cell(std::string_view s);

// Back from either encoding. Throw std::invalid_argument naming the bad column.
model::report_row row_from_json(const boost::json::object& obj);
// `columns[i]` names `cells[i]`; columns that are not report columns are ignored.
model::report_row row_from_csv(const std::vector<std::string>& columns, const std::vector<std::string>& cells);

}  // namespace acgprov::io
