#pragma once
// If-Match / If-None-Match (RFC 9110 §13) as Azure Core applies them. ETags compare strongly
// for writes; a W/ prefix is accepted and ignored on reads.
#include <string>
#include <string_view>

namespace acgprov::sim {

enum class precondition { proceed, failed, not_modified };

// `current` is the resource's ETag, or nullptr when it does not exist. `is_read` selects GET
// semantics (a matching If-None-Match gives 304 instead of 412).
precondition check_preconditions(std::string_view if_match, std::string_view if_none_match, const std::string* current,
                                 bool is_read);

}  // namespace acgprov::sim
