#pragma once
// Text that leaves the process (report, summary, log) is always valid UTF-8, whatever a
// server sent: a report that is not UTF-8 cannot be read back by --resume. No Asio.
#include <cstddef>
#include <string>
#include <string_view>

namespace acgprov::io {

// Whether `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// `s` with every byte that is not part of a well-formed sequence replaced by U+FFFD. A copy
// of `s` when it is valid already.
std::string valid_utf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not end inside a
// character (of valid UTF-8 `s`): where to cut a long text.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace acgprov::io
