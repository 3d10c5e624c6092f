#include "engine/write/batch_builder.hpp"

#include <algorithm>

namespace acgprov::engine {

batch_builder::batch_builder(std::size_t batch_size, std::size_t max_buffered)
    : batch_size_(std::clamp<std::size_t>(batch_size, 1, max_batch_size)),
      max_buffered_(std::max(max_buffered, batch_size_)) {}

number_batch batch_builder::take(std::map<key, std::vector<number_task>>::iterator it) {
  number_batch b{it->first.first, it->first.second, std::move(it->second)};
  buffered_ -= b.tasks.size();
  open_.erase(it);
  return b;
}

std::optional<number_batch> batch_builder::add(number_task task) {
  key k{task.account, task.action};
  auto it = open_.try_emplace(std::move(k)).first;
  it->second.push_back(std::move(task));
  ++buffered_;
  if (it->second.size() >= batch_size_) return take(it);
  if (buffered_ > max_buffered_) return take_largest();
  return std::nullopt;
}

std::optional<number_batch> batch_builder::take_largest() {
  if (open_.empty()) return std::nullopt;
  auto largest = std::max_element(open_.begin(), open_.end(),
                                  [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
  return take(largest);
}

}  // namespace acgprov::engine
