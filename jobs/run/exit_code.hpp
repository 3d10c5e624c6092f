#pragma once
// Exit codes of every acgprov command: a fixed interface, schedulers act on them.
namespace acgprov::jobs {
enum exit_code : int {
  exit_ok = 0,         // every row synced, deleted or unchanged
  exit_some_rows = 1,  // finished; some rows did not end well (see the report)
  exit_usage = 2,      // usage, configuration or unreadable input; nothing sent
  exit_aborted = 3,    // credentials refused, endpoint unreachable, interrupted; report complete
  exit_locked = 4,     // another run holds the report's lock; nothing read, sent or written
};
}
