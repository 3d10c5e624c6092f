#pragma once
// The plan: before an account's first row is written, read what the account holds (its
// number list, 500 a page) and write only what differs. A row the API already holds as given
// and synced is reported `unchanged` without a request; a delete is always sent (its verdict
// comes from the API's answer, never from a list that did not show the number); an identical row whose sync is still
// pending is watched, not written again (so a rerun after a crash checks in-flight rows before writing them). With
// --prune, the numbers an account holds but the input does not name are deleted.
#include "engine/pipeline.hpp"
#include "engine/plan/account_directory.hpp"
#include "engine/plan/account_snapshot.hpp"
#include "engine/plan/read_price.hpp"
#include "engine/run_context.hpp"

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace acgprov::engine {

// The file name prune rows carry in the report (they have no input line: line 0).
inline constexpr const char* prune_file = "(prune)";

class plan_source final : public task_source {
public:
  // `inner` yields the input's rows; `sink` receives the rows the plan settles itself.
  plan_source(run_context& ctx, task_source& inner, report_sink& sink);

  awaitable<std::optional<number_task>> next() override;

  // The account's snapshot, read once (concurrent callers wait for the same read); nullptr
  // if it could not be read (the account does not exist, or the API failed): then every row
  // of that account is written as given and the API's answer decides.
  awaitable<const account_snapshot*> snapshot(std::string account);

  // --prune: for each account, the sorted numbers (e164_key) the input names. After the
  // input, the numbers these accounts hold beyond them come out as delete rows.
  void set_prune(std::map<std::string, std::vector<std::uint64_t>> wanted) { wanted_ = std::move(wanted); }

  // The run's GET /accounts (it must outlive this source) and, when the inputs could be read
  // ahead, the accounts they name: the plan then prices its reads (read_price.hpp). With
  // `trust_counts` (not with --prune, which must see what an account holds) an account whose
  // counts say it holds nothing is not read: its rows are written and the API's answers
  // decide. Without a directory every account is read on its own.
  void set_directory(const account_directory* dir, std::optional<std::set<std::string>> input_accounts,
                     bool trust_counts);
  // The strategy chosen (per_account until a directory and the input's accounts are known).
  read_strategy strategy() const { return price_.strategy; }

private:
  struct account_entry {
    bool loaded = false;
    std::optional<account_snapshot> snapshot;
    std::shared_ptr<net::steady_timer> loading;  // non-null while the list is being read
  };

  awaitable<std::optional<account_snapshot>> read_account(const std::string& account);
  // GET /numbers once, into a snapshot of every account the input names; false if it could
  // not be read whole (then accounts are read one by one).
  awaitable<bool> read_all_numbers();
  awaitable<void> queue_prunes();
  void settle(const number_task& task, model::outcome outcome, std::string status);

  run_context& ctx_;
  task_source& inner_;
  report_sink& sink_;
  std::map<std::string, account_entry> accounts_;
  std::map<std::string, std::vector<std::uint64_t>> wanted_;
  std::deque<number_task> prunes_;
  bool inner_done_ = false;
  bool prunes_queued_ = false;
  const account_directory* directory_ = nullptr;
  std::set<std::string> input_accounts_;
  bool trust_counts_ = false;
  read_price price_;
  bool bulk_tried_ = false;
  std::shared_ptr<net::steady_timer> bulk_loading_;  // non-null while GET /numbers is read
};

}  // namespace acgprov::engine
