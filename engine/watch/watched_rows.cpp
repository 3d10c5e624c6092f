#include "engine/watch/watched_rows.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace acgprov::engine {

namespace {

// Rows written this close together, to one account, share a segment (a batch's rows are
// handed over in one go). A row's write time is taken as its segment's newest: never earlier
// than it was, so no answer asked for before a write is taken as evidence about it.
constexpr auto same_batch = std::chrono::milliseconds(5);
constexpr std::size_t flush_records = 1024;  // 96 KB written at a time

int open_spill_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/acgprov-watch-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) return -1;
  ::unlink(path.c_str());  // gone with the process, however it ends
  return fd;
}

// All `size` bytes at `at` through `io` (pread or pwrite), or false: the disk is full or
// failing. Bounded: each pass moves some bytes or gives up.
template <class Io, class Bytes>
bool whole_at(Io io, int fd, Bytes* bytes, std::size_t size, off_t at) {
  while (size > 0) {
    const ssize_t n = io(fd, bytes, size, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
    at += n;
  }
  return true;
}

bool write_at(int fd, const void* data, std::size_t size, off_t at) {
  return whole_at(::pwrite, fd, static_cast<const char*>(data), size, at);
}

bool read_at(int fd, void* data, std::size_t size, off_t at) {
  return whole_at(::pread, fd, static_cast<char*>(data), size, at);
}

off_t offset_of(std::uint32_t id, std::size_t record_size) {
  return static_cast<off_t>(id) * static_cast<off_t>(record_size);
}

}  // namespace

watched_rows::watched_rows(run_numbers* shared)
    : own_(shared ? nullptr : std::make_unique<run_numbers>()),
      numbers_(shared ? *shared : *own_),
      fd_(open_spill_file()) {
  numbers_.watched_sighting = [this](std::uint32_t id, run_numbers::sighting first) { return sighting_of(id, first); };
}

watched_rows::~watched_rows() {
  numbers_.watched_sighting = nullptr;
  // The input may still be read after the watch (a stop drains it): it must find its first
  // sightings where it left them. Bounded by the rows held.
  if (!own_ && held_ > 0) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> held;  // key, id
    held.reserve(held_);
    numbers_.index.for_each([&](number_index::entry& e) {
      if (e.tag >= run_numbers::watched_tag) held.emplace_back(e.key, e.value);
    });
    for (const auto& [key, id] : held) {
      try {
        give_back_entry(key, read(id));
      } catch (const std::exception&) {
        numbers_.index.erase(key);  // the record is lost: the number is no longer known as seen
      }
    }
  }
  if (fd_ >= 0) ::close(fd_);
}

std::optional<run_numbers::sighting> watched_rows::sighting_of(std::uint32_t id, run_numbers::sighting first) {
  record rec = read(id);
  if (rec.seen_file != no_sighting) return run_numbers::sighting{rec.seen_file, rec.seen_line};
  rec.seen_file = first.file;
  rec.seen_line = first.line;
  rewrite(id, rec);
  return std::nullopt;
}

void watched_rows::give_back_entry(std::uint64_t key, const record& rec) {
  if (rec.seen_file != no_sighting) numbers_.index.update(key, rec.seen_file, rec.seen_line);
  else numbers_.index.erase(key);
}

std::uint32_t watched_rows::tag_of(state st) {
  return static_cast<std::uint32_t>(st.status) | (st.shown_pending ? 8u : 0u) | (st.unseen ? 16u : 0u) |
         (st.listed ? 32u : 0u) | (st.settled ? 64u : 0u);
}

watched_rows::state watched_rows::state_of(std::uint32_t tag) {
  return {static_cast<sync_word>(tag & 7u), (tag & 8u) != 0, (tag & 16u) != 0, (tag & 32u) != 0, (tag & 64u) != 0};
}

std::uint32_t watched_rows::intern_account(const std::string& name) {
  if (auto it = account_ids_.find(name); it != account_ids_.end()) return it->second;
  accounts_.push_back(name);
  const auto id = static_cast<std::uint32_t>(accounts_.size() - 1);
  account_ids_.emplace(name, id);
  return id;
}

std::optional<std::uint32_t> watched_rows::account_index(std::string_view name) const {
  if (auto it = account_ids_.find(name); it != account_ids_.end()) return it->second;
  return std::nullopt;
}

