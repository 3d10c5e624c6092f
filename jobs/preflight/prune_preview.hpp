#pragma once
// `--dry-run --prune`: what the real run's prune would delete, per account, asked of the API
// the way the real run asks it (a token, then the plan's read-only reads of each account's
// number list); nothing is written.
#include "jobs/cli/apply_options.hpp"
#include "jobs/preflight/prune_guard.hpp"

#include <ostream>

namespace acgprov::engine {
class report_sink;
}

namespace acgprov::jobs {

// Reports each number the prune would delete as a `planned` delete row (file "(prune)", line
// 0, as the real run reports it) to `sink`, and lists them per account on `out`. Returns
// exit_ok; exit_usage (with the reason on stderr) when --max-deletes would refuse the real
// run; exit_aborted when the API could not be asked (credentials refused, unreachable).
// Throws usage_error for connection options that cannot work (as api_session does).
int preview_prune(const apply_options& options, const numbers_by_account& wanted, engine::report_sink& sink,
                  std::ostream& out);

}  // namespace acgprov::jobs
