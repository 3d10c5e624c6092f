#pragma once
// What an account holds, as compactly as the plan needs it: for every number, a digest of its
// resource (the fields a client sets, in canonical form) and its sync status. 16 bytes a
// number, so an account of 1,000,000 numbers costs 16 MB. Pure: no I/O.
#include "engine/e164_key.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::engine {

// A digest of a NumberResource as a client writes it: read-only members (status, errors,
// numberCount, acquired/available capabilities, assignmentStatus), nulls, empty objects and
// empty arrays are dropped, and keys are sorted, so an export and the API's answer for the
// same settings digest alike.
std::uint64_t resource_digest(const boost::json::object& resource);

enum class held_status : std::uint8_t { synced = 0, pending = 1, failed = 2 };

struct held_number {
  std::uint64_t key = 0;
  std::uint64_t digest = 0;  // low two bits: held_status
  held_status status() const { return static_cast<held_status>(digest & 3); }
};

class account_snapshot {
public:
  // Adds one NumberResource as the list returned it. Ignored if it has no valid number.
  void add(const boost::json::object& resource);
  // Sorts for lookup; call once after the last add().
  void seal();
  const held_number* find(std::string_view e164) const;
  std::size_t size() const { return numbers_.size(); }
  // The numbers held that are not in `wanted` (sorted keys): what --prune deletes.
  std::vector<std::uint64_t> not_in(const std::vector<std::uint64_t>& wanted) const;
  // Whether `digest` (from resource_digest) matches what is held, ignoring the status bits.
  static bool same_resource(const held_number& held, std::uint64_t digest) { return (held.digest | 3) == (digest | 3); }

private:
  std::vector<held_number> numbers_;
};

}  // namespace acgprov::engine
