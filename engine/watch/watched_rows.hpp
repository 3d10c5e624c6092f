#pragma once
// The rows the sync watch holds, compact enough to hold a whole run's: a run that reads every
// written row once needs to hold them all until the pages that show them are read, and a
// million rows must fit in a few tens of MB. In memory a row is its number in a number_index
// (about 16 bytes: the state a round reads in the tag, the row's id in the value) and its share
// of a segment (account and write time, one per batch); the rest of its report row (file,
// line, record identity, HTTP status, attempts, start, request id) is kept on disk, in an
// unlinked temporary file ($TMPDIR, else /tmp), and read back when the row ends. Without a
// temporary file, those records stay in memory. A number that is not canonical E.164, or one
// held for two accounts at once, is kept in a map of its own. In a run, the table is the run's
// (engine::run_numbers): the input's duplicate check holds every number there already, and the
// watch takes a number's entry over while it holds its row, keeping the first sighting in the
// row's record until the row ends.
#include "engine/number_index.hpp"
#include "engine/run_numbers.hpp"
#include "model/report_row.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace acgprov::engine {

class watched_rows {
public:
  using clock = std::chrono::steady_clock;
  enum class sync_word : std::uint8_t { none, pending, synced, failed, other };
  // What a round reads and changes of a row, held in memory.
  struct state {
    sync_word status = sync_word::none;  // service_provisioning_status so far
    bool shown_pending = false;          // the last probe listed it as not yet synced
    bool unseen = false;                 // a whole list left it out: only a GET of it can tell
    bool listed = false;                 // the whole list being read showed it
    // A whole probe asked for after its write left it out: the server holds it no longer
    // pending; only its final state is left to read.
    bool settled = false;
  };
  // A row as a round sees it. Valid until the next add or erase.
  struct row {
    std::uint32_t id = 0;
    std::uint32_t account = 0;  // account_name(account)
    std::uint64_t key = 0;      // number_index key; 0: kept in the map of its own
    clock::time_point added;    // when its write was accepted (no earlier than that)
    state st;
  };
  // What is not a contract word or carries errors (rare): kept beside the row.
  struct unusual {
    std::string status;
    std::vector<model::api_error> errors;
  };

  // `shared`: the run's table of numbers (it must outlive this); null: a table of its own.
  explicit watched_rows(run_numbers* shared = nullptr);
  // Gives back the entries of the rows still held (their first sightings).
  ~watched_rows();
  watched_rows(const watched_rows&) = delete;
  watched_rows& operator=(const watched_rows&) = delete;

  // Holds `r` (its account, number, file, line, action, HTTP status, attempts, request id,
  // record identity; its sync status and errors as `st` and `extra`), written at `added`.
  // A row already held for the same account and number is replaced; true if it was new.
  bool add(const model::report_row& r, state st, std::unique_ptr<unusual> extra, clock::time_point started,
           clock::time_point added);

  std::optional<row> find(std::string_view account, std::string_view number) const;
  void set_state(const row& r, state st);
  // The row's status word and errors, when unusual (null otherwise).
  const unusual* extra(const row& r) const;
  void set_extra(const row& r, std::unique_ptr<unusual> extra);
  // Its report row as it was added, with the status and errors kept since; started: for elapsedMs.
  model::report_row report_row_of(const row& r, clock::time_point* started) const;
  std::string number_of(const row& r) const;
  void erase(const row& r);

  // Calls f(row&) for every row; f may change row.st (kept), not add or erase.
  template <class F>
  void for_each(F&& f) {
    numbers_.index.for_each([&](number_index::entry& e) {
      if (e.tag < run_numbers::watched_tag) return;  // a number the input named, not held here
      row r = row_at(e.key, e.value, e.tag - run_numbers::watched_tag);
      f(r);
      e.tag = run_numbers::watched_tag + tag_of(r.st);
    });
    for (auto& [where, held] : odd_) {
      row r = row_at(0, held.id, held.tag);
      f(r);
      held.tag = tag_of(r.st);
    }
  }

