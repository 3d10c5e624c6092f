#include "engine/plan/account_snapshot.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace acgprov::engine {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 8> read_only_keys{
    "serviceProvisioningStatus", "serviceProvisioningErrors", "numberCount", "acquiredCapabilities",
    "availableCapabilities",     "assignmentStatus",          "etag",        "subdomainStatus"};

bool is_read_only(std::string_view key) {
  return std::find(read_only_keys.begin(), read_only_keys.end(), key) != read_only_keys.end();
}

// Canonical copy: sorted keys, read-only and empty members dropped. nullopt = "absent".
std::optional<json::value> canonical(const json::value& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_object()) {
    std::vector<std::pair<std::string_view, const json::value*>> members;
    for (const auto& [k, m] : v.as_object())
      if (!is_read_only(k)) members.emplace_back(k, &m);
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    json::object out;
    for (const auto& [k, m] : members)
      if (auto c = canonical(*m)) out[k] = std::move(*c);
    if (out.empty()) return std::nullopt;
    return json::value(std::move(out));
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.as_array())
      if (auto c = canonical(e)) out.push_back(std::move(*c));
    if (out.empty()) return std::nullopt;
    return json::value(std::move(out));
  }
  return v;
}

// FNV-1a, 64 bit: stable across runs and platforms (std::hash is neither promised).
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

held_status status_of(const json::object& o) {
  auto* s = o.if_contains("serviceProvisioningStatus");
  if (!s || !s->is_string()) return held_status::synced;  // no sync applies
  if (s->as_string() == "pending") return held_status::pending;
  if (s->as_string() == "failed") return held_status::failed;
  return held_status::synced;
}

}  // namespace

std::uint64_t resource_digest(const json::object& resource) {
  auto c = canonical(resource);
  return fnv1a(c ? json::serialize(*c) : std::string()) & ~std::uint64_t{3};
}

void account_snapshot::add(const json::object& resource) {
  auto* n = resource.if_contains("telephoneNumber");
  if (!n || !n->is_string()) return;
  auto key = e164_key(n->as_string());
  if (!key) return;
  numbers_.push_back({*key, resource_digest(resource) | static_cast<std::uint64_t>(status_of(resource))});
}

void account_snapshot::seal() {
  std::sort(numbers_.begin(), numbers_.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  numbers_.shrink_to_fit();
}

const held_number* account_snapshot::find(std::string_view e164) const {
  auto key = e164_key(e164);
  if (!key) return nullptr;
  auto it = std::lower_bound(numbers_.begin(), numbers_.end(), *key,
                             [](const held_number& h, std::uint64_t k) { return h.key < k; });
  return it != numbers_.end() && it->key == *key ? &*it : nullptr;
}

std::vector<std::uint64_t> account_snapshot::not_in(const std::vector<std::uint64_t>& wanted) const {
  std::vector<std::uint64_t> out;
  for (const auto& h : numbers_)
    if (!std::binary_search(wanted.begin(), wanted.end(), h.key)) out.push_back(h.key);
  return out;
}

}  // namespace acgprov::engine
