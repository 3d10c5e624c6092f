#pragma once
// Reading one account (GET /accounts/{name}) and waiting for its backend sync: shared by
// `accounts apply` (after a write) and the numbers preflight (an account still pending holds
// its numbers back until it settles).
#include "engine/request/api_body.hpp"
#include "engine/request/api_request.hpp"
#include "engine/run_context.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <string>

namespace acgprov::jobs {

struct account_read {
  engine::api_outcome out;           // the last GET
  int status = 0;                    // its HTTP status; 0 = no answer
  std::string etag;                  // ETag header (200)
  boost::json::object resource;      // the AccountResource (200)
  engine::provisioning_state state;  // serviceProvisioningStatus / -Errors (200)
};

// Fills status, etag, resource and state from a 200/201 answer carrying an account.
void read_account_answer(account_read& read);

// One GET of the account (request_kind `kind`: poll when watching a sync, read otherwise).
awaitable<account_read> get_account(engine::run_context& ctx, std::string name, engine::request_kind kind);

// GETs the account, with intervals growing from ctx.config.poll_interval by 1.5x up to
// max_poll_interval, until its status is not `pending`, `deadline` passes, or the run stops;
// returns the last read (still pending if the deadline came first). A GET without an answer
// or with a 5xx is retried at the next interval; any other non-200 ends the wait.
awaitable<account_read> wait_until_settled(engine::run_context& ctx, std::string name,
                                           std::chrono::steady_clock::time_point deadline);

}  // namespace acgprov::jobs