  std::size_t size() const { return held_ + odd_.size(); }
  const std::string& account_name(std::uint32_t account) const { return accounts_[account]; }
  std::optional<std::uint32_t> account_index(std::string_view name) const;
  // The records go to the temporary file (else they are in memory).
  bool spills() const { return fd_ >= 0 && !spill_failed_; }

private:
  // A run of rows (ids first..) of one account written at about the same time: a batch.
  struct segment {
    std::uint32_t first = 0;
    std::uint32_t account = 0;
    std::uint32_t live = 0;   // its rows still held
    clock::time_point added;  // the newest of its rows' write times
  };
  static constexpr std::uint32_t no_sighting = ~std::uint32_t{0};
  // A row's record kept on disk: fixed size, at id * sizeof(record).
  struct record {
    std::uint64_t line = 0;
    std::uint64_t record = 0;
    std::uint64_t record_digest = 0;
    std::uint64_t key = 0;  // 0: the number is in odd_
    clock::rep started = 0;
    std::int32_t http_status = 0;
    std::uint32_t attempts = 0;
    std::uint32_t file = 0;
    // The entry the number had before this row took it (the duplicate check's first sighting
    // of it), put back when the row ends; seen_file == no_sighting: none.
    std::uint32_t seen_file = no_sighting;
    std::uint32_t seen_line = 0;
    std::uint8_t remove = 0;
    std::uint8_t request_id_size = 0;  // 0xff: the request id is in long_ids_
    char request_id[42] = {};
  };
  struct odd_row {
    std::uint32_t id = 0;
    std::uint32_t tag = 0;
  };

  static std::uint32_t tag_of(state st);
  static state state_of(std::uint32_t tag);
  row row_at(std::uint64_t key, std::uint32_t id, std::uint32_t tag) const;
  const segment& segment_of(std::uint32_t id) const;
  segment& segment_of(std::uint32_t id);
  std::uint32_t intern_account(const std::string& name);
  std::uint32_t intern_file(const std::string& name);
  void keep(const record& rec);
  record read(std::uint32_t id) const;
  // Changes the record of a row held (a first sighting kept with it).
  void rewrite(std::uint32_t id, const record& rec);
  std::optional<run_numbers::sighting> sighting_of(std::uint32_t id, run_numbers::sighting first);
  // The entry of a number whose row ends: its first sighting again, or none.
  void give_back_entry(std::uint64_t key, const record& rec);
  void flush();
  // Frees the file's bytes below `below` (whole MBs), once no held row is there.
  void give_back(std::uint64_t below);

  std::unique_ptr<run_numbers> own_;
  run_numbers& numbers_;
  std::size_t held_ = 0;                                          // rows in numbers_ (the others are in odd_)
  std::map<std::pair<std::uint32_t, std::string>, odd_row> odd_;  // by account, number
  std::map<std::uint32_t, std::string> odd_numbers_;              // by id
  std::map<std::uint32_t, unusual> extra_;                        // by id
  std::map<std::uint32_t, std::string> long_ids_;                 // request ids over 42 bytes
  std::deque<segment> segments_;
  std::vector<std::string> accounts_;
  std::map<std::string, std::uint32_t, std::less<>> account_ids_;
  std::vector<std::string> files_;
  std::uint32_t next_id_ = 0;
  // Records of ids below flushed_ are in the file, the next ones in buffer_ until it is
  // written; without a file (or once writing it failed) they are kept in kept_ instead.
  int fd_ = -1;
  bool spill_failed_ = false;
  std::uint32_t flushed_ = 0;
  std::uint64_t punched_ = 0;  // bytes at the file's start given back (rows all ended)
  std::vector<record> buffer_;
  std::unordered_map<std::uint32_t, record> kept_;
  // The record last read from the file: a row that ends is read for its report row, then again
  // for its first sighting when erased.
  mutable std::optional<std::pair<std::uint32_t, record>> last_read_;
};

}  // namespace acgprov::engine
