#include "jobs/input/number_seen.hpp"

#include "jobs/input/number_rules.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace acgprov::jobs {

std::optional<number_seen::first_seen> number_seen::insert(std::string_view e164, std::uint32_t file_index,
                                                           std::uint64_t line) {
  const auto key = is_e164(e164) ? engine::number_index::key_of(e164) : std::nullopt;
  if (!key) throw std::invalid_argument("number_seen: not E.164: " + std::string(e164));
  if (file_index >= max_files)
    throw std::invalid_argument("number_seen: more than " + std::to_string(max_files) + " input files");
  const auto stored = line > std::numeric_limits<std::uint32_t>::max() ? 0 : static_cast<std::uint32_t>(line);
  const auto first = numbers_.index.insert(*key, file_index, stored);
  if (!first) return std::nullopt;
  if (first->tag < engine::run_numbers::watched_tag) return first_seen{first->tag, first->value};
  // The watch holds a row for it: the first sighting is kept with that row.
  if (!numbers_.watched_sighting) return std::nullopt;
  if (auto kept = numbers_.watched_sighting(first->value, {file_index, stored}))
    return first_seen{kept->file, kept->line};
  return std::nullopt;
}

std::uint32_t duplicate_filter::file_index(const std::string& file) {
  // Tasks come file after file: the last name matches almost always.
  if (!files_.empty() && files_.back() == file) return static_cast<std::uint32_t>(files_.size() - 1);
  const auto it = std::find(files_.begin(), files_.end(), file);
  if (it != files_.end()) return static_cast<std::uint32_t>(it - files_.begin());
  files_.push_back(file);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::optional<invalid_row> duplicate_filter::check(const engine::number_task& task) {
  const auto first = seen_.insert(task.number, file_index(task.file), task.line);
  if (!first) return std::nullopt;
  return duplicate_row(task, files_[first->file_index], first->line);
}

}  // namespace acgprov::jobs
