#include "jobs/resume.hpp"

#include "io/report_reader.hpp"

#include <algorithm>
#include <numeric>
#include <sys/stat.h>

namespace acgprov::jobs {

namespace {
constexpr unsigned outcome_bits = 4;
static_assert(static_cast<unsigned>(model::outcome::unchanged) < (1u << outcome_bits));
}  // namespace

bool finishes_row(model::outcome o) {
  return o != model::outcome::skipped && o != model::outcome::error && o != model::outcome::timeout;
}

std::uint64_t number_key(std::string_view e164) {
  if (e164.size() < 2 || e164.size() > 16 || e164[0] != '+') return 0;
  std::uint64_t n = 0;
  for (char c : e164.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

finished_rows::file_rows& finished_rows::rows_of(std::string_view file) {
  if (last_ < files_.size() && files_[last_].file == file) return files_[last_];
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].file == file) {
      last_ = i;
      return files_[i];
    }
  files_.push_back({std::string(file), {}, {}});
  last_ = files_.size() - 1;
  return files_.back();
}

const finished_rows::file_rows* finished_rows::find_file(std::string_view file) const {
  if (last_ < files_.size() && files_[last_].file == file) return &files_[last_];
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].file == file) {
      last_ = i;
      return &files_[i];
    }
  return nullptr;
}

void finished_rows::add(std::string_view file, std::uint64_t line, model::outcome outcome, std::uint64_t number) {
  auto& f = rows_of(file);
  f.keys.push_back(line << outcome_bits | static_cast<std::uint64_t>(outcome));
  f.numbers.push_back(number);
}

void finished_rows::seal() {
  size_ = 0;
  for (auto& f : files_) {
    // Stable by line: among the rows of one line, report order is kept, so the last is final.
    std::vector<std::uint32_t> order(f.keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return f.keys[a] >> outcome_bits < f.keys[b] >> outcome_bits; });
    std::vector<std::uint64_t> keys, numbers;
    for (std::size_t i = 0; i < order.size(); ++i) {
      const bool last_of_line =
          i + 1 == order.size() || f.keys[order[i + 1]] >> outcome_bits != f.keys[order[i]] >> outcome_bits;
      if (!last_of_line) continue;
      const auto key = f.keys[order[i]];
      if (!finishes_row(static_cast<model::outcome>(key & ((1u << outcome_bits) - 1)))) continue;
      keys.push_back(key);
      numbers.push_back(f.numbers[order[i]]);
    }
    keys.shrink_to_fit();
    numbers.shrink_to_fit();
    f.keys = std::move(keys);
    f.numbers = std::move(numbers);
    size_ += f.keys.size();
  }
}

std::optional<finished_rows::entry> finished_rows::find(std::string_view file, std::uint64_t line) const {
  const auto* f = find_file(file);
  if (!f) return std::nullopt;
  auto it = std::lower_bound(f->keys.begin(), f->keys.end(), line << outcome_bits);
  if (it == f->keys.end() || *it >> outcome_bits != line) return std::nullopt;
  const auto i = static_cast<std::size_t>(it - f->keys.begin());
  return entry{static_cast<model::outcome>(*it & ((1u << outcome_bits) - 1)), f->numbers[i]};
}

std::size_t finished_rows::memory_bytes() const {
  std::size_t n = 0;
  for (const auto& f : files_) n += (f.keys.capacity() + f.numbers.capacity()) * sizeof(std::uint64_t) + f.file.size();
  return n;
}

resume_point read_resume_point(const std::string& path) {
  resume_point p;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || st.st_size == 0) {
    p.finished.seal();
    return p;  // nothing written yet: a fresh run
  }
  p.report_exists = true;
  io::report_reader reader(path);
  while (auto row = reader.next()) {
    ++p.report_rows;
    p.finished.add(row->file, row->line, row->outcome, number_key(row->telephone_number));
  }
  p.torn = reader.torn();
  p.valid_bytes = reader.valid_bytes();
  p.finished.seal();
  return p;
}

}  // namespace acgprov::jobs
