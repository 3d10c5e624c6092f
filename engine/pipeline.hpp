#pragma once
// Fans rows out to --max-in-flight worker coroutines. Rows are pulled from the source only
// when a worker is free, so memory does not grow with the input.
#include "engine/number_task.hpp"
#include "engine/run_context.hpp"
#include "model/report_row.hpp"

#include <optional>

namespace acgprov::engine {

class task_source {
public:
  virtual ~task_source() = default;
  // The next row to send, or nullopt at the end of the input. Rows that are refused locally
  // never come out of here (the source reports them itself). A coroutine, so that a source
  // may ask the API first (preflight, plan) before it hands out an account's rows.
  virtual awaitable<std::optional<number_task>> next() = 0;
};

class report_sink {
public:
  virtual ~report_sink() = default;
  virtual void write(const model::report_row& row) = 0;
};

// Runs until the source is empty or ctx.stopping, and every started row is reported.
awaitable<void> run_pipeline(run_context& ctx, task_source& source, report_sink& sink);

}  // namespace acgprov::engine
