#pragma once
// Writes one batch of numbers of one account with :createOrUpdateNumbers or :deleteNumbers,
// one request for up to 100 rows. A refused batch is split (engine/write/batch_split.hpp) until
// the bad rows are isolated, so the good ones still land. Rows that end are reported at once;
// rows accepted with a pending sync go to the sync_watch.
#include "engine/pipeline.hpp"
#include "engine/run_context.hpp"
#include "engine/watch/sync_watch.hpp"
#include "engine/write/batch_builder.hpp"

namespace acgprov::engine {

awaitable<void> write_batch(run_context& ctx, number_batch batch, sync_watch& watch, report_sink& sink);

}  // namespace acgprov::engine
