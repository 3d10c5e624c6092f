#include "engine/plan/account_directory.hpp"

#include "engine/request/list_pages.hpp"

#include <algorithm>

namespace acgprov::engine {

std::map<std::string, std::uint64_t> account_directory::counts() const {
  std::map<std::string, std::uint64_t> out;
  for (const auto& [name, e] : accounts) out.emplace(name, e.numbers);
  return out;
}

std::uint64_t numbers_hint(const boost::json::object& account) {
  std::uint64_t most = 0;
  auto* details = account.if_contains("serviceDetails");
  if (!details || !details->is_object()) return 0;
  for (const auto& [key, service] : details->as_object()) {
    if (!service.is_object()) continue;
    auto* count = service.as_object().if_contains("numberCount");
    if (count && count->is_int64() && count->as_int64() > 0)
      most = std::max(most, static_cast<std::uint64_t>(count->as_int64()));
    else if (count && count->is_uint64()) most = std::max(most, count->as_uint64());
  }
  return most;
}

awaitable<std::optional<account_directory>> read_account_directory(run_context& ctx) {
  account_directory dir;
  auto add = [&dir](const boost::json::object& account) {
    auto* name = account.if_contains("name");
    if (!name || !name->is_string()) return;
    dir.accounts[std::string(name->as_string())] = directory_entry{numbers_hint(account), account};
  };
  auto read = co_await read_pages(ctx, counted_list_target(ctx, accounts_path()), request_kind::read, add);
  if (!read.complete) co_return std::nullopt;
  for (const auto& [name, e] : dir.accounts) ctx.account_sizes[name] = e.numbers;
  co_return std::move(dir);
}

}  // namespace acgprov::engine
