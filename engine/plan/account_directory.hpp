#pragma once
// The one page (500 accounts a page) of GET /accounts a run reads first: every account's
// services and, per service, its numberCount. The plan prices its reads with the counts (an
// account that holds nothing needs no read; many small accounts are read through GET /numbers)
// and the preflight checks rows against the accounts' services without a GET each. The counts
// are hints taken at the start of the run, never proof of what an account holds.
#include "engine/run_context.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace acgprov::engine {

struct directory_entry {
  std::uint64_t numbers = 0;     // the largest numberCount of its services: a lower bound
  boost::json::object resource;  // the AccountResource as the list showed it
};

struct account_directory {
  std::map<std::string, directory_entry> accounts;

  const directory_entry* find(const std::string& name) const {
    auto it = accounts.find(name);
    return it == accounts.end() ? nullptr : &it->second;
  }
  std::map<std::string, std::uint64_t> counts() const;
};

// The numbers an AccountResource says it holds: the largest per-service numberCount (a number
// counts under every service it enables, so the sum would count some twice).
std::uint64_t numbers_hint(const boost::json::object& account);

// Every page of GET /accounts; nullopt when the list could not be read whole (then every
// account is read on its own, as without a directory).
awaitable<std::optional<account_directory>> read_account_directory(run_context& ctx);

}  // namespace acgprov::engine
