#pragma once
// The pool's connections in use (connecting or exchanging), which a hard stop closes. Each
// one is on the list for exactly the scope of a guard, so an exception inside a step (not an
// error value: a throw from a library) can never leave a dangling entry that abort_all()
// would then touch. Pure: no I/O. `Connection` needs close().
#include <algorithm>
#include <cstddef>
#include <vector>

namespace acgprov::io {

template <class Connection>
class busy_list {
public:
  class guard {
  public:
    guard(busy_list& list, Connection* c) : list_(list), c_(c) { list_.items_.push_back(c_); }
    ~guard() { std::erase(list_.items_, c_); }
    guard(const guard&) = delete;
    guard& operator=(const guard&) = delete;

  private:
    busy_list& list_;
    Connection* c_;
  };

  // Marks `c` in use until the guard goes out of scope, however the scope ends.
  [[nodiscard]] guard mark(Connection* c) { return guard(*this, c); }
  void close_all() {
    for (auto* c : items_) c->close();
  }
  std::size_t size() const { return items_.size(); }

private:
  std::vector<Connection*> items_;
};

}  // namespace acgprov::io
