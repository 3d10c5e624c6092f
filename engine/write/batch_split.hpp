#pragma once
// What to do with a batch the API refused (4xx). The public contract does not say whether a
// batch is all-or-nothing, nor how one bad item is reported, so both are handled: items the
// error names (a detail whose target is `numbers[i]`, or whose text names the number) are
// set aside with their own error and the rest is sent again; when the error names none,
// the batch is split in halves, down to single numbers, so that good rows still land.
#include "model/report_row.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace acgprov::engine {

struct refused_item {
  std::size_t index;  // position in the batch as sent
  std::vector<model::api_error> errors;
};

struct split_plan {
  std::vector<refused_item> refused;           // named by the error: report `rejected`
  std::vector<std::vector<std::size_t>> next;  // index groups to send again, each a batch
};

// numbers: the telephone numbers of the batch as sent (same order). errors: the parsed error
// body (top error first, then its details).
split_plan plan_split(const std::vector<std::string>& numbers, const std::vector<model::api_error>& errors);

}  // namespace acgprov::engine
