#pragma once
// Groups rows into batch requests: per account and action, at most 100 numbers each (the
// API's limit for :createOrUpdateNumbers and :deleteNumbers). Pure: no I/O.
#include "engine/number_task.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace acgprov::engine {

inline constexpr std::size_t max_batch_size = 100;

struct number_batch {
  std::string account;
  number_action action = number_action::upsert;
  std::vector<number_task> tasks;
};

class batch_builder {
public:
  // max_buffered: rows held in open batches before the largest is sent early, so that an
  // input spread over very many accounts cannot fill memory.
  explicit batch_builder(std::size_t batch_size = max_batch_size, std::size_t max_buffered = 20'000);

  // Adds a row; returns a batch when one is full (or when the buffer limit forces one out).
  std::optional<number_batch> add(number_task task);
  // The largest open batch, if any (at the end of the input, or to keep workers busy).
  std::optional<number_batch> take_largest();
  std::size_t buffered() const { return buffered_; }
  bool empty() const { return buffered_ == 0; }

private:
  using key = std::pair<std::string, number_action>;
  number_batch take(std::map<key, std::vector<number_task>>::iterator it);

  std::size_t batch_size_;
  std::size_t max_buffered_;
  std::map<key, std::vector<number_task>> open_;
  std::size_t buffered_ = 0;
};

}  // namespace acgprov::engine