std::uint32_t watched_rows::intern_file(const std::string& name) {
  // Rows come file after file: the last name matches almost always.
  if (!files_.empty() && files_.back() == name) return static_cast<std::uint32_t>(files_.size() - 1);
  auto it = std::find(files_.begin(), files_.end(), name);
  if (it != files_.end()) return static_cast<std::uint32_t>(it - files_.begin());
  files_.push_back(name);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

const watched_rows::segment& watched_rows::segment_of(std::uint32_t id) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), id,
                             [](std::uint32_t v, const segment& s) { return v < s.first; });
  return *std::prev(it);  // every held id is in a segment: the front one starts at or before it
}

watched_rows::segment& watched_rows::segment_of(std::uint32_t id) {
  return const_cast<segment&>(std::as_const(*this).segment_of(id));
}

watched_rows::row watched_rows::row_at(std::uint64_t key, std::uint32_t id, std::uint32_t tag) const {
  const auto& seg = segment_of(id);
  return row{id, seg.account, key, seg.added, state_of(tag)};
}

bool watched_rows::add(const model::report_row& r, state st, std::unique_ptr<unusual> extra, clock::time_point started,
                       clock::time_point added) {
  bool replaced = false;
  if (auto old = find(r.account_name, r.telephone_number)) {
    erase(*old);
    replaced = true;
  }
  const std::uint32_t account = intern_account(r.account_name);
  const std::uint32_t id = next_id_++;
  if (segments_.empty() || segments_.back().account != account || added - segments_.back().added > same_batch)
    segments_.push_back(segment{id, account, 0, added});
  else segments_.back().added = std::max(segments_.back().added, added);
  ++segments_.back().live;

  record rec;
  rec.line = r.line;
  rec.record = r.record;
  rec.record_digest = r.record_digest;
  rec.started = started.time_since_epoch().count();
  rec.http_status = r.http_status;
  rec.attempts = r.attempts;
  rec.file = intern_file(r.file);
  rec.remove = r.action == "delete" ? 1 : 0;
  if (r.request_id.size() <= sizeof(rec.request_id)) {
    rec.request_id_size = static_cast<std::uint8_t>(r.request_id.size());
    std::memcpy(rec.request_id, r.request_id.data(), r.request_id.size());
  } else {
    rec.request_id_size = 0xff;
    long_ids_.emplace(id, r.request_id);
  }
  // A number held for another account already (a row the input moves) keeps its own entry.
  const auto key = number_index::key_of(r.telephone_number);
  const auto there = key ? numbers_.index.find(*key) : std::nullopt;
  if (key && (!there || there->tag < run_numbers::watched_tag)) {
    rec.key = *key;
    const std::uint32_t tag = run_numbers::watched_tag + tag_of(st);
    if (there) {
      rec.seen_file = there->tag;
      rec.seen_line = there->value;
      numbers_.index.update(*key, tag, id);
    } else numbers_.index.insert(*key, tag, id);
    ++held_;
  } else {
    odd_.emplace(std::pair(account, r.telephone_number), odd_row{id, tag_of(st)});
    odd_numbers_.emplace(id, r.telephone_number);
  }
  if (extra) extra_.emplace(id, std::move(*extra));
  keep(rec);
  return !replaced;
}

std::optional<watched_rows::row> watched_rows::find(std::string_view account, std::string_view number) const {
  const auto acc = account_index(account);
  if (!acc) return std::nullopt;
  if (auto key = number_index::key_of(number))
    if (auto e = numbers_.index.find(*key); e && e->tag >= run_numbers::watched_tag) {
      auto r = row_at(e->key, e->value, e->tag - run_numbers::watched_tag);
      if (r.account == *acc) return r;
    }
  if (auto it = odd_.find(std::pair(*acc, std::string(number))); it != odd_.end())
    return row_at(0, it->second.id, it->second.tag);
  return std::nullopt;
}

void watched_rows::set_state(const row& r, state st) {
  if (r.key) numbers_.index.update(r.key, run_numbers::watched_tag + tag_of(st), r.id);
  else if (auto it = odd_.find(std::pair(r.account, odd_numbers_.at(r.id))); it != odd_.end())
    it->second.tag = tag_of(st);
}

const watched_rows::unusual* watched_rows::extra(const row& r) const {
  auto it = extra_.find(r.id);
  return it == extra_.end() ? nullptr : &it->second;
}

void watched_rows::set_extra(const row& r, std::unique_ptr<unusual> extra) {
  if (extra) extra_.insert_or_assign(r.id, std::move(*extra));
  else extra_.erase(r.id);
}

std::string watched_rows::number_of(const row& r) const {
  return r.key ? number_index::text_of(r.key) : odd_numbers_.at(r.id);
}

