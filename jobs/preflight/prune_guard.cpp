#include "jobs/preflight/prune_guard.hpp"

#include "engine/plan/account_snapshot.hpp"
#include "jobs/input/number_row.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <variant>

namespace acgprov::jobs {

namespace {

// Where the rows with an unreadable number are, for the refusal's message.
struct unreadable_rows {
  std::vector<std::string> first;  // "file:line: why", the first few
  std::uint64_t count = 0;

  void add(const io::input_record& rec, std::string_view why) {
    if (first.size() < 5) first.push_back(rec.file + ":" + std::to_string(rec.line) + ": " + std::string(why));
    ++count;
  }
  std::string message() const {
    std::string out = "--prune refused: the telephone number of " + std::to_string(count) +
                      (count == 1 ? " input row" : " input rows") +
                      " cannot be read, and prune must never delete a number the input names (fix " +
                      (count == 1 ? "it" : "them") + " or run without --prune):";
    for (const auto& f : first) out += "\n  " + f;
    if (count > first.size()) out += "\n  ... and " + std::to_string(count - first.size()) + " more";
    return out;
  }
};

std::string_view trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Every "+digits" run of `text` that is an E.164 number.
std::vector<std::uint64_t> e164_numbers_in(std::string_view text) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = text.find('+'); i != std::string_view::npos; i = text.find('+', i + 1)) {
    std::size_t end = i + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (auto key = engine::e164_key(text.substr(i, end - i))) out.push_back(*key);
  }
  return out;
}

}  // namespace

std::vector<std::uint64_t> numbers_named_by(const io::input_record& rec) {
  if (!rec.error.empty()) return e164_numbers_in(rec.partial_text);
  std::optional<std::uint64_t> key;
  if (!rec.fields.empty()) {
    for (const auto& [name, value] : rec.fields)
      if (name == "telephoneNumber") key = engine::e164_key(trimmed(value));
  } else if (const auto* v = rec.object.if_contains("telephoneNumber"); v && v->is_string()) {
    key = engine::e164_key(v->get_string());
  }
  if (!key) return {};
  return {*key};
}

numbers_by_account named_numbers(const std::vector<input_spec>& inputs) {
  // The readers themselves, not input_rows: a refused row is exactly what must be seen here.
  std::vector<std::unique_ptr<io::record_reader>> readers;
  for (const auto& in : inputs) readers.push_back(io::open_reader(in.path, in.format));
  numbers_by_account out;
  std::vector<std::uint64_t> everywhere;  // named by refused rows: kept in every account
  unreadable_rows unreadable;
  for (auto& reader : readers) {
    while (auto rec = reader->next()) {
      auto checked = to_number_task(*rec);
      if (auto* task = std::get_if<engine::number_task>(&checked)) {
        if (auto key = engine::e164_key(task->number)) out[task->account].push_back(*key);
        continue;
      }
      auto keys = numbers_named_by(*rec);
      if (keys.empty())
        unreadable.add(*rec, rec->error.empty() ? "telephoneNumber is missing or not E.164"
                                                : rec->error + " (and no E.164 number can be read from it)");
      everywhere.insert(everywhere.end(), keys.begin(), keys.end());
    }
    reader.reset();  // free its buffer as soon as the file is done
  }
  if (unreadable.count > 0) throw prune_refused(unreadable.message());
  for (auto& [account, keys] : out) {
    keys.insert(keys.end(), everywhere.begin(), everywhere.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  return out;
}

std::optional<std::string> check_prune_limits(const std::map<std::string, account_prune>& plan, prune_limits limits) {
  std::uint64_t total = 0;
  for (const auto& [account, p] : plan) {
    total += p.deletes;
    if (limits.max_percent && p.held > 0) {
      double share = 100.0 * static_cast<double>(p.deletes) / static_cast<double>(p.held);
      if (share > *limits.max_percent) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f%%", share);
        return "--prune would delete " + std::to_string(p.deletes) + " of the " + std::to_string(p.held) +
               " numbers of account " + account + " (" + buf + "), more than --max-deletes allows";
      }
    }
  }
  if (limits.max_total && total > *limits.max_total)
    return "--prune would delete " + std::to_string(total) + " numbers, more than --max-deletes " +
           std::to_string(*limits.max_total);
  return std::nullopt;
}

}  // namespace acgprov::jobs
