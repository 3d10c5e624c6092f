#pragma once
// Fans rows out to --max-in-flight worker coroutines (`accounts apply`, `rfi update`; every
// request still goes through the one token bucket). A worker takes the next row only when it
// is free, so memory does not grow with the input.
#include "engine/run_context.hpp"

#include <cstddef>

namespace acgprov::engine {

class row_job {
public:
  virtual ~row_job() = default;
  // Takes one row and carries it to its report row; false when there are no more rows.
  virtual awaitable<bool> run_one() = 0;
};

// Runs `workers` workers until the rows are done or ctx.stopping. An exception in a worker
// aborts the run ("internal error") and is rethrown once every worker has ended.
awaitable<void> run_row_workers(run_context& ctx, row_job& job, std::size_t workers);

}  // namespace acgprov::engine