model::report_row watched_rows::report_row_of(const row& r, clock::time_point* started) const {
  const record rec = read(r.id);
  model::report_row out;
  out.file = files_[rec.file];
  out.line = rec.line;
  out.action = rec.remove ? "delete" : "upsert";
  out.account_name = accounts_[r.account];
  out.telephone_number = number_of(r);
  out.http_status = rec.http_status;
  out.attempts = rec.attempts;
  if (rec.request_id_size == 0xff) out.request_id = long_ids_.at(r.id);
  else out.request_id.assign(rec.request_id, rec.request_id_size);
  out.record = rec.record;
  out.record_digest = rec.record_digest;
  switch (r.st.status) {
    case sync_word::none:
      break;
    case sync_word::pending:
      out.service_provisioning_status = "pending";
      break;
    case sync_word::synced:
      out.service_provisioning_status = "synced";
      break;
    case sync_word::failed:
      out.service_provisioning_status = "failed";
      break;
    case sync_word::other:
      break;
  }
  if (const auto* x = extra(r)) {
    if (r.st.status == sync_word::other) out.service_provisioning_status = x->status;
    out.errors = x->errors;
  }
  if (started) *started = clock::time_point(clock::duration(rec.started));
  return out;
}

void watched_rows::erase(const row& r) {
  if (r.key) {
    if (own_) numbers_.index.erase(r.key);  // no input shares the table: nothing to put back
    else give_back_entry(r.key, read(r.id));
    --held_;
  } else {
    odd_.erase(std::pair(r.account, odd_numbers_.at(r.id)));
    odd_numbers_.erase(r.id);
  }
  extra_.erase(r.id);
  long_ids_.erase(r.id);
  kept_.erase(r.id);
  --segment_of(r.id).live;
  // Segments of rows all ended go, oldest first (a long run keeps only its recent ones), and
  // so do their records on disk.
  while (segments_.size() > 1 && segments_.front().live == 0) segments_.pop_front();
  give_back(static_cast<std::uint64_t>(std::min(segments_.front().first, flushed_)) * sizeof(record));
}

void watched_rows::give_back(std::uint64_t below) {
  constexpr std::uint64_t step = 1 << 20;
  if (fd_ < 0 || below < punched_ + step) return;
  const std::uint64_t upto = below / step * step;
  // Best effort: a file system without hole punching just keeps the bytes.
  if (::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(punched_),
                  static_cast<off_t>(upto - punched_)) == 0)
    punched_ = upto;
  else punched_ = below;  // do not ask again for the same bytes
}

void watched_rows::keep(const record& rec) {
  if (fd_ < 0 || spill_failed_) {
    kept_.emplace(next_id_ - 1, rec);
    return;
  }
  buffer_.push_back(rec);
  if (buffer_.size() >= flush_records) flush();
}

void watched_rows::flush() {
  if (!write_at(fd_, buffer_.data(), buffer_.size() * sizeof(record), offset_of(flushed_, sizeof(record)))) {
    // The disk is full or failing: keep this batch of records in memory and stop writing.
    for (std::size_t i = 0; i < buffer_.size(); ++i)
      kept_.emplace(flushed_ + static_cast<std::uint32_t>(i), buffer_[i]);
    spill_failed_ = true;
  }
  flushed_ += static_cast<std::uint32_t>(buffer_.size());
  buffer_.clear();
}

void watched_rows::rewrite(std::uint32_t id, const record& rec) {
  if (auto it = kept_.find(id); it != kept_.end()) {
    it->second = rec;
    return;
  }
  if (id >= flushed_) {
    buffer_[id - flushed_] = rec;
    return;
  }
  if (last_read_ && last_read_->first == id) last_read_.reset();
  if (!write_at(fd_, &rec, sizeof(record), offset_of(id, sizeof(record))))
    kept_.insert_or_assign(id, rec);  // read() looks in kept_ first
}

watched_rows::record watched_rows::read(std::uint32_t id) const {
  if (auto it = kept_.find(id); it != kept_.end()) return it->second;
  if (id >= flushed_) return buffer_[id - flushed_];
  if (last_read_ && last_read_->first == id) return last_read_->second;
  record rec;
  if (!read_at(fd_, &rec, sizeof(record), offset_of(id, sizeof(record))))
    throw std::runtime_error("the sync watch's temporary file could not be read back");
  last_read_.emplace(id, rec);
  return rec;
}

}  // namespace acgprov::engine
